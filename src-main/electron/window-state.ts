import type { DisplayWindowState, WindowState } from '../services/user-settings';

/**
 * Window bounds remembered per display and validated on restore (issue #6 item 7). Pure: the
 * displays come in as plain rectangles (Electron's `screen.getAllDisplays()`), so this is unit
 * tested without Electron.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
/** Smallest usable window, px (below this the workbench cannot lay out). */
export const MIN_SIZE = { width: 800, height: 560 };
/** How much of the title bar must be on a display for a window to count as reachable, px. */
const GRIP = 64;

/** A display's key in the settings: its id and geometry (the same monitor at another resolution is another key). */
export function displayKey(d: DisplayInfo): string {
  const b = d.bounds;
  return `${d.id}:${b.x},${b.y},${b.width}x${b.height}`;
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return { w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) };
}

/** The display holding most of `r` (Electron's getDisplayMatching), or null when it is on none. */
export function displayOf(r: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let area = 0;
  for (const d of displays) {
    const o = overlap(r, d.bounds);
    const a = Math.max(0, o.w) * Math.max(0, o.h);
    if (a > area) {
      area = a;
      best = d;
    }
  }
  return best;
}

/**
 * Where to open the window: the most recently saved state of a display that is present now
 * (falling back to the legacy single state), made reachable — sized to fit the display's work
 * area, and moved onto it when its title bar would be off-screen (a monitor was unplugged or the
 * resolution changed). Without any saved state: the default size, centred by the OS.
 */
export function restoreWindow(saved: Readonly<Record<string, DisplayWindowState>>, legacy: WindowState | undefined, displays: readonly DisplayInfo[], primary: DisplayInfo): WindowState {
  let state: WindowState | undefined;
  let savedAt = -Infinity;
  for (const d of displays) {
    const s = saved[displayKey(d)];
    if (s && s.savedAtMs > savedAt) {
      state = s;
      savedAt = s.savedAtMs;
    }
  }
  state ??= legacy;
  if (!state) return { ...DEFAULT_SIZE, maximized: false };
  const target = state.x !== undefined && state.y !== undefined ? (displayOf({ x: state.x, y: state.y, width: state.width, height: state.height }, displays) ?? primary) : primary;
  const wa = target.workArea;
  const width = Math.max(Math.min(MIN_SIZE.width, wa.width), Math.min(state.width, wa.width));
  const height = Math.max(Math.min(MIN_SIZE.height, wa.height), Math.min(state.height, wa.height));
  const out: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return out;
  // The title bar strip must lie on the work area, with a grip wide enough to drag it.
  const bar = overlap({ x: state.x, y: state.y, width, height: 32 }, wa);
  const reachable = bar.w >= Math.min(GRIP, width) && bar.h > 0 && state.y >= wa.y;
  if (reachable) {
    // Keep it where it was, pulled in only as far as needed to fit.
    return { ...out, x: Math.min(Math.max(state.x, wa.x), wa.x + wa.width - width), y: Math.min(Math.max(state.y, wa.y), wa.y + wa.height - height) };
  }
  return { ...out, x: Math.round(wa.x + (wa.width - width) / 2), y: Math.round(wa.y + (wa.height - height) / 2) };
}
