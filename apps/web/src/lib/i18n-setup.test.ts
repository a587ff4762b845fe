import { describe, expect, it } from "vitest";

import ja from "../locales/ja.json";
import { initI18n } from "./i18n-setup.ts";

describe("the app's i18next instance", () => {
  it("starts in English with the Japanese catalogue not loaded", async () => {
    const i18n = await initI18n("en");
    expect(i18n.t("auth.logIn")).toBe("Log in");
    expect(i18n.hasResourceBundle("ja", "translation")).toBe(false);
    expect(document.documentElement.lang).toBe("en");
  });

  it("loads Japanese when the user switches to it, before the UI changes language", async () => {
    const i18n = await initI18n("en");
    await i18n.changeLanguage("ja");
    expect(i18n.resolvedLanguage).toBe("ja");
    expect(i18n.t("auth.logIn")).toBe(ja.translation.auth.logIn);
    expect(i18n.t("fault.HostConfigFault", { ns: "validation" })).toBe(ja.validation["fault.HostConfigFault"]);
    expect(document.documentElement.lang).toBe("ja");
  });

  it("starts in Japanese from the first paint when the user chose it", async () => {
    const i18n = await initI18n("ja");
    expect(i18n.resolvedLanguage).toBe("ja");
    expect(i18n.t("wizard.next")).toBe(ja.translation.wizard.next);
    expect(document.documentElement.lang).toBe("ja");
  });

  it("says one host in English, and finds Japanese's one plural form (_other) for any count", async () => {
    const i18n = await initI18n("en");
    expect(i18n.t("rollout.select.count", { count: 1 })).toBe("1 host selected");
    expect(i18n.t("rollout.select.count", { count: 2 })).toBe("2 hosts selected");
    expect(i18n.t("recentTasks.stepProgress", { done: 0, count: 1 })).toBe("0 of 1 step done");
    await i18n.changeLanguage("ja");
    for (const count of [1, 2])
      expect(i18n.t("rollout.select.count", { count })).toBe(ja.translation.rollout.select.count_other.replace("{{count}}", String(count)));
    expect(i18n.t("rollout.preflight.heldBackCount", { count: 1 })).toBe("1 台が保留されます");
  });
});
