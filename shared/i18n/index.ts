export { catalogue, LOCALES, localeFromTag, placeholdersIn, translate } from './catalogue';
export type { Locale, MessageKey, Messages, ParamsOf, PlaceholdersOf, PlainKey } from './catalogue';
