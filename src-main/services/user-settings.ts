import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { UiSettings } from '../../shared/ipc/contract';

/** Per-user settings (not per workspace): theme, language, recent workspaces, window state. */
export interface UserSettings extends UiSettings {
  recentWorkspaces: string[];
  window?: { x?: number; y?: number; width: number; height: number; maximized: boolean };
}

const DEFAULTS: UserSettings = { theme: 'system', locale: 'en', recentWorkspaces: [] };

export function userConfigDir(): string {
  return process.env['VIGIL_CONFIG_DIR'] ?? join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'vigil');
}

export class UserSettingsStore {
  private value: UserSettings;
  private readonly file: string;

  constructor(dir = userConfigDir()) {
    this.file = join(dir, 'settings.json');
    mkdirSync(dir, { recursive: true });
    try {
      this.value = { ...DEFAULTS, ...(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<UserSettings>) };
    } catch {
      this.value = { ...DEFAULTS };
    }
  }

  get(): UserSettings {
    return { ...this.value, recentWorkspaces: [...this.value.recentWorkspaces] };
  }

  update(patch: Partial<UserSettings>): UserSettings {
    this.value = { ...this.value, ...patch };
    // Write-then-rename so a crash never leaves a half-written settings file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.value, null, 2));
    renameSync(tmp, this.file);
    return this.get();
  }

  rememberWorkspace(path: string): void {
    const recent = [path, ...this.value.recentWorkspaces.filter((p) => p !== path)].slice(0, 10);
    this.update({ recentWorkspaces: recent });
  }
}
