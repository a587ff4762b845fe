/** What the routes that change hosts share: the problem+json replies they document and the Idempotency-Key they take. */
import { problemSchema } from "@addnet/contracts";
import { z } from "zod";

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export const idempotencyHeaders = z.object({
  "idempotency-key": z.string({ message: "idempotencyKey.required" }).regex(IDEMPOTENCY_KEY, { message: "idempotencyKey.invalid" }),
});
