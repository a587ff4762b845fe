import { useId } from "react";
import { useTranslation } from "react-i18next";

import { LANGUAGES, rememberLanguage, type Language } from "../lib/i18n-setup.ts";

/** English / 日本語. Each language is named in itself, as language pickers do. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = (LANGUAGES as readonly string[]).includes(i18n.resolvedLanguage ?? "") ? i18n.resolvedLanguage : "en";
  return (
    <span className="language-switch">
      <label htmlFor={id} className="clr-sr-only">
        {t("app.language")}
      </label>
      <select
        id={id}
        className="clr-select language-select"
        value={current}
        onChange={(e) => {
          const lng = e.target.value as Language;
          rememberLanguage(lng);
          void i18n.changeLanguage(lng);
        }}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`app.languages.${lng}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
