import type { BrandRow } from "@/db/schema";
import { logoPath } from "@/lib/brand/logo";
import type { BrandFormValues } from "./brand-form";

/** A brand row as the brand form edits it; a missing row is an empty form. */
export function brandValues(scope: string, row: BrandRow | undefined): BrandFormValues {
  return {
    scope,
    productName: row?.productName ?? null,
    logoUrl: row?.logoHash ? logoPath(row.logoHash) : null,
    accentColor: row?.accentColor ?? null,
    supportEmail: row?.supportEmail ?? null,
    supportUrl: row?.supportUrl ?? null,
    privacyUrl: row?.privacyUrl ?? null,
    termsUrl: row?.termsUrl ?? null,
  };
}

const LABELS: Array<[keyof BrandFormValues, string]> = [
  ["productName", "Product name"],
  ["accentColor", "Accent colour"],
  ["supportEmail", "Support e-mail"],
  ["supportUrl", "Support site"],
  ["privacyUrl", "Privacy statement"],
  ["termsUrl", "Terms of use"],
];

/** The brand, read only, for staff who may not change it. */
export function BrandSummary({ brand }: { brand: BrandFormValues }) {
  return (
    <dl className="space-y-1 text-sm">
      {LABELS.map(([key, label]) => (
        <div key={key}>
          <dt className="inline text-slate-500">{label}: </dt>
          <dd className="inline break-all">{brand[key] ?? "— (the default)"}</dd>
        </div>
      ))}
      <div>
        <dt className="inline text-slate-500">Logo: </dt>
        <dd className="inline">
          {brand.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a stored upload with its own immutable cache
            <img src={brand.logoUrl} alt="Logo" className="inline h-8 w-auto" />
          ) : (
            "— (the default)"
          )}
        </dd>
      </div>
    </dl>
  );
}
