import { describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { checkEndpointHost, checkEndpointUrl, connectLookup, defaultUrlPolicy, isPrivateAddress } from "./url-policy";

const strict = { allowPrivateNetworks: false };
const relaxed = { allowPrivateNetworks: true };
const reason = (raw: string, policy = strict) => {
  const r = checkEndpointUrl(raw, policy);
  return r.ok ? null : r.reason;
};

describe("endpoint URL policy", () => {
  it.each([
    ["ftp://files.example/hooks", /Only http and https/],
    ["javascript:alert(1)", /Only http and https/],
    ["file:///etc/passwd", /Only http and https/],
    ["hooks.example/no-scheme", /complete URL/],
    ["https://user:pw@hooks.example/x", /no user name or password/],
    ["https://hooks.example/x#frag", /fragment/],
  ])("refuses %s in any mode", (raw, expected) => {
    expect(reason(raw, relaxed)).toMatch(expected);
    expect(reason(raw, strict)).toMatch(expected);
  });

  it.each([
    "https://localhost/hooks",
    "https://api.localhost/hooks",
    "https://127.0.0.1/hooks",
    "https://2130706433/hooks", // 127.0.0.1 written as one number
    "https://0x7f.1/hooks",
    "https://10.0.0.8/hooks",
    "https://172.20.1.1/hooks",
    "https://192.168.1.10/hooks",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/hooks",
    "https://0.0.0.0/hooks",
    "https://[::1]/hooks",
    "https://[fd00::1]/hooks",
    "https://[fe80::1]/hooks",
    "https://[::ffff:127.0.0.1]/hooks",
    "https://[::ffff:10.0.0.1]/hooks",
  ])("refuses the private address in %s when private networks are not allowed", (raw) => {
    expect(reason(raw)).toMatch(/Private, loopback and link-local/);
    expect(reason(raw, relaxed)).toBeNull();
  });

  it("asks for https when strict, and accepts public hosts", () => {
    expect(reason("http://hooks.example/x")).toMatch(/Use https/);
    expect(reason("http://127.0.0.1:8080/x", relaxed)).toBeNull();
    expect(reason("https://hooks.example/marketplace?tenant=1")).toBeNull();
    expect(reason("https://93.184.216.34/x")).toBeNull();
    expect(reason("https://[2606:4700::1111]/x")).toBeNull();
  });

  it("classifies addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.1.1",
      "172.31.255.255",
      "192.168.0.1",
      "169.254.1.1",
      "::1",
      "::",
      "fc00::1",
      "ff02::1",
      "224.0.0.1",
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "1.1.1.1", "2001:4860:4860::8888", "not-an-ip"])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  // Each form with a private IPv4 inside, one with a public IPv4 inside (refused too: the whole
  // prefix goes), and the nearest address outside the prefix, which embeds nothing.
  it.each([
    ["IPv4-mapped", ["::ffff:127.0.0.1", "::ffff:a00:1", "::ffff:8.8.8.8", "::ffff:0:0"], "::fffe:ffff:ffff"],
    ["IPv4-compatible", ["::127.0.0.1", "::a00:1", "::8.8.8.8", "::ffff:ffff"], "::1:0:0"],
    ["IPv4-translated", ["::ffff:0:7f00:1", "::ffff:0:a00:1", "::ffff:0:808:808"], "::fffe:0:0:0"],
    ["NAT64", ["64:ff9b::7f00:1", "64:ff9b::10.0.0.1", "64:ff9b::8.8.8.8"], "64:ff9b:0:0:0:1::"],
    ["NAT64 local-use", ["64:ff9b:1::a00:1", "64:ff9b:1:ffff::8.8.8.8"], "64:ff9b:2::1"],
    ["6to4", ["2002:7f00:1::1", "2002:a00:1::", "2002:808:808::1", "2002:ffff:ffff:ffff::"], "2003::1"],
    ["Teredo", ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::f5ff:fffe", "2001:0:ffff::1"], "2001:1::1"],
  ])("refuses %s IPv6 addresses and allows their neighbour", (_form, embedded, neighbour) => {
    for (const ip of embedded) {
      expect(isPrivateAddress(ip), ip).toBe(true);
      expect(reason(`https://[${ip}]/hooks`), ip).toMatch(/Private, loopback and link-local/);
    }
    expect(isPrivateAddress(neighbour), neighbour).toBe(false);
    expect(reason(`https://[${neighbour}]/hooks`)).toBeNull();
  });

  it("still allows IPv4 and ordinary IPv6 addresses next to the embedding prefixes", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "2001:db8::1", "2a00:1450:4001:80b::200e", "2606:4700::1111"]) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });

  it("refuses a name that resolves to a private address, or does not resolve", async () => {
    const url = new URL("https://hooks.example/x");
    expect(await checkEndpointHost(url, strict, async () => ["203.0.113.9", "10.0.0.1"])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/10\.0\.0\.1/),
    });
    expect(await checkEndpointHost(url, strict, async () => ["93.184.216.34"])).toMatchObject({ ok: true });
    const missing = Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    expect(await checkEndpointHost(url, strict, async () => Promise.reject(missing))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ENOTFOUND/),
    });
    expect(await checkEndpointHost(url, relaxed, async () => ["10.0.0.1"])).toMatchObject({ ok: true });
  });

  it("connects only to addresses that pass the policy, as node:net asks for them", async () => {
    type Answer = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
    const ask = (policy: typeof strict, answers: string[], options: { all?: boolean; family?: number } = {}) =>
      new Promise<Answer>((done) =>
        connectLookup(policy, async () => answers)("hooks.example", options, (err, address, family) => done({ err, address, family })),
      );

    expect(await ask(strict, ["93.184.216.34", "2606:2800:220:1::1"], { all: true })).toMatchObject({
      err: null,
      address: [
        { address: "93.184.216.34", family: 4 },
        { address: "2606:2800:220:1::1", family: 6 },
      ],
    });
    expect(await ask(strict, ["93.184.216.34", "2606:2800:220:1::1"])).toMatchObject({ err: null, address: "93.184.216.34", family: 4 });
    expect(await ask(strict, ["93.184.216.34", "2606:2800:220:1::1"], { family: 6 })).toMatchObject({
      err: null,
      address: "2606:2800:220:1::1",
      family: 6,
    });
    for (const inside of ["127.0.0.1", "10.9.8.7", "::ffff:a00:1", "2002:a00:1::"]) {
      const refused = await ask(strict, ["93.184.216.34", inside], { all: true });
      expect(refused.err?.message).toBe(`refused: hooks.example resolves to a private address (${inside}) at connect time.`);
      expect(refused.err?.code).toBe("EPRIVATEADDRESS");
    }
    expect(await ask(relaxed, ["127.0.0.1"], { all: true })).toMatchObject({ err: null, address: [{ address: "127.0.0.1", family: 4 }] });
    expect((await ask(strict, [], { all: true })).err?.code).toBe("ENOTFOUND");
  });

  it("allows private networks everywhere except a live production portal", () => {
    expect(defaultUrlPolicy({ nodeEnv: "production", marketplace: { mode: "live" } as never }).allowPrivateNetworks).toBe(false);
    expect(defaultUrlPolicy({ nodeEnv: "production", marketplace: { mode: "simulator" } as never }).allowPrivateNetworks).toBe(true);
    expect(defaultUrlPolicy({ nodeEnv: "development", marketplace: { mode: "live" } as never }).allowPrivateNetworks).toBe(true);
  });
});
