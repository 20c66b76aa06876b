import { getTranslations } from "next-intl/server";
import { supportContact } from "@/lib/support";

const LINK = "font-medium text-brand-700 underline";

/** "Need help?" with the offer's support contact, on every page that tells a buyer something went wrong. */
export async function SupportNote({ offerId, className = "mt-4" }: { offerId?: string | null; className?: string }) {
  const [t, contact] = await Promise.all([getTranslations("Support"), supportContact(offerId)]);
  return (
    <div className={`text-sm text-slate-600 ${className}`}>
      <p className="font-semibold text-slate-800">{t("title")}</p>
      {contact ? (
        <p>
          {contact.email &&
            t.rich("email", {
              email: contact.email,
              link: (chunks) => (
                <a className={`${LINK} break-all`} href={`mailto:${contact.email}`}>
                  {chunks}
                </a>
              ),
            })}
          {contact.email && contact.url && " "}
          {contact.url &&
            t.rich("url", {
              link: (chunks) => (
                <a className={LINK} href={contact.url!} rel="noopener noreferrer">
                  {chunks}
                </a>
              ),
            })}
        </p>
      ) : (
        <p>{t("none")}</p>
      )}
    </div>
  );
}
