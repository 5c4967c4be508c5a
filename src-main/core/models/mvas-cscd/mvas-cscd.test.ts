import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors.js';
import { Rng } from '../../engine/rng.js';
import { aucOf, injectJump, syntheticBatch } from '../metric-graph/test-helpers.js';
import { loadDetector, resolveUnsupervisedConfig } from '../unsupervised/registry.js';
import { ensureTfBackend, tf } from '../unsupervised/tf-runtime.js';
import type { FittedDetector } from '../unsupervised/types.js';
import { readDetector, writeDetector } from '../unsupervised/weights-io.js';
import { MVAS_CSCD_DEFAULTS, type MvasCscdConfig } from './config.js';
import { batchLoss, buildMvasNet, MVAS_CSCD_ENTRY, validateMvasConfig } from './model.js';

// demo-like windows: 10 counters × 4 five-minute steps, a few servers (METHODS.md §3)
const train = syntheticBatch({ objects: 3, steps: 260, F: 10, W: 4, noise: 0.03, seed: 1 });
const testNormal = syntheticBatch({ objects: 2, steps: 80, F: 10, W: 4, noise: 0.03, seed: 2, phase: 0.7 });
const anomalous = Array.from({ length: 20 }, (_, k) => 3 + k * 7);
const test = injectJump(testNormal, anomalous, 3, 0.45);
const opts = { epochs: 4, batchSize: 64, seed: 5 };

let dir = '';
let fitted: FittedDetector;
beforeAll(async () => {
  await ensureTfBackend();
  dir = mkdtempSync(join(tmpdir(), 'vigil-mvas-'));
  fitted = await MVAS_CSCD_ENTRY.fit(train, MVAS_CSCD_DEFAULTS, opts);
});
afterAll(() => {
  fitted.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('mvas-cscd (METHODS.md §6.1)', () => {
  it('training lowers the contrastive loss on demo-like windows', () => {
    const h = fitted.lossHistory;
    expect(h).toHaveLength(opts.epochs);
    expect(h[h.length - 1]!).toBeLessThan(h[0]! * 0.9);
    expect(fitted.threshold).toBeGreaterThan(0);
    expect(fitted.paramCount).toBeGreaterThan(1000);
  });

  it('an injected jump scores higher than normal windows, and most are flagged', () => {
    const { score, parts } = fitted.score(test);
    expect(parts).toEqual({});
    const pos = new Set(anomalous);
    expect(aucOf(score, pos)).toBeGreaterThan(0.9);
    const flaggedAnom = anomalous.filter((i) => score[i]! >= fitted.threshold).length;
    let flaggedNormal = 0;
    for (let i = 0; i < test.n; i++) if (!pos.has(i) && score[i]! >= fitted.threshold) flaggedNormal++;
    expect(flaggedAnom / anomalous.length).toBeGreaterThan(0.7);
    // unseen normal windows of other servers: the threshold comes from the training tail, whose first
    // windows overlap the memory bank's last ones, so it sits a little low (≈ 25 % flagged after 4 epochs)
    expect(flaggedNormal / (test.n - anomalous.length)).toBeLessThan(0.35);
  });

  it('is deterministic under a seed, and a different seed gives different weights', async () => {
    const again = await MVAS_CSCD_ENTRY.fit(train, MVAS_CSCD_DEFAULTS, opts);
    expect(again.lossHistory).toEqual(fitted.lossHistory);
    expect(Array.from(again.score(test).score)).toEqual(Array.from(fitted.score(test).score));
    again.dispose();
    const other = await MVAS_CSCD_ENTRY.fit(train, MVAS_CSCD_DEFAULTS, { ...opts, epochs: 1, seed: 6 });
    expect(other.lossHistory[0]).not.toEqual(fitted.lossHistory[0]);
    other.dispose();
  });

  it('save → model.json + weights.bin → load gives the same scores and threshold', () => {
    const d = join(dir, 'fold-0');
    writeDetector(d, fitted.save());
    const back = loadDetector(readDetector(d));
    expect(back.threshold).toBe(fitted.threshold);
    expect(back.config).toEqual(fitted.config);
    expect(Array.from(back.score(test).score)).toEqual(Array.from(fitted.score(test).score));
    expect(Array.from(back.embed(test.x, 5))).toEqual(Array.from(fitted.embed(test.x, 5)));
    back.dispose();
  });

  it('each ablation changes which loss terms are computed', () => {
    const terms = (name: string | null) => {
      const cfg = resolveUnsupervisedConfig('mvas-cscd', name, {}) as MvasCscdConfig;
      const scales = validateMvasConfig(cfg);
      const net = buildMvasNet(train.F, cfg, new Rng(1));
      const out = tf.tidy(() => {
        const { total, terms: t } = batchLoss(net, cfg, scales, train.x, [0, 10, 20, 30, 40, 50], train.F, train.W, new Rng(2));
        return { total: total.dataSync()[0]!, names: Object.keys(t).sort(), values: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.dataSync()[0]!])) };
      });
      net.store.dispose();
      return out;
    };
    const full = terms(null);
    expect(full.names).toEqual(['align', 'cscd', 'mvas']);
    expect(full.total).toBeCloseTo(full.values['mvas']! + full.values['cscd']! + 0.1 * full.values['align']!, 4);
    expect(terms('no-cscd').names).toEqual(['mvas']); // no multi-scale views in the loss
    expect(terms('no-mvas').names).toEqual(['align', 'cscd']);
    expect(terms('no-alignment').names).toEqual(['cscd', 'mvas']);
    expect(terms('no-alignment').total).not.toBeCloseTo(full.total, 5);
  });

  it('rejects configurations that cannot train, naming the field', async () => {
    const bad = async (over: Partial<MvasCscdConfig>) => MVAS_CSCD_ENTRY.fit(train, { ...MVAS_CSCD_DEFAULTS, ...over } as MvasCscdConfig, { ...opts, epochs: 1 });
    await expect(bad({ mvas: false, cscd: false })).rejects.toThrow(VigilError);
    await expect(bad({ scales: '1' })).rejects.toThrow(/scales/);
    await expect(bad({ kernel: 2 })).rejects.toThrow(/kernel/);
    await expect(bad({ jitter: false, frequency: false, mask: false, indexReplace: false })).rejects.toThrow(/augmentation/);
    expect(() => resolveUnsupervisedConfig('mvas-cscd', 'no-such', {})).toThrow(/no ablation "no-such"/);
    expect(() => fitted.score({ ...test, F: 9 })).toThrow(/10 counters × 4 steps/);
  });
});
