import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smdToCsv } from './smd-to-csv';
import { windowsFromCsv } from '../src-main/services/compare/load-windows';
import { planComparison } from '../src-main/core/eval/comparison-plan';
import { runFold } from '../src-main/core/eval/run-fold';

// SMD machine-2-1 through the same path as `vigil compare <csv>`: the converted CSV gives the
// reference's windows and folds (hashes from torch_ref/conformance.md), and the baselines run.
const shared = join(import.meta.dirname, '../../shared');
const smd = join(shared, 'datasets/smd');
const have = existsSync(join(smd, 'test_label/machine-2-1.txt.gz'));
const tmp = mkdtempSync(join(tmpdir(), 'vigil-smd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!have)('SMD machine-2-1 as a labelled CSV (needs ../shared/datasets)', () => {
  it('converts, windows and folds exactly like the reference; PCA beats random on the blocked folds with anomalies', async () => {
    const out = join(tmp, 'machine-2-1.csv');
    const r = await smdToCsv(smd, 'machine-2-1', out);
    expect(r).toEqual({ rows: 47387, features: 38, anomalies: 1170 });
    const source = await windowsFromCsv(out, { W: 4 });
    expect(source.windows.n).toBe(47384);
    const { tasks, folds } = planComparison(source.windows.y, { models: ['pca', 'random'], splits: ['blocked'], folds: 5, sampling: ['full'], seed: 0, W: 4 });
    expect(folds.map((f) => f.testAnomalies)).toEqual([0, 0, 0, 156, 1014]);
    const conformance = readFileSync(join(shared, 'anchors/torch_ref/conformance.md'), 'utf8');
    for (const t of tasks) expect(conformance).toContain(`\`${t.testHash}\``);
    const fold4 = (model: 'pca' | 'random') => {
      const t = tasks.find((x) => x.model === model && x.fold === 4)!;
      return runFold(source.windows, { model, params: {}, fold: 4, epochs: 1, batchSize: 10, seed: 0, train: t.train, trainBeforeSampling: t.trainBeforeSampling, test: t.test });
    };
    const pca = await fold4('pca');
    const rnd = await fold4('random');
    expect(pca.metrics.rocAuc!).toBeGreaterThan(rnd.metrics.rocAuc! + 0.1);
    expect(pca.metrics.tp + pca.metrics.fn).toBe(1014);
  });
});
