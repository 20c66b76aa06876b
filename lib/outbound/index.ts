import "server-only";

export {
  processOutbound,
  startOutboundWorker,
  type OutboundSummary,
  type OutboundWorker,
  type OutboundWorkerOptions,
  type ProcessOutboundOptions,
} from "./worker";
export { deliverDue, deliverNow, OUTBOUND_RETRY_POLICY, type DeliverOptions } from "./deliver";
export { enqueueBatch } from "./enqueue";
export { EVENT_TYPE_LABELS, eventTypeFor, OUTBOUND_EVENT_TYPES, TEST_EVENT_TYPE, type OutboundEventType } from "./event-types";
export { generateSecret, signatureHeaders } from "./signing";
export { checkEndpointHost, checkEndpointUrl, defaultUrlPolicy, isPrivateAddress, type UrlPolicy } from "./url-policy";
