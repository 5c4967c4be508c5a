import { describe, expect, it } from 'vitest';
import { mulberry32, streamSeed } from './prng';

describe('mulberry32', () => {
  it('matches the protocol test vectors (PROTOCOL.md §2)', () => {
    const r0 = mulberry32(0);
    expect([r0(), r0(), r0(), r0(), r0()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111, 0.46732782293111086]);
    const r1 = mulberry32(1);
    expect([r1(), r1(), r1(), r1(), r1()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741, 0.9683778982143849]);
  });
  it('derives stream seeds mod 2^32', () => {
    expect(streamSeed(0, 1)).toBe(1);
    expect(streamSeed(1, 100)).toBe((0x9e3779b1 + 100) >>> 0);
  });
});
