import { describe, expect, it } from 'vitest';
import { scanDecimals } from '../../core/ingest/scouter/column-decimals';
import { DecimalScan } from './counter-storage';

/** Deterministic values of mixed precision, with NaN, -0 and large magnitudes now and then. */
function values(seed: number, n: number): Float64Array {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Float64Array.from({ length: n }, () => {
    const r = next();
    if (r < 0.02) return Number.NaN;
    if (r < 0.021 && seed % 5 === 0) return -0;
    const digits = Math.floor(next() * (seed % 3 === 0 ? 8 : 4));
    return Math.round((next() - 0.3) * 10 ** (1 + (seed % 7)) * 10 ** digits) / 10 ** digits;
  });
}

describe('DecimalScan from worker summaries', () => {
  it('gives the storage a scan over the values gives, for any split and stored starting scale', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const parts = [values(seed, 500), values(seed + 1000, 300), values(seed + 2000, 50)];
      const start = seed % 4;
      const direct = new DecimalScan(start);
      const summed = new DecimalScan(start);
      for (const p of parts) {
        direct.add(p, 0, 1, p.length);
        summed.addSummary(scanDecimals(p, 0, 1, p.length));
      }
      expect(summed.result(), `seed ${seed}`).toEqual(direct.result());
    }
  });
});
