import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles.css';

// A new release replaces the hashed chunks: a tab opened before it fails to load a lazy page.
// Reload once to fetch the new index (Vite's recipe), never in a loop.
window.addEventListener('vite:preloadError', (event) => {
  const key = 'congvu.chunkReloadAt';
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(key) ?? 0);
    sessionStorage.setItem(key, String(Date.now()));
  } catch {
    // Storage unavailable: still reload once for this page.
  }
  if (Date.now() - last > 30_000) {
    event.preventDefault();
    window.location.reload();
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
