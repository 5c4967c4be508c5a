import type { KeyPress } from '../app/shortcuts';

/** What a key press asks the Labels area to do. */
export type LabelKeyAction = 'next-outage' | 'previous-outage' | 'zoom-in' | 'zoom-out' | 'label' | 'unlabel' | 'undo' | 'redo';

/**
 * The Labels area's keys. Letters are matched by physical key (`code`) so they work under a
 * Korean layout (where `j` types ㅓ); `+`/`-` by character or by their keys on the main row and
 * the keypad. Ctrl+Z / Ctrl+Shift+Z (Cmd on macOS; Ctrl+Y too) undo and redo. Nothing fires
 * while typing in a field.
 */
export function matchLabelKey(e: KeyPress, mac: boolean): LabelKeyAction | null {
  if (e.inTextField) return null;
  const primary = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (primary && !e.altKey) {
    if (e.code === 'KeyZ') return e.shiftKey ? 'redo' : 'undo';
    if (e.code === 'KeyY' && !e.shiftKey && !mac) return 'redo';
    return null;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.code) {
    case 'KeyJ':
      return 'next-outage';
    case 'KeyK':
      return 'previous-outage';
    case 'KeyL':
      return 'label';
    case 'KeyU':
      return 'unlabel';
    case 'NumpadAdd':
      return 'zoom-in';
    case 'NumpadSubtract':
      return 'zoom-out';
  }
  if (e.key === '+' || e.key === '=' || (e.code === 'Equal' && e.shiftKey)) return 'zoom-in';
  if (e.key === '-' || e.key === '_' || e.code === 'Minus') return 'zoom-out';
  return null;
}

/** The bindings as the help overlay lists them (keys, then the message key of what they do). */
export const LABEL_BINDINGS = [
  { keys: ['J'], what: 'shortcut.labels.next' },
  { keys: ['K'], what: 'shortcut.labels.previous' },
  { keys: ['+', '-'], what: 'shortcut.labels.zoom' },
  { keys: ['L'], what: 'shortcut.labels.label' },
  { keys: ['U'], what: 'shortcut.labels.unlabel' },
  { keys: ['primary+Z'], what: 'shortcut.labels.undo' },
  { keys: ['primary+Shift+Z'], what: 'shortcut.labels.redo' },
] as const;

/** `primary+Z` → `Ctrl+Z` or `⌘Z`. */
export function describeLabelKey(key: string, mac: boolean): string {
  if (!key.startsWith('primary+')) return key;
  const rest = key.slice('primary+'.length);
  return mac ? `⌘${rest.replace('Shift+', '⇧')}` : `Ctrl+${rest}`;
}

/**
 * Zooming around the centre of the view: factor < 1 zooms in. The window never gets narrower
 * than `minMs` and never leaves [fromMs, toMs].
 */
export function zoomWindow(view: { fromMs: number; toMs: number }, bounds: { fromMs: number; toMs: number }, factor: number, minMs = 10 * 60_000): { fromMs: number; toMs: number } {
  const full = bounds.toMs - bounds.fromMs;
  const width = Math.min(full, Math.max(minMs, (view.toMs - view.fromMs) * factor));
  const mid = (view.fromMs + view.toMs) / 2;
  let from = mid - width / 2;
  let to = mid + width / 2;
  if (from < bounds.fromMs) {
    to += bounds.fromMs - from;
    from = bounds.fromMs;
  }
  if (to > bounds.toMs) {
    from -= to - bounds.toMs;
    to = bounds.toMs;
  }
  return { fromMs: Math.max(bounds.fromMs, from), toMs: to };
}

/** The view for "jump to this outage": the outage ± 1 h (clamped to the data). */
export function outageWindow(o: { startMs: number; endMs: number }, bounds: { fromMs: number; toMs: number }, padMs = 3_600_000): { fromMs: number; toMs: number } {
  return { fromMs: Math.max(bounds.fromMs, o.startMs - padMs), toMs: Math.min(bounds.toMs, o.endMs + padMs) };
}

/** Index of the next (step 1) or previous (step −1) outage, wrapping; from none, the first or last. */
export function stepOutage(current: number | null, count: number, step: 1 | -1): number | null {
  if (count === 0) return null;
  if (current === null) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
