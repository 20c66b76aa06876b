import type { ReactNode } from "react";

/**
 * The only way to open the product: a plain HTML form POST to the hand-off route. Neither the
 * router nor the browser prefetches or replays it, so one click mints exactly one token.
 */
export function OpenProductForm({
  subscriptionId,
  className,
  children,
}: {
  subscriptionId: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <form method="post" action="/api/handoff" className="inline">
      <input type="hidden" name="subscription" value={subscriptionId} />
      <button type="submit" className={className}>
        {children}
      </button>
    </form>
  );
}
