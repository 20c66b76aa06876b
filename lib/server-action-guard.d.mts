// Types of server-action-guard.mjs (plain JavaScript so that server.mjs can load it).

import type { IncomingMessage } from "node:http";

export const SERVER_ACTION_BODY_LIMIT: number;

export interface RequestHead {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
export interface Refusal {
  status: number;
  reason: string;
  headers?: Record<string, string>;
}
export interface ServerActions {
  actions: Map<string, { closure: boolean }>;
  encryptionKey: string | undefined;
}

export function loadServerActions(distDir: string): ServerActions | null;
export function isPossibleServerAction(head: RequestHead): boolean;
export function refuseServerActionHead(head: RequestHead, known: ServerActions): Refusal | null;
export function refuseServerActionBody(head: RequestHead, body: Buffer, known: ServerActions): Promise<Refusal | null>;
export function readBoundedBody(req: IncomingMessage, max: number): Promise<Buffer | null>;
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage;
