import { describe, expect, it } from 'vitest';
import { temporalNeighbours } from './neighbours';

describe('temporalNeighbours', () => {
  it('links windows of the same object in time order, −1 at the edges', () => {
    // object 0 at t = 30, 10, 20; object 1 at t = 10, 20; order of indices shuffled between objects
    const obj = Int32Array.from([0, 1, 0, 0, 1]);
    const t = Float64Array.from([30, 10, 10, 20, 20]);
    const { prev, next } = temporalNeighbours(obj, t);
    // object 0 in time: 2 (10) → 3 (20) → 0 (30); object 1: 1 (10) → 4 (20)
    expect([...prev]).toEqual([3, -1, -1, 2, 1]);
    expect([...next]).toEqual([-1, 4, 3, 0, -1]);
  });

  it('equal times break ties by index; maxGapMs cuts holes', () => {
    const { prev, next } = temporalNeighbours(Int32Array.from([0, 0, 0]), Float64Array.from([5, 5, 100]), 10);
    expect([...next]).toEqual([1, -1, -1]);
    expect([...prev]).toEqual([-1, 0, -1]);
    expect(() => temporalNeighbours(Int32Array.from([0]), new Float64Array(2))).toThrow(/endMs/);
  });
});

describe('successor pairs and the smoothness term (unsupervised/temporal-smoothness.ts)', () => {
  it('pairs batch rows with their successors; loss = mean ‖z_next − z_cur‖²', async () => {
    const { ensureTfBackend, tf } = await import('./tf-runtime');
    const { smoothnessLoss, successorPairs } = await import('./temporal-smoothness');
    await ensureTfBackend();
    const next = Int32Array.from([1, 2, -1, 4, -1]); // two objects: 0→1→2, 3→4
    const pairs = successorPairs(Int32Array.from([2, 0, 3]), next);
    expect(pairs).toEqual({ rows: [1, 2], successors: [1, 4] });
    expect(successorPairs([0, 1], next, false)).toEqual({ rows: [], successors: [] });
    // batch rows 0..2 embed to (0,0), (1,0), (0,2); successors embed to (1,1) and (0,5)
    const loss = tf.tidy(() => smoothnessLoss(tf.tensor2d([0, 0, 1, 0, 0, 2], [3, 2]), tf.tensor2d([1, 1, 0, 5], [2, 2]), pairs.rows).dataSync()[0]!);
    expect(loss).toBeCloseTo((1 + 9) / 2, 6); // ‖(1,1) − (1,0)‖² = 1, ‖(0,5) − (0,2)‖² = 9
  });
});
