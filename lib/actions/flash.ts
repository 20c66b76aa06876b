import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { FLASH_COOKIE, type Flash } from "./flash-cookie";

const MAX_LENGTH = 300;

/**
 * A message for the next render of the admin pages, for an action whose own form goes away on
 * success (an approval, a deletion that redirects): the form's inline message would go with it.
 */
export async function setFlash(message: string): Promise<void> {
  const value = JSON.stringify({ id: crypto.randomUUID(), message: message.slice(0, MAX_LENGTH) } satisfies Flash);
  (await cookies()).set(FLASH_COOKIE, value, {
    path: "/admin",
    maxAge: 60,
    sameSite: "lax",
    secure: getEnv().publicBaseUrl.startsWith("https:"),
  });
}

export async function readFlash(): Promise<Flash | null> {
  const raw = (await cookies()).get(FLASH_COOKIE)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Flash>;
    return typeof parsed.id === "string" && typeof parsed.message === "string"
      ? { id: parsed.id.slice(0, 64), message: parsed.message.slice(0, MAX_LENGTH) }
      : null;
  } catch {
    return null; // a cookie the browser or the user mangled: no notice rather than an error page
  }
}
