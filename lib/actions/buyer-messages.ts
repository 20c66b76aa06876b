import "server-only";
import { getTranslations } from "next-intl/server";
import type { BuyerErrorCode, CommonErrorCode } from "@/lib/errors";

export type BuyerMessageCode = CommonErrorCode | BuyerErrorCode;

/**
 * The buyer pages' words for every code their actions answer with, in the buyer's language: the
 * `BuyerErrors` messages of messages/<locale>.json are the only place they are written (a code
 * without English words does not type-check; a language missing one fails lib/i18n/messages.test.ts).
 * Buyers arrive from Microsoft's storefront, so the way back is always its link.
 */
export async function buyerMessage(code: BuyerMessageCode, context: { reference?: string } = {}): Promise<string> {
  const t = await getTranslations("BuyerErrors");
  return t(code, { reference: context.reference ?? "" });
}
