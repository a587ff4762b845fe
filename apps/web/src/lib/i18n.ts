/**
 * Both catalogues at once, without waiting: for the tests, which render either language from the first paint, and
 * for the catalogues' key types (i18next.d.ts). The app starts through i18n-setup.ts's initI18n, which fetches
 * Japanese only when it is chosen; importing `resources` from app code would put Japanese back into the first load.
 */
import type { i18n } from "i18next";

import ja from "../locales/ja.json";
import { detectLanguage, english, setUpI18n, type Language } from "./i18n-setup.ts";

export { LANGUAGES, detectLanguage, rememberLanguage, type Language } from "./i18n-setup.ts";

export const resources = {
  en: english,
  ja: { translation: ja.translation, validation: ja.validation },
};

export function createI18n(lng: Language = detectLanguage()): i18n {
  return setUpI18n(lng, resources).instance;
}
