/**
 * Import cycles, type-only imports included: eslint's import-x/no-cycle skips `import type`, and a cycle through types
 * still ties two modules together (neither can change or move without the other).
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module must not import, even for a type, something that imports it back.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.tmp)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
