import { describe, expect, it } from 'vitest';
import { expectInputError } from './ingest-test-helpers';
import { gridCovering, layOnGrid, orderCounters } from './series-grid';

describe('series grid', () => {
  it('orders counters: paper order first, then alphabetical', () => {
    expect(orderCounters(['b', 'TPS', 'A', 'ActiveService', 'HeapUsed', 'TPS'])).toEqual(['ActiveService', 'TPS', 'HeapUsed', 'A', 'b']);
  });

  it('aligns the grid to multiples of the cadence', () => {
    expect(gridCovering(1_000_123, 1_900_000, 300_000)).toEqual({ startMs: 900_000, cadenceMs: 300_000, length: 4 });
  });

  it('refuses absurd grids', () => {
    expectInputError(() => gridCovering(0, 1e12, 1), { code: 'INVALID_SETTINGS', field: 'cadenceMs' });
    expectInputError(() => gridCovering(0, 1, 0), { code: 'INVALID_SETTINGS', field: 'cadenceMs' });
  });

  it('copies on-grid data and averages off-grid data; ±Infinity counts as missing', () => {
    const grid = { startMs: 0, cadenceMs: 10, length: 3 };
    const s = layOnGrid('/a', 't', ['x', 'y'], [
      [{ times: Float64Array.of(0, 10, 20), values: Float64Array.of(1, NaN, Infinity) }],
      [{ times: Float64Array.of(1, 4, 12), values: Float64Array.of(2, 4, 6) }],
    ], grid);
    expect(Array.from(s.values)).toEqual([1, 3, NaN, 6, NaN, NaN]);
    expect(Array.from(s.times)).toEqual([0, 10, 20]);
  });
});
