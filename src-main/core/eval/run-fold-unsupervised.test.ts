import { describe, expect, it } from 'vitest';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { injectJump, syntheticBatch } from '../models/metric-graph/test-helpers';
import { runFold, type FoldRun } from './run-fold';

// The unsupervised branch of run-fold (METHODS.md §6): fitted without labels on the fold's
// training windows before sampling, flagged against the detector's own threshold.
const b = syntheticBatch({ objects: 2, steps: 400, F: 6, W: 4, noise: 0.03, seed: 3 });
const n = b.n;
const anomalous = Array.from({ length: 30 }, (_, k) => n - 300 + k * 9);
const withJumps = injectJump(b, anomalous, 2, 0.5);
const y = new Uint8Array(n);
for (const i of anomalous) y[i] = 1;
const ws: WindowSet = { F: 6, W: 4, counters: ['a', 'b', 'c', 'd', 'e', 'f'], objects: ['s1', 's2'], n, x: withJumps.x, y, endMs: b.endMs, objectIndex: b.objectIndex, outageIndex: new Int32Array(n).fill(-1) };
// object 1's last 300 windows are the test fold; everything else trains
const test = Int32Array.from({ length: 300 }, (_, k) => n - 300 + k);
const before = Int32Array.from({ length: n - 300 }, (_, i) => i);
const run: FoldRun = { model: 'mvas-cscd', params: { epochs: 2, batchSize: 128 }, fold: 0, epochs: 8, batchSize: 32, seed: 1, train: before, trainBeforeSampling: before, test };

describe('runFold with an unsupervised detector', () => {
  it('scores the test windows, flags score ≥ threshold, ignores negative sampling, keeps the fitted detector', async () => {
    const epochs: number[] = [];
    const a = await runFold(ws, run, { onEpoch: (e, total) => epochs.push(e * 100 + total) });
    expect(epochs).toEqual([102, 202]); // params.epochs overrides the comparison's 8
    expect(a.lossHistory).toHaveLength(2);
    expect(a.metrics.threshold).toBe(a.detector!.threshold);
    for (let i = 0; i < test.length; i++) expect(a.flags[i]).toBe(a.scores[i]! >= a.metrics.threshold ? 1 : 0);
    expect(a.scoreParts).toEqual({});
    expect(a.metrics.rocAuc!).toBeGreaterThan(0.9);
    expect(a.trainWindowsPerSec).toBeGreaterThan(0);
    // "ns": a label-balanced subset as `train`; the detector still fits on trainBeforeSampling
    const sampled = Int32Array.from(before.filter((_, i) => i % 5 === 0));
    const c = await runFold(ws, { ...run, train: sampled });
    expect(Array.from(c.scores)).toEqual(Array.from(a.scores));
    a.detector!.dispose();
    c.detector!.dispose();
  });

  it('stops between batches when cancelled, and rejects a parameter of the wrong type', async () => {
    let calls = 0;
    const err = await runFold(ws, run, { shouldStop: () => ++calls > 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigilError);
    expect((err as VigilError).code).toBe('JOB_CANCELLED');
    await expect(runFold(ws, { ...run, params: { cscd: 2 } })).rejects.toThrow(/cscd must be a boolean/);
  });
});
