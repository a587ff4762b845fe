/**
 * The shared schemas that check the answers of the calls the sign-in page makes, in a chunk of their own that the API
 * client loads when it has an answer to check: the sign-in page shows without zod, which the signed-in app loads anyway.
 */
export { problemSchema, sessionInfoSchema } from "@addnet/contracts";
