import type { CSSProperties, ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/buyer/locale-switcher";
import { chooseLanguageAction } from "@/app/(marketing)/actions";
import { requestBrand, type Brand } from "@/lib/brand/brand";
import { accentPalette } from "@/lib/brand/contrast";

/** The accent as the CSS variables app/globals.css reads; none without an accent (the portal's blue). */
function accentVariables(accent: string | null): CSSProperties | undefined {
  if (!accent) return undefined;
  const p = accentPalette(accent);
  return {
    "--brand-accent": p.accent,
    "--brand-on-accent": p.onAccent,
    "--brand-hover": p.hover,
    "--brand-link": p.link,
  } as CSSProperties;
}

const LINK = "font-medium text-brand-700 underline-offset-2 hover:underline";

/**
 * Around every buyer page: the ISV's name and logo with the language switcher above the page, its
 * support, privacy and terms links below it, and its accent colour for everything in between.
 * Without a brand: the portal's default (pages that know no offer).
 */
export async function BuyerFrame({ brand: given, children }: { brand?: Brand; children: ReactNode }) {
  const [t, brand] = await Promise.all([getTranslations("Brand"), given ?? requestBrand(null)]);
  const support = brand.supportUrl ?? (brand.supportEmail ? `mailto:${brand.supportEmail}` : null);
  const links = [
    support && { href: support, label: t("support") },
    brand.privacyUrl && { href: brand.privacyUrl, label: t("privacy") },
    brand.termsUrl && { href: brand.termsUrl, label: t("terms") },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  return (
    <div className="flex flex-1 flex-col border-t-4 border-brand-600" style={accentVariables(brand.accentColor)}>
      <header className="mx-auto flex w-full max-w-4xl flex-wrap items-center justify-between gap-3 px-4 pt-3 sm:px-6">
        <div className="flex min-w-0 items-center gap-3">
          {brand.logoUrl && (
            // The name stands next to it, so the logo adds nothing for a screen reader (alt="").
            // eslint-disable-next-line @next/next/no-img-element -- a stored upload with its own immutable cache, not a build asset
            <img src={brand.logoUrl} alt="" className="h-10 w-auto max-w-40 object-contain" />
          )}
          <p className="min-w-0 text-lg font-semibold break-words text-slate-900">{brand.productName}</p>
        </div>
        <LocaleSwitcher action={chooseLanguageAction} />
      </header>
      {children}
      {links.length > 0 && (
        <footer className="mx-auto w-full max-w-4xl px-4 pb-6 sm:px-6">
          <nav aria-label={t("links", { product: brand.productName })} className="border-t border-slate-200 pt-4">
            <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              {links.map((l) => (
                <li key={l.label}>
                  <a className={LINK} href={l.href} rel="noopener noreferrer">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </footer>
      )}
    </div>
  );
}
