import "server-only";

/** The path of the page that explains a refusal to a browser (app/too-many-attempts). */
export const TOO_MANY_ATTEMPTS_PATH = "/too-many-attempts";

/** Where a server action sends a browser it refuses: actions cannot answer 429 themselves. */
export function tooManyAttemptsPath(retryAfterSeconds: number, back: string): string {
  return `${TOO_MANY_ATTEMPTS_PATH}?${new URLSearchParams({ retry: String(retryAfterSeconds), next: back })}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * 429 Too Many Requests with Retry-After (RFC 6585 §4), and a short page for the browser that
 * followed a form or link here.
 */
export function tooManyRequests(retryAfterSeconds: number, what: string): Response {
  const text = `Too many ${what}. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts</title></head><body><h1>Too many attempts</h1><p>${escapeHtml(text)}</p></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds), "cache-control": "no-store", "content-type": "text/html; charset=utf-8" },
  });
}
