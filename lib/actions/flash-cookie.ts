// Shared by the server (flash.ts writes it) and the browser (components/admin/page-notice.tsx
// reads and clears it), so it imports nothing server-only.

/** Not httpOnly, since the page clears it once shown: it holds no secret. */
export const FLASH_COOKIE = "portal-notice";

export interface Flash {
  id: string;
  message: string;
}
