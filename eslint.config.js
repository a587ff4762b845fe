import js from "@eslint/js";
import globals from "globals";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
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
  // Type-aware rules: a promise nobody awaits loses its rejection. Each TypeScript file is checked in the tsconfig
  // that includes it (projectService); the two scripts that no tsconfig includes get the base options.
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["apps/api/build.ts", "packages/vim25/generate/*.ts"],
          defaultProject: "tsconfig.base.json",
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // React calls an async onClick/onSubmit and drops the promise; the handler itself must catch what it awaits.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  // No import cycles: a module must not be loaded again while it is still loading. Type-only imports are erased
  // (verbatimModuleSyntax), so no-cycle does not follow them; depcruise (.dependency-cruiser.cjs, in pnpm lint) does.
  // Every relative import names its file with its extension, and workspace packages export their TypeScript source,
  // so Node's resolution finds each one.
  {
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts", ".cts"] },
      "import-x/resolver-next": [createNodeResolver()],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
);
