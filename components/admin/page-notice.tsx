"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { FLASH_COOKIE, type Flash } from "@/lib/actions/flash-cookie";

/**
 * Shows the message an action left for the page (its form went away on success) once: the cookie
 * is cleared as soon as it is shown, and the notice leaves with the page it was shown on.
 */
export function PageNotice({ flash }: { flash: Flash | null }) {
  const pathname = usePathname();
  const [shown, setShown] = useState<(Flash & { pathname: string }) | null>(null);

  useEffect(() => {
    if (!flash) return;
    document.cookie = `${FLASH_COOKIE}=; Max-Age=0; path=/admin; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the notice arrives with the page's props; showing it is the effect's purpose
    setShown((current) => (current?.id === flash.id ? current : { ...flash, pathname }));
    // Keyed on the notice alone: the pathname is read when a notice arrives, so navigating away hides it for good.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [flash?.id]);

  if (!shown || shown.pathname !== pathname) return null;
  return (
    <div
      role="status"
      className="mb-6 flex items-start justify-between gap-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
    >
      <p>{shown.message}</p>
      <button type="button" onClick={() => setShown(null)} className="text-emerald-700 hover:text-emerald-900" aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
