/**
 * The portable PRNG of the evaluation protocol (torch_ref PROTOCOL.md §2): everything that decides
 * *which windows* go where uses it, so Vigil and the PyTorch reference draw identical index sets.
 */
export type Rng = () => number;

/** mulberry32: a float in [0, 1) per call from a 32-bit state. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent streams per purpose: tag 1 = k-fold assignment, 100 + k = negative sampling of fold k. */
export function streamSeed(seed: number, tag: number): number {
  return (Math.imul(seed, 0x9e3779b1) + tag) >>> 0;
}

/** Fisher–Yates in place, i from n−1 down to 1, j = floor(u·(i+1)). */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i >= 1; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}
