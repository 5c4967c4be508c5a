import { describe, expect, it } from 'vitest';
import { compactNumber, middleEllipsis, formatCadence, formatDuration, formatStatusCounts, shortId } from './format';
import { translatorFor } from './i18n';

const en = translatorFor('en');
const ko = translatorFor('ko');

describe('format', () => {
  it('formats remaining time in both languages', () => {
    expect(formatDuration(42_400, en)).toBe('42 s');
    expect(formatDuration(185_000, en)).toBe('3 min 5 s');
    expect(formatDuration(7_800_000, en)).toBe('2 h 10 min');
    expect(formatDuration(185_000, ko)).toBe('3분 5초');
    expect(formatDuration(-5, en)).toBe('0 s');
  });

  it('formats Scouter cadences', () => {
    expect(formatCadence(300_000, en)).toBe('5 min');
    expect(formatCadence(2_000, en)).toBe('2 s');
    expect(formatCadence(3_600_000, ko)).toBe('1시간');
    expect(formatCadence(1_500, en)).toBe('1.5 s');
  });

  it('lists status counts most frequent first', () => {
    expect(formatStatusCounts({ '0': 3, '502': 24, '503': 3 })).toBe('502 ×24 · 0 ×3 · 503 ×3');
    expect(formatStatusCounts({})).toBe('');
  });

  it('shortens long paths in the middle', () => {
    expect(middleEllipsis('/tmp/ws', 20)).toBe('/tmp/ws');
    const s = middleEllipsis('/home/sre/vigil/workspaces/customer-a/mis-was-2024-03', 30);
    expect(s).toHaveLength(30);
    expect(s.startsWith('/home/sre/v')).toBe(true);
    expect(s.endsWith('mis-was-2024-03')).toBe(true);
  });

  it('shortens ids and numbers', () => {
    expect(shortId('0f3c9a1e-1111-2222')).toBe('0f3c9a1e');
    expect(compactNumber(950)).toBe('950');
    expect(compactNumber(12_345)).toBe('12.3k');
    expect(compactNumber(3_400_000)).toBe('3.4M');
    expect(compactNumber(0.25)).toBe('0.25');
    expect(compactNumber(0)).toBe('0');
  });
});
