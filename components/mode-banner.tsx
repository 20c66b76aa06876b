import Link from "next/link";
import type { Env } from "@/lib/env";

/**
 * Says, on every page, when the portal is not talking to Microsoft's production marketplace, and
 * who signs people in there. Live mode always signs in with Entra (lib/env.ts), so it shows nothing.
 */
export function ModeBanner({ env }: { env: Env }) {
  const { mode } = env.marketplace;
  const signIn =
    env.auth.provider === "entra" ? <>Sign-in: Microsoft Entra ID.</> : <>Sign-in: the simulator&apos;s accounts, which anyone can pick.</>;
  return (
    <>
      {mode === "simulator" && (
        <div role="status" lang="en" className="bg-amber-100 text-amber-950 border-b border-amber-300 px-4 py-2 text-sm text-center">
          <strong>Simulator mode.</strong> No marketplace credentials are configured: purchases and webhooks are simulated on this machine.{" "}
          {signIn}{" "}
          <Link href="/simulator" className="underline font-medium">
            Open the marketplace simulator
          </Link>
        </div>
      )}
      {mode === "emulator" && (
        <div role="status" lang="en" className="bg-sky-100 text-sky-950 border-b border-sky-300 px-4 py-2 text-sm text-center">
          <strong>Emulator mode.</strong> Talking to Microsoft&apos;s SaaS API emulator at {env.marketplace.apiBaseUrl}. {signIn}
        </div>
      )}
      {env.webhook.authDisabled && (
        <div role="alert" lang="en" className="bg-red-100 text-red-950 border-b border-red-300 px-4 py-2 text-sm text-center">
          <strong>Webhook authentication is off.</strong> Anyone who can reach /api/webhook can post notifications. Never run like this
          outside a test setup.
        </div>
      )}
    </>
  );
}
