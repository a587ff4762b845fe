/**
 * The i18next instance the app runs on. English is bundled; Japanese is a chunk of its own, fetched the first time
 * it is needed (at start when the user chose it, else on switching to it), so that the first load carries one
 * catalogue. The validation codes' English text and the vSphere Client's names of stacks and services come from
 * @addnet/contracts (the API answers with the same words); the Japanese catalogue translates them.
 */
import { serviceNames, stackNames, validationMessages } from "@addnet/contracts";
import i18next, { type BackendModule, type i18n, type Resource, type ResourceLanguage } from "i18next";
import { initReactI18next } from "react-i18next";

import en from "../locales/en.json";

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

export const english = {
  translation: { ...en.translation, stacks: stackNames, services: serviceNames },
  validation: { ...validationMessages, ...en.validation },
};

/** A language's catalogue: English at once, Japanese from its chunk. */
async function loadCatalogue(lng: Language): Promise<ResourceLanguage> {
  if (lng === "en") return english;
  const { default: ja } = await import("../locales/ja.json");
  return { translation: ja.translation, validation: ja.validation };
}

/** i18next asks this for a language that is not bundled, before it switches to it. */
const catalogueBackend: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (language, namespace, callback) => {
    if (!(LANGUAGES as readonly string[]).includes(language)) return callback(null, {});
    loadCatalogue(language as Language).then(
      (catalogue) => callback(null, catalogue[namespace] as Record<string, unknown>),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
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

/**
 * An i18next instance in `lng` with the `bundled` catalogues; any other language is loaded when it is needed.
 * `ready` settles once `lng`'s catalogue is there (at once when it is bundled).
 */
export function setUpI18n(lng: Language, bundled: Resource): { instance: i18n; ready: Promise<unknown> } {
  const instance = i18next.createInstance();
  const ready = instance
    .use(catalogueBackend)
    .use(initReactI18next)
    .init({
      resources: bundled,
      partialBundledLanguages: true,
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
  return { instance, ready };
}

/** The app's instance: in the user's language from the first paint (its catalogue fetched first if it is not English). */
export async function initI18n(lng: Language = detectLanguage()): Promise<i18n> {
  const { instance, ready } = setUpI18n(lng, { en: english });
  await ready;
  return instance;
}
