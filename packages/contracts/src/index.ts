export * from "./ip.ts";
export * from "./wizard.ts";
export * from "./netstack.ts";
