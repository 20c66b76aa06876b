import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, generateKeyPairSync } from "node:crypto";
import { importSPKI, jwtVerify, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MARKETPLACE_API_SCOPE, buildMsalConfiguration, createMsalTokenProvider } from "./token";
import { rewriteToSimulator } from "./simulator-authority";
import { clientWith, stubFetch } from "./testing/fetch-stub";
import { SUBSCRIPTION_ID, wireSubscription } from "./testing/fixtures";

const TENANT = "11111111-2222-4333-8444-555555555555";
const CLIENT_ID = "66666666-7777-4888-9999-000000000000";

interface TokenCall {
  path: string;
  form: URLSearchParams;
}

let server: Server;
let origin: string;
const calls: TokenCall[] = [];
let reply: () => { status: number; body: object; delayMs?: number };
let issued = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (chunk: Buffer) => (data += chunk.toString()));
    req.on("end", () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (req.method !== "POST" || !path.endsWith(`/${TENANT}/oauth2/v2.0/token`)) {
      res.writeHead(404).end();
      return;
    }
    calls.push({ path, form: new URLSearchParams(body) });
    const { status, body: json, delayMs } = reply();
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/simulator`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  calls.length = 0;
  reply = () => ({ status: 200, body: { token_type: "Bearer", expires_in: 3600, access_token: `token-${++issued}` } });
});

const secretProvider = () =>
  createMsalTokenProvider({
    tenantId: TENANT,
    clientId: CLIENT_ID,
    credential: { kind: "secret", secret: "s3cret" },
    simulatorOrigin: origin,
  });

describe("createMsalTokenProvider against a local token endpoint", () => {
  it("posts client credentials with the marketplace scope to the simulator's token path", async () => {
    const token = await secretProvider().getToken();
    expect(token).toMatch(/^token-\d+$/);
    expect(calls).toHaveLength(1);
    const { path, form } = calls[0]!;
    expect(path).toBe(`/api/simulator/${TENANT}/oauth2/v2.0/token`);
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("client_id")).toBe(CLIENT_ID);
    expect(form.get("client_secret")).toBe("s3cret");
    expect(form.get("scope")?.split(" ")).toContain(MARKETPLACE_API_SCOPE);
  });

  it("serves a second call from the cache", async () => {
    const provider = secretProvider();
    const first = await provider.getToken();
    expect(await provider.getToken()).toBe(first);
    expect(calls).toHaveLength(1);
  });

  it("shares one request between concurrent callers", async () => {
    reply = () => ({ status: 200, delayMs: 50, body: { token_type: "Bearer", expires_in: 3600, access_token: "shared" } });
    const provider = secretProvider();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(["shared"]));
    expect(calls).toHaveLength(1);
  });

  it("fetches a new token once the current one is within five minutes of expiry", async () => {
    reply = () => ({ status: 200, body: { token_type: "Bearer", expires_in: 120, access_token: `short-${++issued}` } });
    const provider = secretProvider();
    const first = await provider.getToken();
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it("reuses an hour-long token for 54 minutes and refreshes it at 56", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const provider = secretProvider();
      const first = await provider.getToken();
      vi.setSystemTime(Date.now() + 54 * 60_000);
      expect(await provider.getToken()).toBe(first);
      expect(calls).toHaveLength(1);
      vi.setSystemTime(Date.now() + 2 * 60_000);
      expect(await provider.getToken()).not.toBe(first);
      expect(calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects on an Entra error and tries again on the next call", async () => {
    reply = () => ({ status: 401, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret" } });
    const provider = secretProvider();
    await expect(provider.getToken()).rejects.toThrow(/invalid_client|7000215/);
    reply = () => ({ status: 200, body: { token_type: "Bearer", expires_in: 3600, access_token: "recovered" } });
    expect(await provider.getToken()).toBe("recovered");
  });

  it("signs a client assertion with the certificate's private key", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const thumbprint = createHash("sha256").update("certificate der").digest("hex");
    const provider = createMsalTokenProvider({
      tenantId: TENANT,
      clientId: CLIENT_ID,
      credential: { kind: "certificate", privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), thumbprint },
      simulatorOrigin: origin,
    });
    await provider.getToken();
    const form = calls[0]!.form;
    expect(form.get("client_secret")).toBeNull();
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const assertion = form.get("client_assertion")!;
    const header = decodeProtectedHeader(assertion);
    expect(header["x5t#S256"]).toBe(Buffer.from(thumbprint, "hex").toString("base64url"));
    const key = await importSPKI(publicKey.export({ type: "spki", format: "pem" }).toString(), header.alg!);
    const { payload } = await jwtVerify(assertion, key, { clockTolerance: 60 });
    // MSAL addresses the assertion to the token endpoint it believes in: the look-alike host.
    expect(payload).toMatchObject({
      iss: CLIENT_ID,
      sub: CLIENT_ID,
      aud: `https://login.simulator.invalid/${TENANT}/oauth2/v2.0/token`,
    });
  });

  it("feeds the marketplace client's Authorization header", async () => {
    reply = () => ({ status: 200, body: { token_type: "Bearer", expires_in: 3600, access_token: "api-token" } });
    const provider = secretProvider();
    const { client, calls: apiCalls } = clientWith(stubFetch({ status: 200, body: wireSubscription }), { getToken: provider.getToken });
    await client.getSubscription(SUBSCRIPTION_ID);
    expect(apiCalls[0]!.headers.authorization).toBe("Bearer api-token");
  });
});

describe("MSAL configuration", () => {
  it("talks to login.microsoftonline.com by default, with no network overrides", () => {
    const config = buildMsalConfiguration({ tenantId: TENANT, clientId: CLIENT_ID, credential: { kind: "secret", secret: "x" } });
    expect(config.auth.authority).toBe(`https://login.microsoftonline.com/${TENANT}`);
    expect(config.auth.knownAuthorities).toBeUndefined();
    expect(config.system).toBeUndefined();
  });

  it("honours a sovereign-cloud authority host", () => {
    const config = buildMsalConfiguration({
      tenantId: TENANT,
      clientId: CLIENT_ID,
      credential: { kind: "secret", secret: "x" },
      authorityHost: "https://login.microsoftonline.us/",
    });
    expect(config.auth.authority).toBe(`https://login.microsoftonline.us/${TENANT}`);
  });

  it("maps SHA-1 and SHA-256 thumbprints and rejects anything else", () => {
    const cert = (thumbprint: string) =>
      buildMsalConfiguration({
        tenantId: TENANT,
        clientId: CLIENT_ID,
        credential: { kind: "certificate", privateKeyPem: "pem", thumbprint },
      });
    expect(cert("AB:".repeat(19) + "AB").auth.clientCertificate).toEqual({ thumbprint: "AB".repeat(20), privateKey: "pem" });
    expect(cert("c".repeat(64)).auth.clientCertificate).toEqual({ thumbprintSha256: "c".repeat(64), privateKey: "pem" });
    expect(() => cert("not-hex")).toThrow(TypeError);
  });

  it("rewrites only the look-alike origin", () => {
    expect(rewriteToSimulator(`https://login.simulator.invalid/${TENANT}/oauth2/v2.0/token`, "http://127.0.0.1:3000/api/simulator/")).toBe(
      `http://127.0.0.1:3000/api/simulator/${TENANT}/oauth2/v2.0/token`,
    );
    expect(rewriteToSimulator("https://login.microsoftonline.com/x", "http://127.0.0.1:3000")).toBe("https://login.microsoftonline.com/x");
  });
});
