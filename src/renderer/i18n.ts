import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../shared/api';
import { en } from './locales/en';
import { esMX } from './locales/es-MX';

export const LOCALES: readonly Locale[] = ['es-MX', 'en'];

export function setupI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { 'es-MX': { translation: esMX }, en: { translation: en } },
    lng: 'es-MX',
    fallbackLng: 'es-MX',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}
