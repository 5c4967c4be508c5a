import { describe, expect, it } from 'vitest';
import { clampWindow, MIN_WINDOW_MS, orAll, panWindow, wheelZoom } from './zoom-gestures';

const b = { fromMs: 0, toMs: 1_000_000_000 };

describe('wheelZoom', () => {
  it('zooms in by 1.4 per notch around the cursor, and out again', () => {
    const w = { fromMs: 100_000_000, toMs: 500_000_000 };
    const z = wheelZoom(w, b, 0.25, -240);
    expect(z.toMs - z.fromMs).toBeCloseTo(400_000_000 / 1.4, 0);
    // The time under the cursor (25 % across) stays 25 % across.
    expect(z.fromMs + 0.25 * (z.toMs - z.fromMs)).toBeCloseTo(200_000_000, 0);
    const back = wheelZoom(z, b, 0.25, 240);
    expect(back.fromMs).toBeCloseTo(w.fromMs, 0);
    expect(back.toMs).toBeCloseTo(w.toMs, 0);
    expect(wheelZoom(w, b, 0.5, -3).toMs - wheelZoom(w, b, 0.5, -3).fromMs).toBeCloseTo(400_000_000 / 1.1, 0);
  });
  it('stops at the narrowest window and at the bounds', () => {
    const tiny = wheelZoom({ fromMs: 0, toMs: MIN_WINDOW_MS }, b, 0.5, -240);
    expect(tiny.toMs - tiny.fromMs).toBe(MIN_WINDOW_MS);
    const out = wheelZoom({ fromMs: 0, toMs: 900_000_000 }, b, 0.9, 240);
    expect(out).toEqual(b);
    expect(orAll(out, b)).toBeNull();
  });
});

describe('panWindow / clampWindow', () => {
  it('moves the window against the drag and keeps it inside the bounds', () => {
    const w = { fromMs: 400_000_000, toMs: 500_000_000 };
    expect(panWindow(w, b, 0.5)).toEqual({ fromMs: 350_000_000, toMs: 450_000_000 });
    expect(panWindow(w, b, -0.5)).toEqual({ fromMs: 450_000_000, toMs: 550_000_000 });
    expect(panWindow(w, b, 10)).toEqual({ fromMs: 0, toMs: 100_000_000 });
    expect(panWindow(w, b, -10)).toEqual({ fromMs: 900_000_000, toMs: 1_000_000_000 });
    expect(clampWindow(-5, 2e9, b)).toEqual(b);
  });
});
