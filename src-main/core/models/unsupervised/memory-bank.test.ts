import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors';
import { Rng } from '../../engine/rng';
import { MemoryBank } from './memory-bank';

/** Plain O(nq·n·d) reference in float64. */
function bruteMeanKnn(bank: Float32Array, n: number, q: Float32Array, nq: number, d: number, m: number, excl: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < nq; i++) {
    const ds: number[] = [];
    for (let j = 0; j < n; j++) {
      if (excl && i === j) continue;
      let s = 0;
      for (let k = 0; k < d; k++) s += (q[i * d + k]! - bank[j * d + k]!) ** 2;
      ds.push(Math.sqrt(s));
    }
    ds.sort((a, b) => a - b);
    const mm = Math.min(m, ds.length);
    out.push(ds.slice(0, mm).reduce((a, b) => a + b, 0) / mm);
  }
  return out;
}

describe('MemoryBank (METHODS.md §6.3 R_i)', () => {
  it('hand-checked: points on a line', () => {
    // bank: 0, 1, 3, 10 on the x-axis of a 2-D space
    const bank = new MemoryBank(Float32Array.from([0, 0, 1, 0, 3, 0, 10, 0]), 4, 2);
    const q = Float32Array.from([0, 0, 2, 0, 0, 4]);
    const r1 = bank.meanKnnDistance(q, 3, 1);
    expect([...r1]).toEqual([0, 1, 4]); // (0,0) itself; 2 → 1 or 3 at distance 1; (0,4) → (0,0) at 4
    const r2 = bank.meanKnnDistance(q, 3, 2);
    expect(r2[0]).toBeCloseTo((0 + 1) / 2, 6);
    expect(r2[1]).toBeCloseTo((1 + 1) / 2, 6);
    expect(r2[2]).toBeCloseTo((4 + Math.sqrt(17)) / 2, 6);
    // m larger than the bank: capped at 4 rows
    expect(bank.meanKnnDistance(Float32Array.from([0, 0]), 1, 50)[0]).toBeCloseTo((0 + 1 + 3 + 10) / 4, 6);
  });

  it('excludeSameIndex: a bank row is not its own neighbour', () => {
    const e = Float32Array.from([0, 0, 1, 0, 3, 0, 10, 0]);
    const bank = new MemoryBank(e, 4, 2);
    expect([...bank.meanKnnDistance(e, 4, 1, { excludeSameIndex: true })]).toEqual([1, 1, 2, 7]);
    expect([...bank.meanKnnDistance(e, 4, 1)]).toEqual([0, 0, 0, 0]);
  });

  it('matches a brute-force float64 search across several blocks', () => {
    const rng = new Rng(7);
    const n = 4500; // > 2 bank blocks of 2048
    const d = 13; // not a multiple of 4: exercises the GEMM's JS remainder path too
    const nq = 150; // > 2 query blocks of 64
    const bank = new Float32Array(n * d).map(() => rng.normal());
    const q = new Float32Array(nq * d).map(() => rng.normal() * 1.5);
    const mb = new MemoryBank(bank, n, d);
    const got = mb.meanKnnDistance(q, nq, 10);
    const want = bruteMeanKnn(bank, n, q, nq, d, 10, false);
    for (let i = 0; i < nq; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
    const selfGot = new MemoryBank(bank.subarray(0, 300 * d), 300, d).meanKnnDistance(bank.subarray(0, 300 * d), 300, 3, { excludeSameIndex: true });
    const selfWant = bruteMeanKnn(bank, 300, bank, 300, d, 3, true);
    for (let i = 0; i < 300; i++) expect(selfGot[i]).toBeCloseTo(selfWant[i]!, 4);
  });

  it('bad input → VigilError naming the field', () => {
    expect(() => new MemoryBank(new Float32Array(5), 2, 3)).toThrow(VigilError);
    expect(() => new MemoryBank(Float32Array.from([0, NaN]), 1, 2)).toThrow(/non-finite/);
    const mb = new MemoryBank(new Float32Array(4), 2, 2);
    expect(() => mb.meanKnnDistance(new Float32Array(3), 1, 1)).toThrow(/queries/);
    expect(() => mb.meanKnnDistance(new Float32Array(2), 1, 0)).toThrow(/m \(neighbours\)/);
  });
});
