import "server-only";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_TRUSTED, UNKNOWN_CLIENT } from "./client-address.mjs";

/**
 * The caller's address as the production server (server.mjs) determined it. Without that server
 * (`next dev`, `next start`) the header would be the client's own word, so every caller shares the
 * one `unknown` bucket instead: limits then apply to the server as a whole.
 */
export function clientAddressOf(header: (name: string) => string | null | undefined): string {
  if (!(globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_TRUSTED]) return UNKNOWN_CLIENT;
  return header(CLIENT_ADDRESS_HEADER)?.trim() || UNKNOWN_CLIENT;
}
