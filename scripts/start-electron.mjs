#!/usr/bin/env node
// `npm start`: opens the desktop app where the Electron binary exists. The binary downloads on
// first install on a machine with internet; where it could not (ELECTRON_SKIP_BINARY_DOWNLOAD=1,
// offline CI), say so and point to the browser mode, which runs the same UI and engine.
import { existsSync } from 'node:fs';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bin = electronBinary();
  if (!bin) {
    process.stderr.write(
      'The Electron binary is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline).\n' +
        'To get it on a machine with internet: `node node_modules/electron/install.js`.\n' +
        'Meanwhile the same app runs in your browser: `npx vigil serve` and open the printed URL.\n',
    );
    process.exit(1);
  }
  if (!existsSync(join(root, 'dist/electron/main.cjs'))) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  const child = spawn(bin, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
