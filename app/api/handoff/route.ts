import { z } from "zod";
import { getDb } from "@/db";
import { getOffer } from "@/db/queries/catalogue";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { currentUser } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { buyerCanSee } from "@/lib/subscriptions/access";
import { createHandoffToken, handoffTarget } from "@/lib/subscriptions/handoff";

export const dynamic = "force-dynamic";

/** Sends a signed-in buyer to the SaaS product with a short-lived signed hand-off token. */
export async function GET(request: Request) {
  const base = getEnv().publicBaseUrl;
  const id = z.uuid().safeParse(new URL(request.url).searchParams.get("subscription"));
  if (!id.success) return new Response("Unknown subscription", { status: 400 });
  const user = await currentUser();
  if (!user) {
    const back = `/api/handoff?subscription=${id.data}`;
    return Response.redirect(`${base}/sign-in?callbackUrl=${encodeURIComponent(back)}`, 303);
  }
  const db = await getDb();
  const sub = await getSubscriptionById(db, id.data);
  // Same answer for "unknown" and "not yours": never reveal other buyers' subscriptions.
  if (!sub || !buyerCanSee(sub, user)) return new Response("Subscription not found", { status: 404 });
  if (sub.status !== "Subscribed") return Response.redirect(`${base}/account`, 303);
  const token = await createHandoffToken(sub, user);
  return Response.redirect(handoffTarget(await getOffer(db, sub.offerId), token), 303);
}
