import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

import { cx } from "../../lib/cx.ts";

export interface TabItem {
  id: string;
  label: ReactNode;
  panel: ReactNode;
  /** Marks a tab whose panel holds errors. */
  invalid?: boolean;
}

export interface TabsProps {
  items: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  label: string;
}

/**
 * Tabs with the ARIA tabs pattern: arrow keys move between tabs; every panel stays mounted so form input survives
 * switching. Vertical: the left-hand pages of a vSphere dialog; horizontal: Clarity's tabs (a details pane's).
 */
function TabSet({ items, selected, onSelect, label, orientation }: TabsProps & { orientation: "vertical" | "horizontal" }) {
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const vertical = orientation === "vertical";
  const onKeyDown = (e: KeyboardEvent) => {
    const index = items.findIndex((i) => i.id === selected);
    let next: number;
    if (e.key === "ArrowDown" || e.key === "ArrowRight") next = (index + 1) % items.length;
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") next = (index - 1 + items.length) % items.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = items.length - 1;
    else return;
    e.preventDefault();
    const id = items[next]!.id;
    onSelect(id);
    refs.current[id]?.focus();
  };
  return (
    <div className={vertical ? "vertical-tabs" : "horizontal-tabs"}>
      <div
        role="tablist"
        aria-orientation={orientation}
        aria-label={label}
        className={vertical ? "vertical-tabs-list" : "nav"}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => (
          <button
            key={item.id}
            ref={(el) => {
              refs.current[item.id] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${item.id}`}
            aria-controls={`${base}-panel-${item.id}`}
            aria-selected={item.id === selected}
            tabIndex={item.id === selected ? 0 : -1}
            className={cx(
              "btn btn-link",
              vertical ? "vertical-tab" : "nav-link",
              item.id === selected && "active",
              item.invalid && "invalid",
            )}
            onClick={() => onSelect(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {items.map((item) => (
        <div
          key={item.id}
          role="tabpanel"
          id={`${base}-panel-${item.id}`}
          aria-labelledby={`${base}-tab-${item.id}`}
          hidden={item.id !== selected}
          className={vertical ? "vertical-tabs-panel" : "horizontal-tabs-panel"}
        >
          {item.panel}
        </div>
      ))}
    </div>
  );
}

/** The left-hand pages of a vSphere dialog (Edit TCP/IP Stack Configuration). */
export function VerticalTabs(props: TabsProps) {
  return <TabSet {...props} orientation="vertical" />;
}

/** Tabs over their panels, as Clarity draws them (a VMkernel adapter's Properties and IP settings). */
export function Tabs(props: TabsProps) {
  return <TabSet {...props} orientation="horizontal" />;
}
