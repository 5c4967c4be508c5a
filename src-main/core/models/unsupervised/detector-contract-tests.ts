/**
 * Contract tests every attention-giving detector passes (types.ts FittedDetector): no tensors left
 * behind by score / embed / attention, and training that is deterministic under a seed and depends
 * on it. Called inside a detector's `describe`; `det()` is the detector its `beforeAll` fitted.
 */
import { expect, it } from 'vitest';
import { tf } from './tf-runtime';
import type { FittedDetector, UnsupervisedFitOptions, WindowBatch } from './types';

export function detectorContractTests(
  det: () => FittedDetector,
  test: WindowBatch,
  fit: (over?: Record<string, never>, o?: Partial<UnsupervisedFitOptions>) => Promise<FittedDetector>,
  otherSeed: number,
): void {
  it('scoring, embedding and attention leave no tensors behind', () => {
    const before = tf.memory().numTensors;
    det().score(test);
    det().embed(test.x, 5);
    det().attention!(test.x, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic under a seed, and the seed matters', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const again = await fit();
    expect(again.lossHistory).toEqual(det().lossHistory);
    expect(again.score(test).score).toEqual(det().score(test).score);
    again.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore); // training + dispose free every tensor
    const other = await fit({}, { seed: otherSeed, epochs: 1 });
    expect(other.lossHistory[0]).not.toBe(det().lossHistory[0]);
    other.dispose();
  });
}
