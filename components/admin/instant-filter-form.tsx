"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type ChangeEvent, type FormEvent, type ReactNode } from "react";

/** Typing waits this long before the list follows; a select or checkbox applies at once. */
const TYPING_DELAY_MS = 350;

/**
 * The field being typed in when the list navigated: pages re-create their filter form for each
 * query (so chips and saved views reset every field), and this puts the caret back where it was.
 */
let typing: { action: string; name: string; value: string; start: number | null; end: number | null; at: number } | null = null;
/** Older than this, the caret is not put back: the list changed for another reason (a chip, a saved view). */
const RESTORE_WITHIN_MS = 5_000;

const isText = (el: Element): el is HTMLInputElement =>
  el instanceof HTMLInputElement && ["search", "text", "email", "url", ""].includes(el.type);

/**
 * A GET filter form that applies itself: each change navigates to the form's URL, which stays the
 * source of truth (bookmarks, back button, export). Without JavaScript it is the plain form it
 * wraps, submitted by the button the page puts in `noScriptSubmit`.
 */
export function InstantFilterForm({
  action,
  label,
  className,
  children,
  noScriptSubmit,
}: {
  action: string;
  label: string;
  className?: string;
  children: ReactNode;
  noScriptSubmit: ReactNode;
}) {
  const router = useRouter();
  const ref = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const saved = typing;
    if (!saved || saved.action !== action || Date.now() - saved.at > RESTORE_WITHIN_MS || !ref.current) return;
    const field = ref.current.elements.namedItem(saved.name);
    if (!(field instanceof HTMLInputElement)) return;
    // Letters typed while the list was loading are kept; the next navigation carries them.
    if (field.value !== saved.value) field.value = saved.value;
    field.focus();
    field.setSelectionRange(saved.start, saved.end);
  }, [action]);

  const apply = () => {
    clearTimeout(timer.current);
    const form = ref.current;
    if (!form) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && value.trim() !== "") params.append(key, value);
    const query = params.toString();
    startTransition(() => router.replace(query ? `${action}?${query}` : action, { scroll: false }));
  };

  const onChange = (e: ChangeEvent<HTMLFormElement>) => {
    const el = e.target as Element;
    if (isText(el)) {
      typing = { action, name: el.name, value: el.value, start: el.selectionStart, end: el.selectionEnd, at: Date.now() };
      clearTimeout(timer.current);
      timer.current = setTimeout(apply, TYPING_DELAY_MS);
      return;
    }
    typing = null;
    apply();
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply();
  };

  return (
    <form
      ref={ref}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      aria-busy={pending}
      onChange={onChange}
      onSubmit={onSubmit}
      onFocus={(e) => {
        const name = (e.target as Element).getAttribute("name");
        if (typing && name !== typing.name) typing = null;
      }}
      className={className}
    >
      {children}
      <noscript>{noScriptSubmit}</noscript>
    </form>
  );
}
