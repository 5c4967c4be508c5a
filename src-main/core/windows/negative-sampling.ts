import { mulberry32, shuffleInPlace, streamSeed } from './prng';

/**
 * Negative sampling (METHODS.md §3; PROTOCOL.md §5, exact): keep every anomalous training
 * window and as many normal ones, drawn with the fold's own stream. The test set is never
 * resampled. Returns the ascending training indices and whether sampling applied.
 */
export function negativeSample(train: Int32Array, yw: Uint8Array, fold: number, seed: number): { train: Int32Array; applied: boolean } {
  const pos: number[] = [];
  const neg: number[] = [];
  for (const i of train) (yw[i] ? pos : neg).push(i);
  if (pos.length === 0 || neg.length <= pos.length) return { train, applied: false };
  shuffleInPlace(neg, mulberry32(streamSeed(seed, 100 + fold)));
  const kept = Int32Array.from([...pos, ...neg.slice(0, pos.length)]);
  kept.sort();
  return { train: kept, applied: true };
}
