import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A locale file: nested keys with string leaves. */
export interface Dict {
  [key: string]: string | Dict;
}
/** The same keys as another locale file, so every string has both a zh-CN and an en-US entry. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

const STORAGE_KEY = 'jk.locale';

export const isLocale = (v: unknown): v is Locale => (LOCALES as readonly unknown[]).includes(v);

export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/** Start i18next with every module's namespaces; Simplified Chinese unless the user chose otherwise. */
export function initI18n(resources: Record<Locale, Record<string, Dict>>) {
  const lng = storedLocale() ?? DEFAULT_LOCALE;
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LOCALE,
    ns: Object.keys(resources[DEFAULT_LOCALE]),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18n;
}

/** Switch the UI language and remember the choice in this browser. */
export function applyLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = locale;
  return i18n.changeLanguage(locale);
}

export { i18n };
