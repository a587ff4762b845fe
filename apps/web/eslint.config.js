// ESLint looks up the config next to each file, so the web app extends the root rules with browser globals,
// the Rules of Hooks and bulletproof-react's import boundaries.
import { readdirSync } from "node:fs";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";

import root from "../../eslint.config.js";

// Every folder under src/features is a feature.
const features = readdirSync(new URL("src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const shared = ["./src/components", "./src/config", "./src/hooks", "./src/lib", "./src/types", "./src/utils"];

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
  // bulletproof-react's boundaries: a feature imports no other feature (app/ composes them), features import nothing
  // from app/, and the shared folders import neither features nor app/.
  {
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: [
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: "./src/features",
              except: [`./${feature}`],
              message:
                "A feature does not import another feature: compose them in src/app, or move the shared part to src/components or src/lib.",
            })),
            { target: "./src/features", from: "./src/app", message: "Features do not import from src/app." },
            { target: shared, from: ["./src/features", "./src/app"], message: "Shared code does not import from features or src/app." },
          ],
        },
      ],
    },
  },
];
