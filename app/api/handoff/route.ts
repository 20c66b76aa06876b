import { z } from "zod";
import { getDb } from "@/db";
import { getOffer } from "@/db/queries/catalogue";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { currentUser } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { guidSchema } from "@/lib/marketplace/schema-primitives";
import { buyerCanSee } from "@/lib/subscriptions/access";
import { createHandoffToken, handoffTarget } from "@/lib/subscriptions/handoff";

export const dynamic = "force-dynamic";

// Microsoft's subscription IDs are GUIDs, not always RFC 4122 UUIDs: the shared permissive check.
const formSchema = z.object({ subscription: guidSchema });

/**
 * Sends a signed-in buyer to the SaaS product with a short-lived signed hand-off token.
 * POST only, from the plain Open form: a GET could be prefetched or replayed by the router and
 * mint tokens nobody asked for. The session cookie is SameSite=Lax, so a cross-site form
 * arrives signed out and only reaches the sign-in page.
 */
export async function POST(request: Request) {
  const base = getEnv().publicBaseUrl;
  const form = await request.formData().catch(() => null);
  const parsed = formSchema.safeParse({ subscription: form?.get("subscription") });
  if (!parsed.success) return new Response("Unknown subscription", { status: 400 });
  const user = await currentUser();
  if (!user) return Response.redirect(`${base}/sign-in?callbackUrl=${encodeURIComponent("/account")}`, 303);
  const db = await getDb();
  const sub = await getSubscriptionById(db, parsed.data.subscription.toLowerCase());
  // Same answer for "unknown" and "not yours": never reveal other buyers' subscriptions.
  if (!sub || !buyerCanSee(sub, user)) return new Response("Subscription not found", { status: 404 });
  if (sub.status !== "Subscribed") return Response.redirect(`${base}/account`, 303);
  const token = await createHandoffToken(sub, user);
  return Response.redirect(handoffTarget(await getOffer(db, sub.offerId), token), 303);
}
