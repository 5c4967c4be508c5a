import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, displayKey, displayOf, restoreWindow, type DisplayInfo } from './window-state';

const laptop: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
const monitor: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

describe('restoreWindow', () => {
  it('opens at the default size without a saved state', () => {
    expect(restoreWindow({}, undefined, [laptop], laptop)).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('restores the latest state of a display that is present, where it was', () => {
    const saved = {
      [displayKey(laptop)]: { x: 100, y: 100, width: 1200, height: 800, maximized: false, savedAtMs: 1 },
      [displayKey(monitor)]: { x: 2000, y: 50, width: 1800, height: 1200, maximized: true, savedAtMs: 2 },
    };
    expect(restoreWindow(saved, undefined, [laptop, monitor], laptop)).toEqual({ x: 2000, y: 50, width: 1800, height: 1200, maximized: true });
    // The monitor is unplugged: the laptop's own state.
    expect(restoreWindow(saved, undefined, [laptop], laptop)).toEqual({ x: 100, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('brings back a window left on a display that is gone, sized to fit', () => {
    // Only the legacy state, on the unplugged monitor's coordinates.
    const r = restoreWindow({}, { x: 2500, y: 200, width: 2400, height: 1300, maximized: false }, [laptop], laptop);
    expect(r.width).toBe(1920);
    expect(r.height).toBe(1055);
    expect(displayOf({ x: r.x!, y: r.y!, width: r.width, height: r.height }, [laptop])).toBe(laptop);
    expect(r.y).toBeGreaterThanOrEqual(laptop.workArea.y);
  });

  it('pulls a window whose title bar is above the work area back on screen', () => {
    const r = restoreWindow({}, { x: 300, y: -400, width: 1000, height: 700, maximized: false }, [laptop], laptop);
    expect(r.y).toBeGreaterThanOrEqual(25);
    expect(r.y! + r.height).toBeLessThanOrEqual(1080);
  });

  it('keys a display by id and geometry', () => {
    expect(displayKey(laptop)).toBe('1:0,0,1920x1080');
    expect(displayKey({ ...laptop, bounds: { ...laptop.bounds, width: 1280 } })).not.toBe(displayKey(laptop));
  });
});
