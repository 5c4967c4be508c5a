/**
 * Labels view zoom/pan response (issue "workbench UI", item 8): a year of 5-minute data for
 * 4 objects × 10 counters (105,120 rows per object) and ~50 label spans in a temp workspace,
 * served by an in-process Engine + loopback server, rendered in Debian's Chromium; then N zoom
 * (`+`/`-`, wheel) and pan (drag) interactions, each timed by the chart itself from the input to
 * its `finished` event once any re-query of points is drawn (LabelChart's data-last-interaction-ms).
 * Target: under 100 ms per interaction (p95).
 *
 *   npx tsx bench/labels-view.bench.ts        (BENCH_INTERACTIONS=30; BENCH_QUICK=1 → 10)
 *   BENCH_RENDERER_DIR=/path/to/renderer      serve another renderer build (e.g. a copy of an earlier
 *                                             dist/renderer) to compare before/after back to back
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { INTERACTION_CYCLE, interact, openLabels, percentile, startPerfServer, YEAR_POINTS, PERF_OBJECTS, PERF_COUNTERS, type InteractionTiming } from '../e2e/pages/labels-perf';

const root = process.cwd();
const N = Number(process.env['BENCH_INTERACTIONS'] ?? (process.env['BENCH_QUICK'] ? 10 : 30));
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

if (!existsSync(join(root, 'dist/renderer/index.html'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

const fmt = (ms: number) => ms.toFixed(1);
const rendererDir = process.env['BENCH_RENDERER_DIR'];
const server = await startPerfServer({ root, ...(rendererDir ? { rendererDir } : {}) });
if (rendererDir) console.log(`renderer: ${rendererDir}`);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
});
try {
  console.log(`workspace: ${server.rows} rows (${PERF_OBJECTS.length} objects × ${YEAR_POINTS} × ${PERF_COUNTERS.length} counters) + 50 spans written in ${fmt(server.fillMs)} ms`);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const firstRender = await openLabels(page, server.url);
  console.log(`first render: ${firstRender} ms (click Labels → chart drawn with the overview of all ${PERF_OBJECTS.length * PERF_COUNTERS.length} series)`);
  // One warm-up cycle step is not counted (JIT, first detail query).
  await interact(page, 'key-in');
  await interact(page, 'key-out');
  const timings: InteractionTiming[] = [];
  for (let i = 0; i < N; i++) timings.push(await interact(page, INTERACTION_CYCLE[i % INTERACTION_CYCLE.length]!));
  const byKind = new Map<string, number[]>();
  for (const t of timings) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t.ms]);
  for (const [kind, xs] of byKind) console.log(`  ${kind.padEnd(9)} n=${xs.length}  median ${fmt(percentile(xs, 50))} ms  max ${fmt(Math.max(...xs))} ms`);
  const ms = timings.map((t) => t.ms);
  const paint = timings.map((t) => t.paintMs);
  const med = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  console.log(`first frame after input: median ${fmt(percentile(paint, 50))} ms, p95 ${fmt(percentile(paint, 95))} ms`);
  console.log(`interactions: ${N}, median ${fmt(med)} ms, p95 ${fmt(p95)} ms (input → settled, incl. re-query)`);
  console.log(`labels view: median ${fmt(med)} ms, p95 ${fmt(p95)} ms per interaction (year of 5-min data, 4 objects × 10 counters); target 100 ms: ratio ${(100 / p95).toFixed(2)}`);
} finally {
  await browser.close();
  await server.close();
}
