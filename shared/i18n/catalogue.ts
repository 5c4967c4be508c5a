import { en, type MessageKey, type Messages } from './en';
import { ko } from './ko';

/** UI locales Vigil ships (matches `UiSettings['locale']` in the IPC contract). */
export type Locale = 'en' | 'ko';
export const LOCALES: readonly Locale[] = ['en', 'ko'];

/** The one English/Korean string catalogue. */
export const catalogue: { readonly [L in Locale]: Messages } = { en, ko };

/** Placeholder names of a message, from its English text: `'Go to {area}'` → `'area'`. */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersOf<Rest> : never;

/** The params a key needs: none for plain strings, one value per placeholder otherwise. */
export type ParamsOf<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never]
  ? []
  : [params: { readonly [P in PlaceholdersOf<(typeof en)[K]>]: string | number }];

/** Keys whose text has no placeholder (can be looked up without params, e.g. from a table). */
export type PlainKey = { [K in MessageKey]: [PlaceholdersOf<(typeof en)[K]>] extends [never] ? K : never }[MessageKey];

/** Placeholder names found in any message text (used by the completeness test). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? '').sort();
}

/**
 * Looks a key up in a locale and fills its `{placeholders}`.
 *
 * Falls back to English if a translation is somehow missing at run time (type-check prevents
 * it at build time); an unknown placeholder is left visible rather than silently dropped.
 */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsOf<K>): string {
  const text = catalogue[locale][key] ?? en[key];
  const params = args[0] as Readonly<Record<string, string | number>> | undefined;
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** Picks the UI locale for a BCP 47 tag (`ko-KR` → `ko`; anything else → `en`). */
export function localeFromTag(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export type { MessageKey, Messages };
