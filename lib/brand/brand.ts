import "server-only";
import { cache } from "react";
import { getDb } from "@/db";
import type { DbOrTx } from "@/db/client";
import { getBrandRows } from "@/db/queries/brand";
import { getOffer } from "@/db/queries/catalogue";
import { getEnv } from "@/lib/env";
import { mergeBrand, type Brand } from "./merge";

export { mergeBrand, PORTAL_BRAND, type Brand } from "./merge";

/**
 * The brand for an offer's buyers (or the portal's default without an offer). Every surface that
 * speaks to a buyer (pages, e-mails, the support contact) asks here.
 */
export async function brandFor(offerId?: string | null, db?: DbOrTx): Promise<Brand> {
  const conn = db ?? (await getDb());
  const [offer, rows] = await Promise.all([offerId ? getOffer(conn, offerId) : undefined, getBrandRows(conn, offerId)]);
  return mergeBrand(offer ? rows.offer : undefined, offer?.displayName ?? null, rows.portal, getEnv().support);
}

/** brandFor once per request, however many components of the page ask. */
export const requestBrand = cache((offerId: string | null) => brandFor(offerId));

/** Each offer's brand, asked once per offer however many subscriptions name it (a buyer's list spans products). */
export async function requestBrands(offerIds: Iterable<string>): Promise<Map<string, Brand>> {
  const ids = [...new Set(offerIds)];
  return new Map(await Promise.all(ids.map(async (id) => [id, await requestBrand(id)] as const)));
}
