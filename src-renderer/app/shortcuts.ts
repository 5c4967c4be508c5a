import { AREAS, type AreaId } from './areas';

/** What a key press asks the shell to do. */
export type ShortcutAction =
  | { kind: 'area'; area: AreaId }
  | { kind: 'toggle-console' }
  | { kind: 'help' }
  | { kind: 'workspaces' }
  | { kind: 'close' };

/** The fields of a KeyboardEvent the matcher reads (a plain object in tests). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** True when the focus is in a text field: `?` must type a question mark there. */
  inTextField: boolean;
}

/**
 * Maps a key press to a shell action, or null.
 *
 * The primary modifier is Cmd on macOS and Ctrl elsewhere. Digits and the backquote are matched
 * by physical key (`code`) so Korean and other layouts work the same; `?` by the character.
 */
export function matchShortcut(e: KeyPress, mac: boolean): ShortcutAction | null {
  const primary = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (e.key === 'Escape') return { kind: 'close' };
  if (primary && !e.altKey && !e.shiftKey) {
    const digit = /^Digit([1-6])$/.exec(e.code) ?? /^Numpad([1-6])$/.exec(e.code);
    if (digit) return { kind: 'area', area: AREAS[Number(digit[1]) - 1] as AreaId };
  }
  // Ctrl/Cmd+O: the workspaces menu (recent workspaces, open a folder), by physical key.
  if (primary && !e.altKey && !e.shiftKey && e.code === 'KeyO') return { kind: 'workspaces' };
  // Ctrl+` toggles the console on every platform (VS Code's binding).
  if (e.ctrlKey && !e.altKey && !e.metaKey && (e.code === 'Backquote' || e.key === '`')) return { kind: 'toggle-console' };
  if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.inTextField) return { kind: 'help' };
  return null;
}

/** True for elements where typed characters belong to the element, not to shortcuts. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  if (el.closest('.xterm')) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return false;
}

/** How the help overlay writes a binding (`Ctrl+1` / `⌘1`). */
export function describeBinding(binding: 'area' | 'console' | 'help' | 'close' | 'workspaces', mac: boolean, index = 0): string {
  switch (binding) {
    case 'workspaces':
      return mac ? '⌘O' : 'Ctrl+O';
    case 'area':
      return mac ? `⌘${index + 1}` : `Ctrl+${index + 1}`;
    case 'console':
      return mac ? '⌃`' : 'Ctrl+`';
    case 'help':
      return '?';
    case 'close':
      return 'Esc';
  }
}

export function isMacPlatform(platform: string): boolean {
  return /^(mac|darwin)/i.test(platform);
}
