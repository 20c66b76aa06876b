import type { IncomingMessage } from "node:http";

export declare const CLIENT_ADDRESS_HEADER: "x-portal-client-ip";
export declare const CLIENT_ADDRESS_TRUSTED: unique symbol;
export declare const UNKNOWN_CLIENT: "unknown";
export declare function parseTrustProxyHops(raw: string | undefined): number | null;
export declare function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string;
export declare function setClientAddressHeader(req: IncomingMessage, hops: number): void;
