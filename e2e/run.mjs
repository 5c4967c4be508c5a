#!/usr/bin/env node
// `npm run test:e2e`: starts `vigil serve` on a fresh temp workspace and config dir, hands its
// URL (with the per-start token) to Playwright as VIGIL_URL, and stops the server afterwards.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
const workspace = join(tmp, 'workspace');
const urlFile = join(tmp, 'url');
const env = { ...process.env, VIGIL_CONFIG_DIR: join(tmp, 'config') };

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: Chromium not found at ${chromium}. Install it with \`apt-get install -y chromium\` (the CI script does).`);
  process.exit(1);
}

const server = spawn(process.execPath, [join(root, 'bin/vigil.mjs'), 'serve', '--workspace', workspace, '--url-file', urlFile], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', () => {
  stop();
  rmSync(tmp, { recursive: true, force: true });
});

const deadline = Date.now() + 60_000;
while (!existsSync(urlFile)) {
  if (server.exitCode !== null) {
    console.error(`e2e: vigil serve exited with code ${server.exitCode}`);
    process.exit(1);
  }
  if (Date.now() > deadline) {
    console.error('e2e: vigil serve did not start within 60 s');
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
const url = readFileSync(urlFile, 'utf8').trim();
const pw = spawn(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)], {
  cwd: root,
  env: { ...env, VIGIL_URL: url, VIGIL_E2E_WORKSPACE: workspace },
  stdio: 'inherit',
});
pw.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 1;
});
