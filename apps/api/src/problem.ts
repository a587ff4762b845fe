import {
  isValidationCode,
  messageText,
  validationMessage,
  type HostIssue,
  type Issue,
  type Message,
  type Problem,
  type ProblemCode,
} from "@addnet/contracts";

/** An error the API answers with as problem+json (RFC 9457): a status, a stable code, words for people. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    detail: string,
    readonly extra: Partial<Pick<Problem, "errors" | "missingPrivilege" | "steps" | "fault" | "outcome">> = {},
  ) {
    super(detail);
  }

  toProblem(): Problem {
    return {
      type: `https://addnet.dev/problems/${this.code.toLowerCase().replaceAll("_", "-")}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...this.extra,
    };
  }
}

/** An issue as the API answers it: its code and params, and the English words for clients that show no catalogue. */
export function issue(i: HostIssue): Issue {
  return { ...i, message: validationMessage(i.code, i.params) };
}

/** A 400 that names each bad field, from zod-style issues ({path, message code}). */
export function validationProblem(issues: { path: PropertyKey[]; message: string }[], where = ""): ProblemError {
  const errors: Issue[] = issues.map((i) => {
    // zod's own words (a wrong type, an unknown key) stand behind a code of the catalogue.
    const code = isValidationCode(i.message)
      ? i.message
      : i.message.startsWith("Unrecognized key")
        ? "value.unknownField"
        : "value.invalid";
    return {
      path: [where, ...i.path.map(String)].filter(Boolean).join("."),
      code,
      message: code === i.message ? validationMessage(code) : i.message,
    };
  });
  const named = errors.map((e) => `${e.path || "(body)"}: ${e.message}`).join("; ");
  return new ProblemError(400, "VALIDATION_FAILED", "The request is not valid", named, { errors });
}

/**
 * How a change that did not complete ended, as problem+json: the sentences as codes and names (`outcome`, for the user's
 * language) and in English (`detail`).
 */
export function outcomeProblem(
  status: number,
  code: ProblemCode,
  title: string,
  outcome: Message[],
  extra: ProblemError["extra"] = {},
): ProblemError {
  const detail = outcome.map((m) => messageText(m, validationMessage)).join(" ");
  return new ProblemError(status, code, title, detail, { ...extra, outcome });
}
