import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export interface RequestStore {
  requestId: string;
  fields: Record<string, unknown>;
}
export declare const requestContext: AsyncLocalStorage<RequestStore>;
export declare function requestIdFrom(header: string | string[] | undefined): string;
export declare function currentRequestId(): string | undefined;
export declare function outsideRequest<T>(fn: () => T): T;
export declare function annotateRequest(fields: Record<string, unknown>): void;
export declare function runLoggedRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, handle: () => void): void;
