export * from "./ip.ts";
export * from "./wizard.ts";
export * from "./netstack.ts";
export * from "./host-rules.ts";
export * from "./api.ts";
export * from "./messages.ts";
export * from "./examples.ts";
export * from "./export/index.ts";
