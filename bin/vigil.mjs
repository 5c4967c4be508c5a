#!/usr/bin/env node
// The `vigil` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (run automatically by `npm ci`/`npm install`); build here once if that step was skipped.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/cli/main.mjs');
if (!existsSync(entry)) {
  process.stderr.write('vigil: first run, building (npm run build)…\n');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
}
await import(pathToFileURL(entry).href);
