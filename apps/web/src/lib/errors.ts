/** Plain words for what went wrong with a call: vCenter's faults as the API reports them in problem+json. */
import { messageText } from "@addnet/contracts";
import type { TFunction } from "i18next";

import { ApiError } from "./api-client.ts";
import { missingPrivilegeText, validationText } from "./labels.ts";
import { SignedOutError } from "./session-expiry.ts";

/** Names an entity of a NO_PERMISSION problem (the problem carries its id, the page knows its name). */
export type EntityNamer = (entity: { type: string; id: string }) => string | undefined;

export function describeError(t: TFunction, err: unknown, entityName?: EntityNamer): string {
  if (err instanceof SignedOutError) return t("errors.signedOut");
  if (!(err instanceof ApiError)) return t("errors.unexpected");
  const p = err.problem;
  // A change that did not complete says how it ended: which step failed and why, what was undone, what remains.
  if (p?.outcome?.length) return p.outcome.map((m) => messageText(m, (code, params) => validationText(t, code, params))).join(" ");
  switch (err.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "INVALID_LOGIN":
      return t("errors.invalidLogin");
    case "SESSION_EXPIRED":
      return t("errors.sessionExpired");
    case "NO_PERMISSION":
      if (p?.missingPrivilege) {
        const { privilege, entity } = p.missingPrivilege;
        return missingPrivilegeText(t, privilege, entityName?.(entity) ?? entity.id);
      }
      return t("errors.noPermission");
    case "VALIDATION_FAILED":
      return t("errors.validationFailed");
    case "NOT_FOUND":
      return t("errors.notFound");
    case "VCENTER_UNREACHABLE":
      return t("errors.vcenterUnreachable");
    case "VCENTER_TIMEOUT":
      return t("errors.vcenterTimeout");
    case "HOST_NOT_CONNECTED":
      return t("errors.hostNotConnected");
    case "IN_PROGRESS":
      return t("errors.inProgress");
    case "PARTIALLY_APPLIED":
      return t("errors.partiallyApplied");
    case "STACK_INACTIVE":
      return t("errors.stackInactive");
    case "NOT_SIGNED_IN":
      return t("errors.notSignedIn");
    case "ROLLOUT_NOT_RUNNING":
      return t("errors.rolloutNotRunning");
    case "ROLLOUT_NOT_PAUSED":
      return t("errors.rolloutNotPaused");
    case "ROLLOUT_ENDED":
      return t("errors.rolloutEnded");
    case "ROLLOUT_NOTHING_TO_RETRY":
      return t("errors.rolloutNothingToRetry");
    default:
      if (err.code.endsWith("_NOT_FOUND")) return t("errors.notFound");
      if (err.status === 429) return t("errors.rateLimited");
      if (err.status === 401) return t("errors.notSignedIn");
      if (p?.fault) return t("errors.server", { detail: validationText(t, p.fault.code, p.fault.params) });
      return t("errors.http", { status: err.status });
  }
}
