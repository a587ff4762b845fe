import type { ReactNode } from "react";

type Color = "info" | "success" | "warning" | "danger" | "neutral";

/** Clarity's label: a state shown as words (disconnected, maintenance mode). */
export function StatusLabel({ color = "neutral", children }: { color?: Color; children: ReactNode }) {
  return <span className={color === "neutral" ? "label" : `label label-${color}`}>{children}</span>;
}
