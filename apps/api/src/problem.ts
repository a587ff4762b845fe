import { validationMessage, type Issue, type Problem, type Step } from "@addnet/contracts";

/** An error the API answers with as problem+json (RFC 9457): a status, a stable code, words for people. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: Partial<Pick<Problem, "errors" | "missingPrivilege" | "steps">> = {},
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

/** A 400 that names each bad field, from zod-style issues ({path, message code}). */
export function validationProblem(issues: { path: PropertyKey[]; message: string }[], where = ""): ProblemError {
  const errors: Issue[] = issues.map((i) => ({
    path: [where, ...i.path.map(String)].filter(Boolean).join("."),
    code: i.message,
    message: validationMessage(i.message),
  }));
  const named = errors.map((e) => `${e.path || "(body)"}: ${e.message}`).join("; ");
  return new ProblemError(400, "VALIDATION_FAILED", "The request is not valid", named, { errors });
}

/**
 * Characters XML 1.0 cannot carry (the C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF): a
 * SOAP request holding one is refused by vCenter as unreadable, so text bound for vCenter is checked for them first.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
export const NOT_XML_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function stepsProblem(status: number, code: string, title: string, detail: string, steps: Step[]): ProblemError {
  return new ProblemError(status, code, title, detail, { steps });
}
