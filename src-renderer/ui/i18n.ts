import { createContext, useCallback, useContext } from 'react';
import { translate, type Locale, type MessageKey, type ParamsOf } from '../../shared/i18n';

/** `t('key', {params})`: every visible string in the renderer goes through this. */
export type Translate = <K extends MessageKey>(key: K, ...args: ParamsOf<K>) => string;

export const LocaleContext = createContext<Locale>('en');

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback(<K extends MessageKey>(key: K, ...args: ParamsOf<K>) => translate(locale, key, ...args), [locale]);
}

/** A translator outside React (tests, pure formatters). */
export function translatorFor(locale: Locale): Translate {
  return (key, ...args) => translate(locale, key, ...args);
}
