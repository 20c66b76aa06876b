import { z } from "zod";

const field = z.string().optional();

/** Token endpoint form fields (both grants, both client authentication styles). */
export const tokenFormSchema = z.object({
  grant_type: field,
  client_id: field,
  client_secret: field,
  client_assertion_type: field,
  client_assertion: field,
  scope: field,
  resource: field,
  code: field,
  redirect_uri: field,
  code_verifier: field,
});
export type TokenForm = z.infer<typeof tokenFormSchema>;

export const authorizeParamsSchema = z.object({
  client_id: field,
  redirect_uri: field,
  response_type: field,
  response_mode: field,
  scope: field,
  state: field,
  nonce: field,
  code_challenge: field,
  code_challenge_method: field,
  login_hint: field,
});

export const loginFormSchema = z.object({ request: field, login_hint: field, cancel: field });

/** Every field is optional here: which one is missing decides the Entra error the caller raises. */
export function parseParams<T extends z.ZodType>(schema: T, params: URLSearchParams): z.infer<T> {
  return schema.parse(Object.fromEntries(params));
}
