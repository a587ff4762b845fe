import type { Problem } from "@addnet/contracts";
import { describe, expect, it } from "vitest";

import en from "../locales/en.json";
import ja from "../locales/ja.json";
import { ApiError } from "./api-client.ts";
import { describeError } from "./errors.ts";
import { initI18n } from "./i18n-setup.ts";

const refused = (code: Problem["code"]) =>
  new ApiError(409, { type: "about:blank", title: "Conflict", status: 409, detail: "in English", code }, "Conflict");

describe("describeError", () => {
  it("says why a rollout's Pause, Resume, Cancel or Retry was refused, in the user's language", async () => {
    const i18n = await initI18n("en");
    const cases = [
      ["ROLLOUT_NOT_RUNNING", "rolloutNotRunning"],
      ["ROLLOUT_NOT_PAUSED", "rolloutNotPaused"],
      ["ROLLOUT_ENDED", "rolloutEnded"],
      ["ROLLOUT_NOTHING_TO_RETRY", "rolloutNothingToRetry"],
    ] as const;
    for (const [code, key] of cases) expect(describeError(i18n.t, refused(code))).toBe(en.translation.errors[key]);
    await i18n.changeLanguage("ja");
    for (const [code, key] of cases) expect(describeError(i18n.t, refused(code))).toBe(ja.translation.errors[key]);
  });
});
