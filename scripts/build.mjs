#!/usr/bin/env node
// Builds Vigil: esbuild bundles the main-process side (CLI, workers, Electron main + preload),
// Vite builds the renderer. `--main` skips the renderer (used by unit tests that spawn workers).
import { build } from 'esbuild';
import { existsSync, readdirSync, mkdirSync, cpSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const onlyMain = process.argv.includes('--main');

// Native or heavy packages stay outside the bundle and load from node_modules at run time.
const external = [
  'electron',
  '@duckdb/node-api',
  '@duckdb/node-bindings',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-backend-wasm',
  // one tfjs-core for everything: the backends above load node_modules' copy, and a second
  // bundled one would register the platform and flags twice
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-layers',
  'ws',
  'bufferutil',
  'utf-8-validate',
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  absWorkingDir: root,
};

const workerDir = join(root, 'src-main/workers');
const workerEntries = existsSync(workerDir)
  ? readdirSync(workerDir).filter((f) => f.endsWith('-worker.ts')).map((f) => join(workerDir, f))
  : [];

const esmBanner = {
  // Bundled ESM has no require(); some CommonJS dependencies call it.
  js: "import { createRequire as __vigilCreateRequire } from 'node:module'; const require = __vigilCreateRequire(import.meta.url);",
};

const jobs = [
  build({ ...common, format: 'esm', banner: esmBanner, entryPoints: { main: join(root, 'src-main/cli/main.ts') }, outdir: join(root, 'dist/cli'), outExtension: { '.js': '.mjs' } }),
];
if (workerEntries.length > 0) {
  jobs.push(
    build({
      ...common,
      format: 'esm',
      banner: esmBanner,
      entryPoints: Object.fromEntries(workerEntries.map((f) => [basename(f, '.ts'), f])),
      outdir: join(root, 'dist/workers'),
      outExtension: { '.js': '.mjs' },
    }),
  );
}
if (existsSync(join(root, 'src-main/electron/main.ts'))) {
  jobs.push(
    build({ ...common, format: 'cjs', entryPoints: { main: join(root, 'src-main/electron/main.ts') }, outdir: join(root, 'dist/electron'), outExtension: { '.js': '.cjs' } }),
    build({ ...common, format: 'cjs', entryPoints: { preload: join(root, 'src-main/electron/preload.ts') }, outdir: join(root, 'dist/electron'), outExtension: { '.js': '.cjs' } }),
  );
}
await Promise.all(jobs);

if (!onlyMain && existsSync(join(root, 'src-renderer/index.html'))) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
mkdirSync(join(root, 'dist'), { recursive: true });
if (existsSync(join(root, 'resources/icons'))) cpSync(join(root, 'resources/icons'), join(root, 'dist/icons'), { recursive: true });
