import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = process.env.CONGVU_API_URL ?? 'http://localhost:3000';

// Only the server's own paths: '/api' alone would also catch the app's src/web/api/*.ts modules.
const proxy = Object.fromEntries(['^/api/(v1|docs|openapi)', '/open311', '/health'].map((p) => [p, { target: apiTarget, changeOrigin: false }]));

// The web app lives in src/web and is built into dist/web, which the server serves at / with an
// SPA fallback. In development `vite` proxies the API to a running `congvu serve`.
export default defineConfig({
  root: path.join(repoRoot, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: process.env.CONGVU_WEB_DIR ? path.resolve(process.env.CONGVU_WEB_DIR) : path.join(repoRoot, 'dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5173, fs: { allow: [repoRoot] }, proxy },
  preview: { proxy },
});
