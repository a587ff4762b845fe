import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // packages/vim25/src/types.ts is generated (packages/vim25/generate/types.ts).
  { ignores: ["**/node_modules/**", "**/dist/**", "**/coverage/**", "bench/out/**", "packages/vim25/src/types.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
