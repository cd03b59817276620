#!/usr/bin/env node
// The `congvu` command. The TypeScript sources are bundled on demand by esbuild (the one tsx ships)
// into node_modules/.cache/congvu, and the bundle runs on plain Node: no loader-hooks thread, no
// per-file transpiling and resolving on every start (that was half of the server's start-up time
// and ~70 MB of its memory). The bundle is rebuilt whenever a file it was built from changes (size
// or mtime), so there is still no separate build step for the server.
// Packages stay external (loaded from node_modules as usual) except BUNDLED_PACKAGES: ESM packages
// of hundreds of files that only these sources import; bundled and tree-shaken they load as one
// file instead of file by file (echarts/charts alone is 600 files). `import.meta.url` keeps naming
// the original source file, and stack traces name the TypeScript sources (source maps).
// CONGVU_TSX=1 runs the sources through tsx instead, as before; so does any failure to build or
// to write the cache (a syntax error is then reported by tsx).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'src/cli/main.ts';
const CACHE = path.join(ROOT, 'node_modules/.cache/congvu');
const MANIFEST = path.join(CACHE, 'manifest.json');
// Bump when the build options below change.
const BUILD_FORMAT = 2;
const BUNDLED_PACKAGES = new Set(['echarts', 'zrender', 'tslib', 'kysely']);
// Files that change how the sources compile, besides the sources themselves.
const CONFIG_FILES = ['tsconfig.json', 'package.json', 'bin/congvu.mjs'];

function statKey(rel) {
  const st = fs.statSync(path.join(ROOT, rel), { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}` : 'missing';
}

/** The cached bundle when every file it was built from is unchanged, else null. */
function cachedBundle() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.format !== BUILD_FORMAT || manifest.node !== process.versions.node) return null;
  for (const [rel, key] of Object.entries(manifest.inputs)) if (statKey(rel) !== key) return null;
  const bundle = path.join(CACHE, manifest.bundle);
  return fs.existsSync(bundle) ? bundle : null;
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    // Not hoisted: take the copy tsx depends on.
    const fromTsx = createRequire(fileURLToPath(import.meta.resolve('tsx/esm/api')));
    return await import(pathToFileURL(fromTsx.resolve('esbuild')).href);
  }
}

function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

const packageName = (specifier) => specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');

async function buildBundle() {
  const esbuild = await loadEsbuild();
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      outfile: path.join(CACHE, 'main.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      // Class and function names stay as written (error names, logs) even when two modules share one.
      keepNames: true,
      // Less source text held in memory for the process' lifetime; the source map keeps lines.
      minifyWhitespace: true,
      legalComments: 'none',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'congvu-externals',
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true }));
          },
        },
        {
          name: 'congvu-import-meta',
          setup(build) {
            // Each source keeps its own import.meta.url (paths to assets, the repository root).
            build.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
              const source = await fs.promises.readFile(args.path, 'utf8');
              const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) =>
                JSON.stringify(key === 'url' ? pathToFileURL(args.path).href : key === 'dirname' ? path.dirname(args.path) : args.path),
              );
              return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
            });
          },
        },
      ],
    });
  } finally {
    // esbuild's service process would otherwise live (and hold ~100 MB) as long as this one.
    await esbuild.stop?.();
  }
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const hash = createHash('sha256').update(code.contents).digest('hex').slice(0, 16);
  const dir = path.join(CACHE, hash);
  fs.mkdirSync(dir, { recursive: true });
  // The map's source paths are relative to its folder: rebase them on this one.
  const mapJson = JSON.parse(map.text);
  mapJson.sources = mapJson.sources.map((s) => path.relative(dir, path.resolve(CACHE, s)));
  writeAtomic(path.join(dir, 'main.mjs.map'), JSON.stringify(mapJson));
  writeAtomic(path.join(dir, 'main.mjs'), code.contents);
  // A bundled package counts as its package.json (its version), not as its hundreds of files.
  const inputs = {};
  const files = Object.keys(result.metafile.inputs).map((rel) => rel.replace(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/.*$/, '$1/package.json'));
  for (const rel of new Set([...files, ...CONFIG_FILES])) inputs[rel] = statKey(rel);
  writeAtomic(MANIFEST, JSON.stringify({ format: BUILD_FORMAT, node: process.versions.node, bundle: `${hash}/main.mjs`, inputs }));
  // Earlier bundles, once no process can still be starting from them.
  for (const entry of fs.readdirSync(CACHE, { withFileTypes: true })) {
    const old = path.join(CACHE, entry.name);
    if (entry.isDirectory() && entry.name !== hash && Date.now() - fs.statSync(old).mtimeMs > 10 * 60_000) fs.rmSync(old, { recursive: true, force: true });
  }
  return path.join(dir, 'main.mjs');
}

async function bundled() {
  if (process.env.CONGVU_TSX === '1') return null;
  const cached = cachedBundle();
  if (cached) return cached;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    return await buildBundle();
  } catch (error) {
    if (process.env.CONGVU_DEBUG_BUNDLE) console.error('congvu: bundling failed, running the sources through tsx:', error);
    return null;
  }
}

async function runBundle(bundle) {
  try {
    await import(pathToFileURL(bundle).href);
  } catch (error) {
    // Removed by a concurrent rebuild between reading the manifest and loading it: build again.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || fs.existsSync(bundle)) throw error;
    const rebuilt = await bundled();
    if (!rebuilt) return runTsx();
    await import(pathToFileURL(rebuilt).href);
  }
}

async function runTsx() {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}

const bundle = await bundled();
if (bundle) {
  process.setSourceMapsEnabled(true);
  await runBundle(bundle);
} else {
  await runTsx();
}
