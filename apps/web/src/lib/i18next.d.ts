/** The catalogues' keys as types: a key missing from the English catalogue does not compile. */
import "i18next";

import type { resources } from "./i18n.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: (typeof resources)["en"];
  }
}
