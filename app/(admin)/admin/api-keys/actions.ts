"use server";

import { z } from "zod";
import { adminAction } from "@/lib/actions/admin-action";
import { API_KEY_ERRORS, API_KEY_SCOPES, createApiKey, revokeApiKey } from "@/lib/api-keys/service";

const revalidate = ["/admin/api-keys"];
// A checkbox group posts one value as a string and several as an array.
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const createApiKeyAction = adminAction(
  "owner",
  z.object({
    name: z.string().trim().min(1, "Name the key after the system that uses it").max(100, "At most 100 characters"),
    scopes: z.preprocess(list, z.array(z.enum(API_KEY_SCOPES, { message: "Unknown scope" })).min(1, "Choose at least one scope")),
    // A date input: the key works through that day (UTC).
    expiresOn: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ message: "Enter a date" }).optional()),
  }),
  async (input, ctx) => {
    const expiresAt = input.expiresOn ? new Date(Date.parse(`${input.expiresOn}T00:00:00Z`) + 24 * 3600_000) : null;
    const result = await createApiKey(ctx.db, ctx.actor, { name: input.name, scopes: input.scopes, expiresAt });
    if (!result.ok) return { ok: false, error: API_KEY_ERRORS[result.code], fieldErrors: { expiresOn: API_KEY_ERRORS[result.code] } };
    return { ok: true, data: { key: result.value.key, id: result.value.apiKey.id }, message: `API key "${input.name}" created.` };
  },
  { revalidate },
);

export const revokeApiKeyAction = adminAction(
  "owner",
  z.object({ id: z.guid() }),
  async (input, ctx) => {
    const result = await revokeApiKey(ctx.db, ctx.actor, input.id);
    if (!result.ok) return { ok: false, error: API_KEY_ERRORS[result.code] };
    return { ok: true, flash: true, message: `API key "${result.value.name}" revoked. Calls with it are refused from now on.` };
  },
  { revalidate },
);
