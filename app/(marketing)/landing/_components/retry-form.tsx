"use client";

import { useActionForm } from "action-form";
import { retryActivationAction } from "../actions";

export function RetryForm({ token, labels }: { token: string; labels: { submit: string; pending: string } }) {
  const { state, pending, formProps } = useActionForm(retryActivationAction, { resetOnSuccess: false });
  return (
    <form {...formProps} className="mt-4">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok && (
        <p role="alert" className="mb-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-brand hover:bg-brand-hover disabled:opacity-70"
      >
        {pending ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
