import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LabelSpan, Provenance } from '../../shared/domain/labels';
import { PAPER_COUNTERS, type ObjectSeries } from '../../shared/domain/series';
import { Engine } from '../../src-main/services/engine';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/services/loopback/loopback-server';
import { createLabelSet } from '../../src-main/services/workspace/label-store';
import { writeSeries } from '../../src-main/services/workspace/series-store';
import { mulberry32 } from '../../src-main/core/windows/prng';

/**
 * The labels-view performance scenario, shared by `bench/labels-view.bench.ts` (timings, target
 * 100 ms per interaction) and `e2e/labels-perf.spec.ts` (it works, timings as an annotation):
 * a temp workspace with a year of 5-minute data for 4 objects × 10 counters and ~50 label spans,
 * served in-process by an Engine + loopback server, and the zoom/pan interactions on the chart.
 * No DOM types here: the bench type-checks with the main (Node) config.
 */

export const PERF_OBJECTS = ['/PERF-WAS/WAS-A', '/PERF-WAS/WAS-B', '/PERF-WAS/WAS-C', '/PERF-WAS/WAS-D'] as const;
export const PERF_COUNTERS: readonly string[] = PAPER_COUNTERS;
const CADENCE_MS = 300_000;
/** 365 days of 5-minute points. */
export const YEAR_POINTS = 365 * 288;
const T0 = Date.UTC(2024, 0, 1);

/** Deterministic PRNG: the protocol's mulberry32 (PROTOCOL.md §2). */
const rng = mulberry32;

/**
 * One object's year: a daily and weekly load curve drives TPS / active services / users; times
 * and GC follow load with noise; the heap saw-tooths between GCs; rare incidents spike latency;
 * a few short gaps are missing values (NaN), never zeros.
 */
export function yearOfSeries(object: string, index: number, points = YEAR_POINTS): ObjectSeries {
  const C = PERF_COUNTERS.length;
  const times = new Float64Array(points);
  const values = new Float64Array(points * C);
  const rand = rng(1000 + index);
  const scale = 1 + index * 0.35;
  let heap = 400;
  let incident = 0;
  for (let i = 0; i < points; i++) {
    const t = T0 + i * CADENCE_MS;
    times[i] = t;
    const hour = ((t / 3_600_000) % 24 + 9) % 24; // local time, UTC+9
    const day = Math.floor(t / 86_400_000 + 4) % 7; // 0 = Sunday
    const daily = 0.25 + 0.75 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI)) ** 1.5;
    const weekly = day === 0 || day === 6 ? 0.45 : 1;
    const trend = 1 + 0.3 * (i / points);
    const load = daily * weekly * trend;
    if (incident === 0 && rand() < 0.0004) incident = 3 + Math.floor(rand() * 24);
    const spike = incident > 0 ? 4 + rand() * 6 : 1;
    if (incident > 0) incident--;
    const tps = Math.max(0, 120 * scale * load * (0.9 + 0.2 * rand()));
    const elapsed = (80 + 40 * load + 20 * rand()) * spike;
    const gcCount = Math.round(2 + 10 * load * rand());
    heap = heap + 15 * load + 10 * rand();
    if (heap > 1800 || rand() < 0.02) heap = 350 + 100 * rand();
    const row = [
      Math.round(tps * elapsed / 1000 * (0.8 + 0.4 * rand())), // ActiveService
      elapsed * (0.6 + 0.2 * rand()), // ApiTimeByService
      elapsed, // ElapsedTime
      Math.round(900 * scale * load * (0.95 + 0.1 * rand())), // RecentUser
      Math.round(tps * 300), // ServiceCount (per 5 min)
      tps, // TPS
      gcCount, // GcCount
      gcCount * (8 + 6 * rand()) * (spike > 1 ? 2 : 1), // GcTime
      heap, // HeapUsed
      elapsed * (0.2 + 0.15 * rand()), // SqlTimeByService
    ];
    // ~0.1 % missing, in short runs.
    const missing = i % 9973 < 6 && index % 2 === 0;
    for (let c = 0; c < C; c++) values[i * C + c] = missing ? NaN : (row[c] as number);
  }
  return { object, objType: 'tomcat', counters: [...PERF_COUNTERS], cadenceMs: CADENCE_MS, times, values };
}

/** ~`n` label spans over the year: health-check (some for all objects), human and model. */
export function perfSpans(n = 50, points = YEAR_POINTS): LabelSpan[] {
  const rand = rng(7);
  const kinds: Provenance[] = ['health-check', 'health-check', 'human', 'model'];
  const out: LabelSpan[] = [];
  for (let k = 0; k < n; k++) {
    const start = T0 + Math.floor(((k + rand() * 0.8) / n) * points) * CADENCE_MS;
    const minutes = 10 + Math.floor(rand() * 110);
    const provenance = kinds[k % kinds.length] as Provenance;
    out.push({ id: `perf-${k}`, object: k % 3 === 0 ? null : (PERF_OBJECTS[k % PERF_OBJECTS.length] as string), startMs: start, endMs: start + minutes * 60_000, provenance });
  }
  return out;
}

export interface PerfServer {
  url: string;
  engine: Engine;
  /** Rows written (4 × 105,120 for a year). */
  rows: number;
  fillMs: number;
  close(): Promise<void>;
}

/**
 * Temp workspace + config dir, filled with `points` 5-minute rows per object and ~50 spans
 * (`writeSeries` / `createLabelSet` in one transaction), served on 127.0.0.1 by an in-process
 * Engine (renderer from dist/renderer: run `node scripts/build.mjs` first; or `rendererDir`, e.g. an
 * earlier build to compare with).
 */
export async function startPerfServer(opts: { root?: string; points?: number; rendererDir?: string } = {}): Promise<PerfServer> {
  const root = opts.root ?? process.cwd();
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-labels-perf-'));
  const engine = await Engine.create({ root, transport: 'loopback', workspaceDir: join(tmp, 'workspace'), configDir: join(tmp, 'config'), poolSize: 1 });
  let server: LoopbackServer | null = null;
  try {
    const t0 = performance.now();
    const rows = await engine.workspace.transaction(async (tx) => {
      const n = await writeSeries(tx, PERF_OBJECTS.map((o, i) => yearOfSeries(o, i, opts.points)));
      await createLabelSet(tx, 'perf labels', { gapFactor: 3, businessHours: null }, perfSpans(50, opts.points), { kind: 'create', source: 'health-check', note: 'labels-view perf scenario' });
      return n;
    });
    const fillMs = performance.now() - t0;
    server = await startLoopbackServer(engine, { port: 0, rendererDir: opts.rendererDir ?? engine.paths.renderer });
    const s = server;
    return {
      url: s.url,
      engine,
      rows,
      fillMs,
      close: async () => {
        await s.close();
        await engine.close();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.close();
    await engine.close();
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

export type Interaction = 'key-in' | 'key-out' | 'wheel-in' | 'wheel-out' | 'pan-left' | 'pan-right';

/**
 * One cycle of interactions that comes back to (about) where it started and never asks for a
 * no-op (zooming out of the full range would change nothing, so nothing would complete).
 */
export const INTERACTION_CYCLE: readonly Interaction[] = ['key-in', 'wheel-in', 'pan-left', 'key-in', 'wheel-in', 'pan-right', 'wheel-out', 'key-out', 'wheel-out', 'key-out'];

export interface InteractionTiming {
  kind: Interaction;
  /** Input → settled, including any re-query of points. */
  ms: number;
  /** Input → first frame drawn. */
  paintMs: number;
}

const CHART = '[data-testid="label-chart"]';
const CANVAS = '[data-testid="counter-chart"]';

/** Opens the app and the Labels area; resolves once the chart has drawn its data. Returns ms from the click on Labels. */
export async function openLabels(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.locator('[data-app-state="ready"]').waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await page.getByTestId('nav-labels').click();
  await page.locator(`${CHART}[data-loading="false"] ${CANVAS} canvas`).first().waitFor({ timeout: 120_000 });
  // Two frames: the first paint of the option is done.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return Date.now() - t0;
}

async function interactions(page: Page): Promise<number> {
  return Number((await page.locator(CHART).getAttribute('data-interactions')) ?? 0);
}

/** Performs one interaction and waits (on the chart's counter, no sleeping) until it completed. */
export async function interact(page: Page, kind: Interaction, timeoutMs = 30_000): Promise<InteractionTiming> {
  const before = await interactions(page);
  const box = await page.locator(CANVAS).boundingBox();
  if (!box) throw new Error('chart not laid out');
  // Plot area of the second panel (chart-options.ts DEFAULT_PANEL_LAYOUT: left 56, right 16, 6 + 22 + 64 per panel).
  const left = box.x + 56;
  const width = box.width - 56 - 16;
  const y = box.y + 6 + 2 * 22 + 64 + 32;
  const cx = left + width / 2;
  switch (kind) {
    case 'key-in':
    case 'key-out':
      await page.locator('#area-main').focus();
      await page.keyboard.press(kind === 'key-in' ? '+' : '-');
      break;
    case 'wheel-in':
    case 'wheel-out':
      await page.mouse.move(cx, y);
      await page.mouse.wheel(0, kind === 'wheel-in' ? -240 : 240);
      break;
    case 'pan-left':
    case 'pan-right': {
      const dx = (kind === 'pan-left' ? 1 : -1) * width * 0.15;
      await page.mouse.move(cx, y);
      // One move: one pan (more moves would be several interactions, each timed).
      await page.mouse.down();
      await page.mouse.move(cx + dx, y);
      await page.mouse.up();
      break;
    }
  }
  // A function, not a string: the app's CSP forbids eval (DOM typed loosely: no DOM lib here).
  await page.waitForFunction(
    ({ sel, n }) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document;
      return Number(doc.querySelector(sel)?.getAttribute('data-interactions') ?? 0) > n;
    },
    { sel: CHART, n: before },
    { timeout: timeoutMs, polling: 'raf' },
  );
  const el = page.locator(CHART);
  return {
    kind,
    ms: Number(await el.getAttribute('data-last-interaction-ms')),
    paintMs: Number(await el.getAttribute('data-last-interaction-paint-ms')),
  };
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}
