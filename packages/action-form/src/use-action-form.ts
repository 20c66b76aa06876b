"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { FormValues } from "./values";

export type { FormValues } from "./values";

/** A refused submit, as far as this hook reads it; the portal's and the simulator's results both fit. */
export interface Refused {
  ok: false;
  error: string;
  fieldErrors?: Record<string, string>;
  values?: FormValues;
}

export type FormResult = { ok: true; message?: string } | Refused;

export interface ActionFormOptions {
  /** Empty the form after a successful submit (an "add" form); edit forms keep their fields. Default true. */
  resetOnSuccess?: boolean;
  /**
   * Called as that reset empties the form, for what the form keeps in React state rather than in
   * its fields (a controlled select and the fields it shows): a reset puts the fields back to their
   * defaults without a change event, so without this the screen and the state part ways.
   */
  onReset?: () => void;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * `useActionState` for a whole form. React resets a `<form action>` after every submission, which
 * empties uncontrolled fields and puts controlled radios and selects out of step with their state
 * (the next submit then sends other choices than those on screen). The form's `reset` event is
 * cancelable, so this hook cancels every reset except its own after a success (`resetOnSuccess`):
 * a refused submit leaves the form exactly as it was. The form still posts to `action`, so it
 * works before JavaScript loads too; the page then comes back rendered with `value()`/`checked()`
 * from the echoed `values`. A field's error is hidden from the moment the field is edited, so an
 * old error never sits next to a fixed field.
 */
export function useActionForm<S extends FormResult>(
  action: (prev: S | null, form: FormData) => Promise<S>,
  { resetOnSuccess = true, onReset }: ActionFormOptions = {},
) {
  const [state, formAction, pending] = useActionState<S | null, FormData>(action, null);
  const [edited, setEdited] = useState<{ after: S | null; names: ReadonlySet<string> }>({ after: null, names: NONE });
  // Edits count from the latest result on: a new result brings its own field errors.
  const names = edited.after === state ? edited.names : NONE;
  const ref = useRef<HTMLFormElement>(null);
  const resetting = useRef(false);

  useEffect(() => {
    if (!state?.ok || !resetOnSuccess || !ref.current) return;
    resetting.current = true;
    ref.current.reset();
    resetting.current = false;
  }, [state, resetOnSuccess]);

  const failed: Refused | null = state && !state.ok ? (state as Refused) : null;
  const fieldError = (name: string): string | undefined => (names.has(name) ? undefined : failed?.fieldErrors?.[name]);
  /** The value to render: what was last sent if it was refused, otherwise `fallback`. */
  const value = (name: string, fallback?: string): string | undefined => {
    const sent = failed?.values?.[name];
    return sent === undefined ? (failed?.values ? "" : fallback) : Array.isArray(sent) ? sent[0] : sent;
  };
  /** Whether a checkbox or radio is to be rendered checked: as last sent if refused, otherwise `fallback`. */
  const checked = (name: string, optionValue: string, fallback: boolean): boolean => {
    if (!failed?.values) return fallback;
    const sent = failed.values[name];
    return Array.isArray(sent) ? sent.includes(optionValue) : sent === optionValue;
  };

  const formProps = {
    ref,
    action: formAction,
    onReset(event: FormEvent<HTMLFormElement>) {
      if (!resetting.current) event.preventDefault();
      else onReset?.();
    },
    onChange(event: FormEvent<HTMLFormElement>) {
      const name = (event.target as Partial<HTMLInputElement>).name;
      if (name && failed?.fieldErrors?.[name] !== undefined && !names.has(name))
        setEdited({ after: state, names: new Set([...names, name]) });
    },
  };
  return { state, pending, formProps, fieldError, value, checked };
}
