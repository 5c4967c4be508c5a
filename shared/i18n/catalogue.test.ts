import { describe, expect, it } from 'vitest';
import { catalogue, localeFromTag, placeholdersIn, translate, type MessageKey } from './catalogue';
import { en } from './en';

const keys = Object.keys(en) as MessageKey[];

describe('i18n catalogue', () => {
  it('has exactly the English keys in every locale', () => {
    for (const [locale, messages] of Object.entries(catalogue)) {
      expect(Object.keys(messages).sort(), locale).toEqual([...keys].sort());
    }
  });

  it('has no empty strings', () => {
    for (const [locale, messages] of Object.entries(catalogue)) {
      for (const k of keys) expect(messages[k].trim().length, `${locale} ${k}`).toBeGreaterThan(0);
    }
  });

  it('keeps every placeholder of the English text in each translation', () => {
    for (const k of keys) {
      expect(placeholdersIn(catalogue.ko[k]), k).toEqual(placeholdersIn(en[k]));
    }
  });

  it('really translates to Korean (Hangul in every string that has English words)', () => {
    // Keys whose text is a name, a symbol or a product term kept as is.
    const sameOnPurpose = new Set<MessageKey>(['app.title', 'common.none', 'status.version', 'labels.col.id']);
    for (const k of keys) {
      if (sameOnPurpose.has(k)) continue;
      expect(/[\uAC00-\uD7A3]/.test(catalogue.ko[k]), `${k}: ${catalogue.ko[k]}`).toBe(true);
    }
  });

  it('fills placeholders and leaves plain strings alone', () => {
    expect(translate('en', 'shortcut.area', { area: 'Labels' })).toBe('Go to Labels');
    expect(translate('ko', 'shortcut.area', { area: '레이블' })).toBe('레이블 화면으로 이동');
    expect(translate('ko', 'area.training')).toBe('학습');
    expect(translate('en', 'status.cores', { cores: 4 })).toBe('4 cores');
  });

  it('maps browser language tags to a UI locale', () => {
    expect(localeFromTag('ko-KR')).toBe('ko');
    expect(localeFromTag('en-US')).toBe('en');
    expect(localeFromTag(undefined)).toBe('en');
  });
});
