import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../app/shortcuts';
import { describeLabelKey, matchLabelKey, outageWindow, stepOutage, zoomWindow } from './label-keys';

const key = (k: Partial<KeyPress> & { key: string }): KeyPress => ({ code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, inTextField: false, ...k });

describe('matchLabelKey', () => {
  it('maps the letters by physical key, so a Korean layout works', () => {
    expect(matchLabelKey(key({ key: 'j', code: 'KeyJ' }), false)).toBe('next-outage');
    expect(matchLabelKey(key({ key: 'ㅓ', code: 'KeyJ' }), false)).toBe('next-outage');
    expect(matchLabelKey(key({ key: 'k', code: 'KeyK' }), false)).toBe('previous-outage');
    expect(matchLabelKey(key({ key: 'l', code: 'KeyL' }), false)).toBe('label');
    expect(matchLabelKey(key({ key: 'u', code: 'KeyU' }), false)).toBe('unlabel');
  });
  it('zooms with + and - on both rows', () => {
    expect(matchLabelKey(key({ key: '+', code: 'Equal', shiftKey: true }), false)).toBe('zoom-in');
    expect(matchLabelKey(key({ key: '=', code: 'Equal' }), false)).toBe('zoom-in');
    expect(matchLabelKey(key({ key: '+', code: 'NumpadAdd' }), false)).toBe('zoom-in');
    expect(matchLabelKey(key({ key: '-', code: 'Minus' }), false)).toBe('zoom-out');
  });
  it('undoes and redoes with the primary modifier', () => {
    expect(matchLabelKey(key({ key: 'z', code: 'KeyZ', ctrlKey: true }), false)).toBe('undo');
    expect(matchLabelKey(key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(matchLabelKey(key({ key: 'y', code: 'KeyY', ctrlKey: true }), false)).toBe('redo');
    expect(matchLabelKey(key({ key: 'z', code: 'KeyZ', metaKey: true }), true)).toBe('undo');
    expect(matchLabelKey(key({ key: 'z', code: 'KeyZ', ctrlKey: true }), true)).toBeNull();
  });
  it('ignores typing in fields and other modifiers', () => {
    expect(matchLabelKey(key({ key: 'j', code: 'KeyJ', inTextField: true }), false)).toBeNull();
    expect(matchLabelKey(key({ key: 'z', code: 'KeyZ', ctrlKey: true, inTextField: true }), false)).toBeNull();
    expect(matchLabelKey(key({ key: 'j', code: 'KeyJ', altKey: true }), false)).toBeNull();
    expect(matchLabelKey(key({ key: '1', code: 'Digit1', ctrlKey: true }), false)).toBeNull();
  });
  it('describes the bindings per platform', () => {
    expect(describeLabelKey('primary+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(describeLabelKey('primary+Shift+Z', true)).toBe('⌘⇧Z');
    expect(describeLabelKey('J', true)).toBe('J');
  });
});

describe('view windows', () => {
  const b = { fromMs: 0, toMs: 1000 * 60_000 };
  it('zooms around the centre and stays inside the data', () => {
    expect(zoomWindow({ fromMs: 400 * 60_000, toMs: 600 * 60_000 }, b, 0.5)).toEqual({ fromMs: 450 * 60_000, toMs: 550 * 60_000 });
    expect(zoomWindow({ fromMs: 0, toMs: 200 * 60_000 }, b, 2)).toEqual({ fromMs: 0, toMs: 400 * 60_000 });
    expect(zoomWindow({ fromMs: 0, toMs: 1000 * 60_000 }, b, 4)).toEqual(b);
    expect(zoomWindow({ fromMs: 500 * 60_000, toMs: 502 * 60_000 }, b, 0.5).toMs - zoomWindow({ fromMs: 500 * 60_000, toMs: 502 * 60_000 }, b, 0.5).fromMs).toBe(10 * 60_000);
  });
  it('jumps to an outage ± 1 h', () => {
    const H = 3_600_000;
    expect(outageWindow({ startMs: 5 * H, endMs: 6 * H }, { fromMs: 0, toMs: 100 * H })).toEqual({ fromMs: 4 * H, toMs: 7 * H });
    expect(outageWindow({ startMs: 0, endMs: H }, { fromMs: 0, toMs: 100 * H })).toEqual({ fromMs: 0, toMs: 2 * H });
  });
  it('steps through outages, wrapping', () => {
    expect(stepOutage(null, 3, 1)).toBe(0);
    expect(stepOutage(null, 3, -1)).toBe(2);
    expect(stepOutage(2, 3, 1)).toBe(0);
    expect(stepOutage(0, 3, -1)).toBe(2);
    expect(stepOutage(null, 0, 1)).toBeNull();
  });
});
