"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** After a refresh, the next waits at least this long: a burst of changes costs one or two renders. */
const MIN_GAP_MS = 1_000;
const DELAY_MS = 150;
/** A refused stream (429, a lost session) is tried again this much later; the browser retries other losses itself. */
const REOPEN_MS = 30_000;

/**
 * Re-renders the page from the server when what it shows changes (server-sent events from
 * app/(admin)/admin/live). `subscription` limits it to one subscription's changes; `sync` adds a sync
 * run's progress, which only the sync page shows. `router.refresh()`
 * keeps client state: a half-typed field, an open dialog and a form's last answer stay as they are.
 * A hidden tab refreshes once when it is shown again.
 */
export function LiveRefresh({ subscription, sync = false }: { subscription?: string; sync?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    let missed = false;
    let lostConnection = false;

    const refresh = () => {
      timer = undefined;
      if (document.hidden) {
        missed = true;
        return;
      }
      last = Date.now();
      router.refresh();
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(refresh, Math.max(DELAY_MS, last + MIN_GAP_MS - Date.now()));
    };
    const onChange = (e: MessageEvent<string>) => {
      const signal = e.data;
      if (signal === "*" || (signal === "sync" ? sync : !subscription || signal === subscription)) schedule();
    };
    const onReady = () => {
      // Back after a lost connection: what changed meanwhile was not announced.
      if (lostConnection) schedule();
      lostConnection = false;
    };
    const onError = () => {
      lostConnection = true;
      if (source?.readyState === EventSource.CLOSED) {
        source = null;
        reopen = setTimeout(open, REOPEN_MS);
      }
    };
    const onVisible = () => {
      if (!document.hidden && missed) {
        missed = false;
        schedule();
      }
    };
    function open() {
      source = new EventSource("/admin/live");
      source.addEventListener("ready", onReady);
      source.addEventListener("change", onChange);
      source.addEventListener("error", onError);
    }

    open();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      source?.close();
      clearTimeout(timer);
      clearTimeout(reopen);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router, subscription, sync]);
  return null;
}
