/**
 * HitRate@P% of the explanation methods on SMD machine-2-1 (issue #5 item 6), printed beside the
 * |z| and random-ranking baselines. Skipped when ../shared (the data set) is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHitRates, smdHitRates } from './smd-hit-rate';

const smd = join(import.meta.dirname, '../../../../shared/datasets/smd');
const have = existsSync(join(smd, 'test/machine-2-1.txt.gz')) && existsSync(join(smd, 'interpretation_label/machine-2-1.txt.gz'));

describe.skipIf(!have)('HitRate@P% on SMD machine-2-1 (needs ../shared)', () => {
  it('scores every method on the anomalous windows with interpretation labels; the best beats random ranking', () => {
    const r = smdHitRates(smd, { machine: 'machine-2-1', epochs: 8, maxWindows: 600 });
    process.stdout.write(`\n${formatHitRates(r)}\n(train ${r.trainSeconds.toFixed(1)} s, explain ${r.explainSeconds.toFixed(2)} s)\n`);
    expect(r.windowsExplained).toBeGreaterThan(100);
    const random = r.rows.find((x) => x.method.includes('random'))!;
    const methods = r.rows.filter((x) => !x.method.startsWith('baseline'));
    expect(methods.map((m) => m.method)).toEqual(expect.arrayContaining(['cnn gradcam:conv2', 'cnn saliency', 'lstm saliency', 'contrastive gradcam:conv2']));
    for (const m of r.rows) {
      expect(m.windows).toBe(r.windowsExplained);
      expect(m.hitRate100).toBeGreaterThanOrEqual(0);
      expect(m.hitRate150).toBeGreaterThanOrEqual(m.hitRate100);
      expect(m.hitRate150).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...methods.map((m) => m.hitRate150))).toBeGreaterThan(random.hitRate150);
    expect(r.rows.find((x) => x.method.includes('|z|'))!.hitRate150).toBeGreaterThan(random.hitRate150);
  }, 300_000);
});
