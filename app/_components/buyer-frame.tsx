import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/buyer/locale-switcher";
import { chooseLanguageAction } from "@/app/(marketing)/actions";

/** Around every buyer page: the language switcher above the page. */
export function BuyerFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="mx-auto w-full max-w-4xl px-4 pt-3 sm:px-6">
        <LocaleSwitcher action={chooseLanguageAction} />
      </div>
      {children}
    </>
  );
}
