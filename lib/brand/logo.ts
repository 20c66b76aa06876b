/**
 * Logos are uploaded and kept in the database rather than linked from the ISV's own site: buyer pages
 * allow images from the portal's origin only (img-src 'self' in lib/security-headers.mjs), a
 * third-party image would tell another host about every buyer who opens a purchase link, and a
 * linked file can change, vanish or turn into something else after the owner checked it. A stored
 * logo is served from /brand/logo/<sha-256> with a year's immutable caching: a new logo is a new URL.
 */

export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The image type the bytes themselves show (their magic numbers), whatever the browser declared.
 * SVG is not accepted: it is a document that can carry scripts and links.
 */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

export const LOGO_HASH = /^[0-9a-f]{64}$/;

/** The logo's path on the portal; e-mails prefix the portal's public origin. */
export const logoPath = (hash: string) => `/brand/logo/${hash}`;
