/**
 * English and Japanese catalogues. The validation codes' English text and the vSphere Client's names of stacks and
 * services come from @addnet/contracts (the API answers with the same words); the Japanese catalogue translates them.
 */
import { serviceNames, stackNames, validationMessages } from "@addnet/contracts";
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

import en from "../locales/en.json";
import ja from "../locales/ja.json";

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  en: {
    translation: { ...en.translation, stacks: stackNames, services: serviceNames },
    validation: { ...validationMessages, ...en.validation },
  },
  ja: { translation: ja.translation, validation: ja.validation },
};

const STORAGE_KEY = "addnet-language";

/** The language the user chose before, else the browser's. */
export function detectLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "en" || stored === "ja") return stored;
  } catch {
    // Storage can be off; fall back to the browser's language.
  }
  const preferred = typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split("-")[0];
    if (base === "ja" || base === "en") return base;
  }
  return "en";
}

export function rememberLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}

export function createI18n(lng: Language = detectLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    ns: ["translation", "validation"],
    defaultNS: "translation",
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const syncDocument = (l: string) => {
    if (typeof document !== "undefined") document.documentElement.lang = l;
  };
  syncDocument(lng);
  instance.on("languageChanged", syncDocument);
  return instance;
}
