import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

import { isReauthenticationPending, reauthenticationAbandoned } from "../src/lib/session-expiry.ts";

// The whole suite runs in parallel on small CI machines: give findBy/waitFor time before calling it a failure.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no layout: the virtual list measures with ResizeObserver and scrolls with scrollTo.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal("ResizeObserver", ResizeObserverStub);
// jsdom has no EventSource: the signed-in pages' Recent Tasks stream opens one that never hears anything
// (recent-tasks.test.tsx puts one in its place that does).
class EventSourceStub {
  onmessage = null;
  close() {}
}
vi.stubGlobal("EventSource", EventSourceStub);
Element.prototype.scrollTo = function scrollTo() {};
// The host list's scroll box gets a viewport's size, so the virtual list renders a window of rows as in a browser.
for (const [prop, size] of [
  ["clientHeight", 640],
  ["clientWidth", 1024],
] as const) {
  const base = Object.getOwnPropertyDescriptor(Element.prototype, prop)!;
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains("host-list-scroller") ? size : base.get!.call(this);
    },
  });
}

afterEach(() => {
  cleanup();
  if (isReauthenticationPending()) reauthenticationAbandoned();
  sessionStorage.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.stubGlobal("ResizeObserver", ResizeObserverStub);
  vi.stubGlobal("EventSource", EventSourceStub);
});
