import type { BuyerErrorCode, CommonErrorCode } from "@/lib/errors";

export type BuyerMessageCode = CommonErrorCode | BuyerErrorCode;

/**
 * The buyer pages' words for every code their actions answer with: the only place they are
 * written. Buyers arrive from Microsoft's storefront, so the way back is always its link.
 */
export const BUYER_MESSAGES: Record<BuyerMessageCode, (c: { reference?: string }) => string> = {
  unauthenticated: () => "Your session has ended. Sign in again to continue.",
  // Buyer actions admit every signed-in person; which purchase they may touch is the token's to say.
  forbidden: () => "This purchase belongs to another account. Sign in with the account that bought it.",
  "invalid-input": () => "Please correct the highlighted fields.",
  unexpected: ({ reference }) => `Something went wrong on our side (reference ${reference}). Please try again in a moment.`,
  "purchase-link-missing": () => "This form is missing its purchase link. Reopen the link from Microsoft.",
  "purchase-unknown": () => "We could not identify your purchase any more. Reopen the link from Microsoft.",
};

export const buyerMessage = (code: BuyerMessageCode, context: { reference?: string } = {}): string => BUYER_MESSAGES[code](context);
