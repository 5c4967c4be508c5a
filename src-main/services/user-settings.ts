import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { UiSettings } from '../../shared/ipc/contract';

/** A window's outer bounds, screen px, and whether it was maximised. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The window state last used on one display (key: `window-state.ts` displayKey), and when. */
export interface DisplayWindowState extends WindowState {
  savedAtMs: number;
}

/** One workspace opened before: its folder and when it was last opened (epoch ms). */
export interface RecentEntry {
  path: string;
  lastOpenedMs: number;
}

/** Per-user settings (not per workspace): theme, language, recent workspaces, window state. */
export interface UserSettings extends UiSettings {
  /** Paths only, most recent first (kept for older readers; `recent` has the times). */
  recentWorkspaces: string[];
  /** Most recent first, at most `MAX_RECENT`. */
  recent: RecentEntry[];
  /** Legacy single window state (before per-display states); read as a fallback. */
  window?: WindowState;
  /** The window state per display arrangement (Electron). */
  windows: Record<string, DisplayWindowState>;
}

export const MAX_RECENT = 10;
const DEFAULTS: UserSettings = { theme: 'system', locale: 'en', recentWorkspaces: [], recent: [], windows: {} };

export function userConfigDir(): string {
  return process.env['VIGIL_CONFIG_DIR'] ?? join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'vigil');
}

/**
 * Reads whatever a settings file holds into valid settings: unknown or malformed fields fall back
 * to the defaults (a hand-edited or older file never stops the app), and a file from before
 * `recent` existed keeps its paths (time unknown → 0).
 */
export function normalizeSettings(raw: unknown): UserSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const theme = r['theme'] === 'light' || r['theme'] === 'dark' || r['theme'] === 'system' ? r['theme'] : DEFAULTS.theme;
  const locale = r['locale'] === 'en' || r['locale'] === 'ko' ? r['locale'] : DEFAULTS.locale;
  const recent: RecentEntry[] = [];
  const seen = new Set<string>();
  const add = (path: unknown, at: unknown) => {
    if (typeof path !== 'string' || path === '' || seen.has(path) || recent.length >= MAX_RECENT) return;
    seen.add(path);
    recent.push({ path, lastOpenedMs: typeof at === 'number' && Number.isFinite(at) ? at : 0 });
  };
  if (Array.isArray(r['recent'])) for (const e of r['recent'] as unknown[]) if (e && typeof e === 'object') add((e as RecentEntry).path, (e as RecentEntry).lastOpenedMs);
  if (Array.isArray(r['recentWorkspaces'])) for (const p of r['recentWorkspaces'] as unknown[]) add(p, 0);
  const windows: Record<string, DisplayWindowState> = {};
  const w = r['windows'];
  if (w && typeof w === 'object') {
    for (const [k, v] of Object.entries(w as Record<string, unknown>)) {
      const s = windowStateOf(v);
      if (s) windows[k] = { ...s, savedAtMs: typeof (v as DisplayWindowState).savedAtMs === 'number' ? (v as DisplayWindowState).savedAtMs : 0 };
    }
  }
  const legacy = windowStateOf(r['window']);
  return { theme, locale, recent, recentWorkspaces: recent.map((e) => e.path), windows, ...(legacy ? { window: legacy } : {}) };
}

function windowStateOf(v: unknown): WindowState | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!num(o['width']) || !num(o['height'])) return null;
  return {
    ...(num(o['x']) && num(o['y']) ? { x: o['x'] as number, y: o['y'] as number } : {}),
    width: o['width'] as number,
    height: o['height'] as number,
    maximized: o['maximized'] === true,
  };
}

export class UserSettingsStore {
  private value: UserSettings;
  private readonly file: string;

  constructor(
    dir = userConfigDir(),
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dir, 'settings.json');
    mkdirSync(dir, { recursive: true });
    let raw: unknown = {};
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      // No file yet, or not JSON: start from the defaults (the next save replaces it).
    }
    this.value = normalizeSettings(raw);
  }

  get(): UserSettings {
    return { ...this.value, recentWorkspaces: [...this.value.recentWorkspaces], recent: this.value.recent.map((e) => ({ ...e })), windows: { ...this.value.windows } };
  }

  update(patch: Partial<UserSettings>): UserSettings {
    this.value = { ...this.value, ...patch };
    // Write-then-rename so a crash never leaves a half-written settings file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.value, null, 2));
    renameSync(tmp, this.file);
    return this.get();
  }

  /** Puts `path` first in the recent list with the time now; keeps the last `MAX_RECENT`. */
  rememberWorkspace(path: string): void {
    const recent = [{ path, lastOpenedMs: this.now() }, ...this.value.recent.filter((e) => e.path !== path)].slice(0, MAX_RECENT);
    this.update({ recent, recentWorkspaces: recent.map((e) => e.path) });
  }

  /** Drops a workspace from the recent list (the user removed a missing one). */
  forgetWorkspace(path: string): void {
    const recent = this.value.recent.filter((e) => e.path !== path);
    this.update({ recent, recentWorkspaces: recent.map((e) => e.path) });
  }

  /** Stores the window state used on the display `displayKey` (see window-state.ts). */
  saveWindow(displayKey: string, state: WindowState): void {
    this.update({ windows: { ...this.value.windows, [displayKey]: { ...state, savedAtMs: this.now() } } });
  }
}
