"use server";

import { adminAction, type AdminActionContext } from "@/lib/actions/admin-action";
import {
  createEndpoint,
  deleteEndpoint,
  replayDelivery,
  revealSecret,
  rotateSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from "@/lib/outbound/endpoints";
import { deliveryIdSchema, endpointFieldsSchema, endpointIdSchema, setEnabledSchema, updateEndpointSchema } from "@/lib/outbound/schemas";
import { describeAttempt } from "./describe-attempt";

// The services write each change's audit event themselves, in the change's transaction.
const deps = (ctx: AdminActionContext) => ({ db: ctx.db, actorEmail: ctx.staff.email, actor: ctx.actor });
const paths = (id?: string) => ["/admin/outbound", ...(id ? [`/admin/outbound/${id}`] : [])];

export const createEndpointAction = adminAction("owner", endpointFieldsSchema, async (input, ctx) => {
  const result = await createEndpoint(deps(ctx), input);
  if (!result.ok) return result;
  const { endpoint } = result;
  return {
    ok: true,
    // Shown once here; afterwards only owners can reveal it, and each reveal is audited.
    data: { id: endpoint.id, secret: endpoint.secret },
    message: `Endpoint added. Give its signing secret to the receiving system.`,
    revalidate: paths(endpoint.id),
  };
});

export const updateEndpointAction = adminAction("owner", updateEndpointSchema, async (input, ctx) => {
  const result = await updateEndpoint(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: "Endpoint saved.", revalidate: paths(input.id) };
});

export const setEndpointEnabledAction = adminAction("owner", setEnabledSchema, async (input, ctx) => {
  const result = await setEndpointEnabled(deps(ctx), input);
  if (!result.ok) return result;
  return {
    ok: true,
    message: input.enabled
      ? "Endpoint enabled: new events and held deliveries go out again."
      : "Endpoint disabled: nothing is sent to it until it is enabled.",
    revalidate: paths(input.id),
  };
});

export const deleteEndpointAction = adminAction("owner", endpointIdSchema, async (input, ctx) => {
  const result = await deleteEndpoint(deps(ctx), input);
  if (!result.ok) return result;
  return {
    ok: true,
    message: `Endpoint ${result.endpoint.url} deleted with its delivery log.`,
    revalidate: paths(),
    // The endpoint's own page no longer exists: leave it before it re-renders as not found.
    redirectTo: "/admin/outbound",
  };
});

export const revealSecretAction = adminAction("owner", endpointIdSchema, async (input, ctx) => {
  const result = await revealSecret(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, data: { secret: result.secret } };
});

export const rotateSecretAction = adminAction("owner", endpointIdSchema, async (input, ctx) => {
  const result = await rotateSecret(deps(ctx), input);
  if (!result.ok) return result;
  return {
    ok: true,
    data: { secret: result.endpoint.secret },
    message: "New secret created. For the next 24 hours events are signed with both the old and the new secret.",
    revalidate: paths(input.id),
  };
});

export const sendTestEventAction = adminAction("operator", endpointIdSchema, async (input, ctx) => {
  const result = await sendTestEvent(deps(ctx), input);
  if (!result.ok) return result;
  return {
    ok: true,
    message: `Test event ${describeAttempt(result.sent)}`,
    revalidate: paths(input.id),
  };
});

export const replayDeliveryAction = adminAction("operator", deliveryIdSchema, async (input, ctx) => {
  const result = await replayDelivery(deps(ctx), input);
  if (!result.ok) return result;
  return {
    ok: true,
    message: `Replayed: ${describeAttempt(result.sent)}`,
    revalidate: [...paths(result.delivery.endpointId), `/admin/outbound/deliveries/${input.deliveryId}`],
  };
});
