/**
 * What `use-sync-external-store/shim` gives react-i18next (vite.config.ts points it here): the shim hands out React's
 * own useSyncExternalStore whenever React has one, as React 19 does, so the app need not ship the fallback.
 */
export { useSyncExternalStore } from "react";
