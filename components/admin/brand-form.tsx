"use client";

import { useActionForm } from "action-form";
import { Field } from "action-form/field";
import { submittedValues } from "action-form/values";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { HEX_COLOUR } from "@/lib/brand/contrast";
import { FormMessage, inputClass } from "./form-message";
import { SubmitButton } from "./submit-button";

// Mirrors lib/brand/logo.ts (server-only there): refused before sending, so a large file never reaches the server's body limit.
const MAX_LOGO_BYTES = 256 * 1024;
const LOGO_TYPES = "image/png,image/jpeg,image/gif,image/webp";

export interface BrandFormValues {
  /** The offer's ID, or "*" for the portal's default. */
  scope: string;
  productName: string | null;
  logoUrl: string | null;
  accentColor: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
}

type BrandAction = (prev: unknown, form: FormData) => Promise<ActionResult>;

/** What buyers see of the ISV: on the buyer pages and in their e-mails. Empty fields fall back to the default. */
export function BrandForm({ action, brand, fallbackName }: { action: BrandAction; brand: BrandFormValues; fallbackName: string }) {
  const checkedAction = async (prev: ActionResult | null, form: FormData): Promise<ActionResult> => {
    const logo = form.get("logo");
    if (logo instanceof File && logo.size > MAX_LOGO_BYTES)
      return {
        ok: false,
        error: "Please correct the highlighted fields.",
        fieldErrors: { logo: `At most ${MAX_LOGO_BYTES / 1024} KB` },
        values: submittedValues(form),
      };
    return action(prev, form);
  };
  const { state, formProps, fieldError, value, checked } = useActionForm(checkedAction, { resetOnSuccess: false });
  const text = (id: keyof BrandFormValues, label: string, hint: string, type = "text", placeholder?: string) => (
    <Field id={`brand-${id}`} label={label} error={fieldError(id)} hint={hint}>
      <input
        id={`brand-${id}`}
        name={id}
        type={type}
        defaultValue={value(id, brand[id] ?? "")}
        placeholder={placeholder}
        aria-invalid={Boolean(fieldError(id))}
        aria-describedby={fieldError(id) ? `brand-${id}-error` : `brand-${id}-hint`}
        className={inputClass(fieldError(id))}
      />
    </Field>
  );
  const accent = value("accentColor", brand.accentColor ?? "") ?? "";
  // The swatch follows the field as it is typed, but only to a complete colour (the server trims it
  // too): half a colour leaves the last one shown, and an emptied field shows none.
  const [swatch, setSwatch] = useState(() => (HEX_COLOUR.test(accent.trim()) ? accent.trim() : ""));
  const showSwatch = (typed: string) => {
    const colour = typed.trim();
    if (colour === "" || HEX_COLOUR.test(colour)) setSwatch(colour);
  };
  return (
    <form {...formProps} className="grid gap-4 md:grid-cols-2" noValidate>
      <input type="hidden" name="scope" value={brand.scope} />
      {text(
        "productName",
        "Product name",
        `Shown in the header, the page title and e-mails. Empty: ${fallbackName}.`,
        "text",
        fallbackName,
      )}
      <Field
        id="brand-logo"
        label="Logo"
        error={fieldError("logo")}
        hint="PNG, JPEG, GIF or WebP, at most 256 KB; shown 40 px high. Choose no file to keep the current one."
      >
        <div className="mt-1 flex items-center gap-3">
          {brand.logoUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- a stored upload with its own immutable cache, not an optimisable asset
            <img
              src={brand.logoUrl}
              alt="Current logo"
              className="h-10 w-auto max-w-32 rounded bg-white object-contain ring-1 ring-slate-200"
            />
          )}
          <input
            id="brand-logo"
            name="logo"
            type="file"
            accept={LOGO_TYPES}
            aria-invalid={Boolean(fieldError("logo"))}
            aria-describedby={fieldError("logo") ? "brand-logo-error" : "brand-logo-hint"}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
          />
        </div>
        {brand.logoUrl && (
          <label className="mt-2 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="removeLogo" defaultChecked={checked("removeLogo", "on", false)} />
            Remove the logo
          </label>
        )}
      </Field>
      <Field
        id="brand-accentColor"
        label="Accent colour"
        error={fieldError("accentColor")}
        hint="#rrggbb, for buttons, links and the header bar. It must reach 3:1 against white; button text is white or black, whichever contrasts more."
      >
        <div className="mt-1 flex items-center gap-2">
          <span
            aria-hidden
            data-testid="brand-accent-swatch"
            className="h-9 w-9 shrink-0 rounded-md ring-1 ring-slate-300"
            style={{ backgroundColor: swatch || "transparent" }}
          />
          <input
            id="brand-accentColor"
            name="accentColor"
            defaultValue={accent}
            onChange={(e) => showSwatch(e.currentTarget.value)}
            placeholder="#0f62c9"
            aria-invalid={Boolean(fieldError("accentColor"))}
            aria-describedby={fieldError("accentColor") ? "brand-accentColor-error" : "brand-accentColor-hint"}
            className={`${inputClass(fieldError("accentColor"))} mt-0 font-mono`}
          />
        </div>
      </Field>
      {text("supportEmail", "Support e-mail", "Where buyers who are stuck write to.", "email", "support@example.com")}
      {text("supportUrl", "Support site", "https:// only. With an e-mail address, both are shown.", "url", "https://example.com/support")}
      {text("privacyUrl", "Privacy statement", "https:// only; linked in every buyer page's footer.", "url", "https://example.com/privacy")}
      {text("termsUrl", "Terms of use", "https:// only; linked in every buyer page's footer.", "url", "https://example.com/terms")}
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <SubmitButton label="Save brand" pendingLabel="Saving…" />
        <FormMessage state={state} />
      </div>
    </form>
  );
}
