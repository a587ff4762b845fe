import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

import { cx } from "../../lib/cx.ts";

export interface TabItem {
  id: string;
  label: ReactNode;
  panel: ReactNode;
  /** Marks a tab whose panel holds errors. */
  invalid?: boolean;
}

/**
 * Vertical tabs (the left-hand pages of a vSphere dialog) with the ARIA tabs pattern: arrow keys move between
 * tabs; every panel stays mounted so form input survives switching.
 */
export function VerticalTabs({
  items,
  selected,
  onSelect,
  label,
}: {
  items: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  label: string;
}) {
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
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
    <div className="vertical-tabs">
      <div role="tablist" aria-orientation="vertical" aria-label={label} className="vertical-tabs-list" onKeyDown={onKeyDown}>
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
            className={cx("btn btn-link vertical-tab", item.id === selected && "active", item.invalid && "invalid")}
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
          className="vertical-tabs-panel"
        >
          {item.panel}
        </div>
      ))}
    </div>
  );
}
