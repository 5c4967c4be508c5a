import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, normalizeSettings, UserSettingsStore } from './user-settings';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vigil-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('UserSettingsStore', () => {
  it('remembers the last 10 workspaces, most recent first, with the time opened, across restarts', () => {
    const dir = tmp();
    let now = 1000;
    const s = new UserSettingsStore(dir, () => now);
    for (let i = 0; i < 12; i++) {
      now += 10;
      s.rememberWorkspace(`/ws/${i}`);
    }
    now += 10;
    s.rememberWorkspace('/ws/5'); // reopened: moves to the top with a new time
    const again = new UserSettingsStore(dir).get();
    expect(again.recent).toHaveLength(MAX_RECENT);
    expect(again.recent[0]).toEqual({ path: '/ws/5', lastOpenedMs: 1130 });
    expect(again.recent[1]).toEqual({ path: '/ws/11', lastOpenedMs: 1120 });
    expect(again.recentWorkspaces.slice(0, 2)).toEqual(['/ws/5', '/ws/11']);
    expect(again.recent.filter((e) => e.path === '/ws/5')).toHaveLength(1);
    expect(again.recent.some((e) => e.path === '/ws/1')).toBe(false);
    s.forgetWorkspace('/ws/11');
    expect(new UserSettingsStore(dir).get().recent.map((e) => e.path)).not.toContain('/ws/11');
  });

  it('stores a window state per display', () => {
    const dir = tmp();
    const s = new UserSettingsStore(dir, () => 42);
    s.saveWindow('1:0,0,1920x1080', { x: 1, y: 2, width: 1000, height: 700, maximized: true });
    const file = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { windows: Record<string, unknown> };
    expect(file.windows['1:0,0,1920x1080']).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true, savedAtMs: 42 });
  });

  it('reads an older or hand-edited file without failing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'neon', locale: 'ko', recentWorkspaces: ['/a', 7, '/b', '/a'], window: { width: 900, height: 'x' } }));
    const s = new UserSettingsStore(dir).get();
    expect(s.theme).toBe('system');
    expect(s.locale).toBe('ko');
    expect(s.recent).toEqual([
      { path: '/a', lastOpenedMs: 0 },
      { path: '/b', lastOpenedMs: 0 },
    ]);
    expect(s.window).toBeUndefined();
    writeFileSync(join(dir, 'settings.json'), '{not json');
    expect(new UserSettingsStore(dir).get().recent).toEqual([]);
    expect(normalizeSettings(null).windows).toEqual({});
  });
});
