#!/usr/bin/env node
// `npm run bench`: every benchmark in its own process, one after another (no two measure at the
// same time), printing numbers and ratios. BENCH_QUICK=1 runs the short variants.
// `npm run bench -- train` runs only the benchmarks whose file name contains "train".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const only = process.argv.slice(2);
// Import first (cheap), training last (longest).
const order = ['scouter-import', 'import-to-duckdb', 'access-log', 'labels-view', 'train'];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort((a, b) => {
    const ia = order.findIndex((o) => a.startsWith(o));
    const ib = order.findIndex((o) => b.startsWith(o));
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
// Benchmarks use the worker bundles and the built renderer: build what they measure.
spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, f)], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`!!! ${f} exited with ${r.status}\n`);
  }
}
process.exit(failed ? 1 : 0);
