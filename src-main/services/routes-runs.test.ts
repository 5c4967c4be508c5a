import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendInfo, FoldMetrics } from '../../shared/domain/models';
import type { ReportFile, RunDetail, RunPredictions } from '../../shared/domain/runs';
import { Engine } from './engine';
import { findAppRoot } from './paths';

// runs:get / runs:predictions / engine:backend / reports:list / reports:read through
// `Engine.handle` (validation included), on a run written straight into the tables.
const tmp = mkdtempSync(join(tmpdir(), 'vigil-routes-runs-'));
let engine: Engine;
const RUN = 'run-1';

function fold(fold: number, m: Partial<FoldMetrics>): FoldMetrics {
  return { fold, tp: 0, tn: 0, fp: 0, fn: 0, acc: null, balancedAcc: null, tpr: null, fpr: null, precision: null, f1: null, rocAuc: null, prAuc: null, eventRecall: null, leadTimesMin: [], alertsPerDay: null, threshold: 0.5, ...m };
}

beforeAll(async () => {
  engine = await Engine.create({ root: findAppRoot(import.meta.dirname), transport: 'loopback', workspaceDir: join(tmp, 'ws'), configDir: join(tmp, 'config'), poolSize: 1 });
  const backend: BackendInfo = { name: 'vigil-native', device: 'cpu', skipped: [{ name: 'tensorflow', reason: 'not installed' }], threads: 1 };
  await engine.workspace.transaction(async (tx) => {
    await tx.run('INSERT INTO runs (id, kind, state, created_at_ms, label_set_id, label_version, data_hash, seed, settings, backend, versions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
      RUN, 'comparison', 'succeeded', 1000, 'ls', 2, 'abc123', 7, JSON.stringify({ models: ['pca', 'random'], folds: 2 }), JSON.stringify(backend), JSON.stringify({ node: '22' }),
    ]);
    const rows: [string, number, FoldMetrics][] = [
      ['pca', 0, fold(0, { tp: 2, fn: 1, tn: 10, fp: 1, rocAuc: 0.9, tpr: 2 / 3, leadTimesMin: [5, -5], trainSeconds: 1 } as Partial<FoldMetrics>)],
      ['pca', 1, fold(1, { tp: 0, fn: 0, tn: 12, fp: 2, rocAuc: null, tpr: null, trainSeconds: 2 } as Partial<FoldMetrics>)],
      ['random', 0, fold(0, { tp: 1, fn: 2, tn: 9, fp: 2, rocAuc: 0.5, tpr: 1 / 3 })],
      ['random', 1, fold(1, { tp: 0, fn: 0, tn: 10, fp: 4, rocAuc: null, tpr: null })],
    ];
    for (const [model, f, m] of rows) await tx.run('INSERT INTO fold_metrics VALUES ($1, $2, $3, $4, $5, $6)', [RUN, model, 'blocked/full', f, JSON.stringify(m), JSON.stringify({ roc: [], pr: [], loss: [] })]);
    const preds: [string, number, number, number, number, number][] = [
      // model, fold, object, end, label, score
      ['pca', 0, 0, 300_000, 0, 0.1],
      ['pca', 0, 0, 600_000, 1, 0.9],
      ['pca', 1, 1, 300_000, 0, 0.4],
      ['random', 0, 0, 300_000, 0, 0.5],
    ];
    for (const [model, f, obj, end, label, score] of preds) {
      await tx.run('INSERT INTO predictions VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [RUN, model, 'blocked/full', f, obj, end, label, score, score > 0.5]);
    }
  });
  mkdirSync(join(tmp, 'ws', 'reports'), { recursive: true });
  writeFileSync(join(tmp, 'ws', 'reports', 'report-a.html'), '<html><body><table>models</table></body></html>');
  writeFileSync(join(tmp, 'ws', 'reports', 'report-a.pdf'), Buffer.from('%PDF-1.4 test'));
  writeFileSync(join(tmp, 'ws', 'reports', 'notes.txt'), 'not a report');
});
afterAll(async () => {
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('run channels', () => {
  it('reads a stored comparison back: provenance, summaries with folds defined, confusion, lead times, curves', async () => {
    const run = (await engine.handle('runs:get', { runId: RUN })) as RunDetail;
    expect(run).toMatchObject({ id: RUN, kind: 'comparison', state: 'succeeded', labelSetId: 'ls', labelVersion: 2, dataHash: 'abc123', seed: 7, backend: { name: 'vigil-native' }, versions: { node: '22' } });
    expect(run.groups).toHaveLength(1);
    const g = run.groups[0]!;
    expect(g).toMatchObject({ setting: 'blocked/full', split: 'blocked', sampling: 'full', folds: 2, foldsWithAnomalies: 1 });
    expect(g.rows.map((r) => r.model)).toEqual(['pca', 'random']);
    const pca = g.rows[0]!;
    expect(pca.metrics.rocAuc).toEqual({ mean: 0.9, std: 0, folds: 1 });
    expect(pca.metrics.f1).toEqual({ mean: null, std: null, folds: 0 });
    expect(pca.confusion).toEqual({ tp: 2, tn: 22, fp: 3, fn: 1 });
    expect(pca.leadTimes).toEqual([
      { fold: 0, minutes: [5, -5] },
      { fold: 1, minutes: [] },
    ]);
    expect(pca.trainSeconds).toBe(3);
    expect(pca.roc.length).toBeGreaterThan(1);
    expect(pca.roc[0]).toEqual({ x: 0, y: 0 });
  });

  it('returns one model × setting predictions as columns ordered by object and time', async () => {
    const p = (await engine.handle('runs:predictions', { runId: RUN, model: 'pca', setting: 'blocked/full' })) as RunPredictions;
    expect(p).toEqual({ endMs: [300_000, 600_000, 300_000], label: [0, 1, 0], score: [0.1, 0.9, 0.4], objectIndex: [0, 0, 1], fold: [0, 0, 1] });
    await expect(engine.handle('runs:predictions', { runId: 'nope', model: 'pca', setting: 'blocked/full' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engine.handle('runs:get', { runId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engine.handle('runs:get', {})).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('names the training backend and what it skipped', async () => {
    const b = (await engine.handle('engine:backend', {})) as BackendInfo;
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu', 'vigil-native']).toContain(b.name);
    expect(Array.isArray(b.skipped)).toBe(true);
    expect(await engine.handle('engine:backend', {})).toEqual(b);
  });
});

describe('report channels', () => {
  it('lists the html reports with their pdf', async () => {
    const list = (await engine.handle('reports:list', {})) as ReportFile[];
    expect(list.map((r) => [r.name, r.pdf !== null])).toEqual([['report-a', true]]);
    expect(list[0]!.bytes).toBeGreaterThan(0);
  });

  it('reads a listed report, html and pdf', async () => {
    const r = (await engine.handle('reports:read', { name: 'report-a', pdf: true })) as { html: string; pdfBase64: string | null };
    expect(r.html).toContain('<table>');
    expect(Buffer.from(r.pdfBase64 ?? '', 'base64').toString()).toBe('%PDF-1.4 test');
    expect(((await engine.handle('reports:read', { name: 'report-a' })) as { pdfBase64: string | null }).pdfBase64).toBeNull();
  });

  it.each([false, true])('a report job cancelled at once ends cancelled and writes no file (pdf %s)', async (pdf) => {
    const dir = join(tmp, 'ws', 'reports');
    const before = readdirSync(dir).sort();
    const { jobId, done } = engine.startJob('report', { pdf });
    await engine.handle('jobs:cancel', { jobId });
    await expect(done).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('refuses a bad report name', async () => {
    for (const name of ['../workspace.duckdb', 'a/b', '..', 'report-a.html/..', '/etc/passwd', '.hidden', 'x\\y', '']) {
      await expect(engine.handle('reports:read', { name }), name).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    }
    await expect(engine.handle('reports:read', { name: 'notes' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engine.handle('reports:read', { name: 'workspace' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
