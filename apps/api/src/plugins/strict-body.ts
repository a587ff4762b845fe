/**
 * Request bodies are checked strictly: the shared zod schemas strip fields they do not know (the web app needs
 * that), so a field the API would silently ignore (a typo, an address sent with DHCP) is answered with a 400 that
 * names it instead of a change made with less than the caller asked for.
 */
import type { FastifySchemaCompiler, FastifySchemaValidationError } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import type { $ZodType } from "zod/v4/core";

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys `input` has that the parsed `output` lost, each with the path of the object that held it. */
export function droppedKeys(input: unknown, output: unknown, path: string[] = []): { path: string[]; key: string }[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((v, i) => droppedKeys(v, output[i], [...path, String(i)]));
  if (!isPlain(input) || !isPlain(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key) ? droppedKeys(input[key], output[key], [...path, key]) : [{ path, key }],
  );
}

/** zod's validator, plus a 400 for every body field the schema does not declare (as an unrecognized_keys issue). */
export const strictBodyValidatorCompiler: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = validatorCompiler(route) as (data: unknown) => { value?: unknown; error?: Error | FastifySchemaValidationError[] };
  if (route.httpPart !== "body") return validate;
  return (data: unknown) => {
    const result = validate(data);
    if (result.error) return result;
    const dropped = droppedKeys(data, result.value);
    if (!dropped.length) return result;
    return {
      error: dropped.map(({ path, key }) => ({
        // The marker fastify-type-provider-zod puts on its own issues, so the error handler treats these alike.
        [Symbol.for("ZodFastifySchemaValidationError")]: true,
        keyword: "unrecognized_keys",
        instancePath: `/${path.join("/")}`,
        schemaPath: `#/${path.join("/")}/unrecognized_keys`,
        message: `Unrecognized key: "${key}"`,
        params: { keys: [key] },
      })),
    };
  };
};
