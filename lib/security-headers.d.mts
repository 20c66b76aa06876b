// Types of security-headers.mjs (plain JavaScript so that next.config.mjs and server.mjs can load it).

export declare const HSTS_VALUE: string;
export declare const BASE_SECURITY_HEADERS: Readonly<{
  "X-Content-Type-Options": string;
  "Referrer-Policy": string;
  "Permissions-Policy": string;
  "Cross-Origin-Opener-Policy": string;
  "X-Frame-Options": string;
}>;
export declare function referrerPolicyFor(pathname: string): string;
export declare function createNonce(): string;
export declare function contentSecurityPolicy(options: { nonce: string; dev?: boolean; styleHashes?: readonly string[] }): string;
export declare function securityHeaders(options: {
  pathname: string;
  nonce: string;
  https: boolean;
  dev?: boolean;
  styleHashes?: readonly string[];
}): Record<string, string>;
