import "server-only";
import NextAuth from "next-auth";
import { cache } from "react";
import { getEnv } from "@/lib/env";
import { authRedirect } from "@/lib/safe-redirect";
import { authLogger } from "./logger";
import { getAuthSecret } from "./secret";
import { entraProvider, type EntraProfile } from "./provider";

export interface PortalUser {
  /** Entra object ID (`oid`). */
  id: string;
  email: string | null;
  name: string | null;
  /** Entra tenant (`tid`); 9188040d-… for personal Microsoft accounts. */
  tenantId: string | null;
  /** Entra app roles (`roles` claim) of the sign-in app, e.g. `Portal.Owner`; empty when none are assigned. */
  roles?: string[];
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; tenantId: string | null; roles?: string[]; image?: string | null };
  }
}

const nextAuth = NextAuth(() => {
  const env = getEnv();
  // Auth.js builds its callback URL from AUTH_URL, else from the request's host. Pin it to the
  // configured public origin so the redirect_uri of the authorize and token steps always agree
  // and never follows a forged Host header. (Auth.js reads only the environment for this.)
  process.env.AUTH_URL = `${env.publicBaseUrl}/api/auth`;
  return {
    providers: [entraProvider(env)],
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: authLogger,
    callbacks: {
      redirect: authRedirect,
      jwt({ token, profile }) {
        if (profile) {
          const p = profile as EntraProfile;
          token.sub = p.oid ?? p.sub;
          token.tid = p.tid ?? null;
          token.email = (p.email ?? p.preferred_username ?? "").toLowerCase() || null;
          token.name = p.name ?? null;
          // Staff roles may come from Entra app roles; the claim is only on the sign-in ID token.
          const roles = (profile as { roles?: unknown }).roles;
          token.roles = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [];
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.sub ?? "",
          email: (token.email as string | null | undefined) ?? "",
          name: (token.name as string | null | undefined) ?? null,
          tenantId: (token.tid as string | null | undefined) ?? null,
          roles: (token.roles as string[] | undefined) ?? [],
        };
        return session;
      },
    },
  };
});

export const { handlers, signIn, signOut } = nextAuth;
/** The signed-in user for this request, read once per render. */
export const auth = cache(nextAuth.auth);

export async function currentUser(): Promise<PortalUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, email: user.email || null, name: user.name ?? null, tenantId: user.tenantId, roles: user.roles ?? [] };
}
