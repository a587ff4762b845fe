// ESLint looks up the config next to each file, so the web app extends the root rules with browser globals and
// the Rules of Hooks.
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";

import root from "../../eslint.config.js";

export default [
  ...root,
  {
    files: ["src/**/*.{ts,tsx}", "test/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
];
