import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SimulatorSignInPage from "./page";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { SIMULATOR_SIGNIN_CLIENT_ID } from "marketplace-simulator/constants";
import { SIMULATOR_MIGRATIONS, useSimulatorDatabase, CONTOSO_TENANT_ID, sealSignInRequest } from "marketplace-simulator/testing";

describe("the account picker page", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite", { extraMigrations: [SIMULATOR_MIGRATIONS] });
    await useSimulatorDatabase(t);
  });
  afterAll(async () => t?.close());

  const render = async (request?: string) =>
    renderToStaticMarkup(createElement("div", null, await SimulatorSignInPage({ searchParams: Promise.resolve({ request }) })));

  it("lists each allowed identity as a button labelled with its e-mail, posting to the look-alike", async () => {
    const sealed = await sealSignInRequest(
      t.db,
      {
        authority: CONTOSO_TENANT_ID,
        client_id: SIMULATOR_SIGNIN_CLIENT_ID,
        redirect_uri: "http://localhost:3000/api/auth/callback/microsoft-entra-id",
        scope: "openid",
        code_challenge: "x".repeat(43),
        code_challenge_method: "S256",
      },
      new Date(),
    );
    const html = await render(sealed);
    expect(html).toContain(`action="/api/simulator/${CONTOSO_TENANT_ID}/login"`);
    expect(html).toContain(`name="request" value="${sealed}"`);
    const buttons = [...html.matchAll(/<button([^>]*)>([^<]+)<\/button>/g)]
      .filter((m) => m[1]!.includes('name="login_hint"'))
      .map((m) => [m[1]!.match(/value="([^"]+)"/)![1], m[2]]);
    expect(buttons).toEqual([
      ["alex@contoso.example", "alex@contoso.example"],
      ["sam@contoso.example", "sam@contoso.example"],
    ]);
    expect(html).toContain('name="cancel"');
  });

  it("explains an unusable link instead of showing accounts", async () => {
    const html = await render("tampered.token.value");
    expect(html).toContain("can&#x27;t be used");
    expect(html).not.toContain("login_hint");
  });
});
