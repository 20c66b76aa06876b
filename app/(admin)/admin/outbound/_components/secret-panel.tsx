"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { revealSecretAction, rotateSecretAction } from "../actions";
import { SecretValue } from "./secret-value";

/** Owners only: the secret is fetched by an audited action, never rendered into the page by default. */
export function SecretPanel({
  id,
  rotatingUntil,
  encryptedAtRest,
}: {
  id: string;
  rotatingUntil: string | null;
  encryptedAtRest: boolean;
}) {
  const { state: revealState, formProps: revealForm } = useActionForm(revealSecretAction);
  const { state: rotateState, formProps: rotateForm } = useActionForm(rotateSecretAction);
  const shown = (rotateState?.ok ? rotateState.data : revealState?.ok ? revealState.data : undefined) as { secret?: string } | undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Receivers verify the <code>webhook-signature</code> header with this secret, using any Standard Webhooks library.
        {rotatingUntil && ` The previous secret also signs until ${rotatingUntil}.`}
      </p>
      <p className="text-sm text-slate-600">
        {encryptedAtRest
          ? "Stored encrypted in the database."
          : "Stored unencrypted in the database: set DATA_ENCRYPTION_KEY to encrypt it at rest."}
      </p>
      <div className="flex flex-wrap gap-3">
        <form {...revealForm}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton label="Reveal secret" pendingLabel="Revealing…" variant="secondary" />
        </form>
        <form {...rotateForm}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton label="Rotate secret" pendingLabel="Rotating…" variant="secondary" />
        </form>
      </div>
      {shown?.secret && <SecretValue secret={shown.secret} />}
      {revealState && !revealState.ok && <FormMessage state={revealState} />}
      <FormMessage state={rotateState} />
    </div>
  );
}
