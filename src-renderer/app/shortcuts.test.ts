import { describe, expect, it } from 'vitest';
import { describeBinding, isMacPlatform, matchShortcut, type KeyPress } from './shortcuts';

const press = (p: Partial<KeyPress>): KeyPress => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inTextField: false,
  ...p,
});

describe('matchShortcut', () => {
  it('switches areas with Ctrl+1…6 (Cmd on macOS), by physical key', () => {
    expect(matchShortcut(press({ key: '1', code: 'Digit1', ctrlKey: true }), false)).toEqual({ kind: 'area', area: 'import' });
    expect(matchShortcut(press({ key: '6', code: 'Digit6', ctrlKey: true }), false)).toEqual({ kind: 'area', area: 'reports' });
    expect(matchShortcut(press({ key: '3', code: 'Digit3', metaKey: true }), true)).toEqual({ kind: 'area', area: 'training' });
    expect(matchShortcut(press({ key: '3', code: 'Digit3', ctrlKey: true }), true)).toBeNull();
    expect(matchShortcut(press({ key: '7', code: 'Digit7', ctrlKey: true }), false)).toBeNull();
    expect(matchShortcut(press({ key: '1', code: 'Digit1' }), false)).toBeNull();
    expect(matchShortcut(press({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('toggles the console with Ctrl+` whatever the layout prints', () => {
    expect(matchShortcut(press({ key: '`', code: 'Backquote', ctrlKey: true }), false)).toEqual({ kind: 'toggle-console' });
    expect(matchShortcut(press({ key: '₩', code: 'Backquote', ctrlKey: true }), true)).toEqual({ kind: 'toggle-console' });
    expect(matchShortcut(press({ key: '`', code: 'Backquote' }), false)).toBeNull();
  });

  it('opens help with ? except while typing, and closes with Esc', () => {
    expect(matchShortcut(press({ key: '?', code: 'Slash', shiftKey: true }), false)).toEqual({ kind: 'help' });
    expect(matchShortcut(press({ key: '?', code: 'Slash', shiftKey: true, inTextField: true }), false)).toBeNull();
    expect(matchShortcut(press({ key: 'Escape', code: 'Escape' }), false)).toEqual({ kind: 'close' });
  });

  it('describes bindings per platform', () => {
    expect(describeBinding('area', false, 1)).toBe('Ctrl+2');
    expect(describeBinding('area', true, 1)).toBe('⌘2');
    expect(describeBinding('console', false)).toBe('Ctrl+`');
    expect(isMacPlatform('darwin')).toBe(true);
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('linux')).toBe(false);
  });
});

describe('workspaces shortcut', () => {
  it('opens the workspaces menu with Ctrl+O (Cmd+O on macOS), by physical key', () => {
    expect(matchShortcut(press({ key: 'o', code: 'KeyO', ctrlKey: true }), false)).toEqual({ kind: 'workspaces' });
    expect(matchShortcut(press({ key: 'ㅐ', code: 'KeyO', metaKey: true }), true)).toEqual({ kind: 'workspaces' });
    expect(matchShortcut(press({ key: 'O', code: 'KeyO', ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(matchShortcut(press({ key: 'o', code: 'KeyO' }), false)).toBeNull();
    expect(describeBinding('workspaces', false)).toBe('Ctrl+O');
    expect(describeBinding('workspaces', true)).toBe('⌘O');
  });
});
