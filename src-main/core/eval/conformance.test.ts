import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { blockedSplits, kfoldSplits } from './splits';
import { negativeSample } from '../windows/negative-sampling';
import { indexHash } from './index-hash';

// The exact part of the evaluation protocol: Vigil must draw the same windows into the same
// folds as the PyTorch reference (torch_ref conformance.md), so both are measured on one thing.
const shared = join(import.meta.dirname, '../../../../shared');
const smd = join(shared, 'datasets/smd');
const table = join(shared, 'anchors/torch_ref/conformance.md');
const have = existsSync(join(smd, 'test_label/machine-2-1.txt.gz')) && existsSync(table);

function lines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l.trim() !== '');
}

describe.skipIf(!have)('protocol conformance on SMD machine-2-1 (needs ../shared)', () => {
  it('reproduces every fold and negative-sampling index hash of the reference', () => {
    const nTrain = lines(join(smd, 'train/machine-2-1.txt.gz')).length;
    const testLabels = lines(join(smd, 'test_label/machine-2-1.txt.gz')).map(Number);
    const y = new Uint8Array(nTrain + testLabels.length);
    y.set(testLabels, nTrain);
    const W = 4;
    const M = y.length - W + 1;
    const yw = y.subarray(W - 1); // window i ends at row i + W − 1
    expect(M).toBe(47384);

    const rows = readFileSync(table, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| smd | machine-2-1 |'))
      .map((l) => l.split('|').map((c) => c.trim().replace(/`/g, '')));
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const splitsCache = new Map<string, ReturnType<typeof kfoldSplits>>();
    for (const r of rows) {
      const [, , , split, K, Wc, ns, seed, fold, nWindows, nPre, nTrainS, nPos, nTest, nTestPos, trainHash, testHash] = r;
      const key = `${split}/${K}/${seed}`;
      if (!splitsCache.has(key)) splitsCache.set(key, split === 'kfold' ? kfoldSplits(yw, Number(K), Number(seed)) : blockedSplits(M, Number(K), Number(Wc)));
      const f = splitsCache.get(key)![Number(fold)]!;
      const train = ns === 'yes' ? negativeSample(f.train, yw, Number(fold), Number(seed)).train : f.train;
      const ctx = `${split} K=${K} NS=${ns} fold ${fold}`;
      expect(M, ctx).toBe(Number(nWindows));
      expect(f.train.length, ctx).toBe(Number(nPre));
      expect(train.length, ctx).toBe(Number(nTrainS));
      expect(train.reduce((a, i) => a + (yw[i] ?? 0), 0), ctx).toBe(Number(nPos));
      expect(f.test.length, ctx).toBe(Number(nTest));
      expect(f.test.reduce((a, i) => a + (yw[i] ?? 0), 0), ctx).toBe(Number(nTestPos));
      expect(indexHash(train), ctx).toBe(trainHash);
      expect(indexHash(f.test), ctx).toBe(testHash);
    }
  });
});
