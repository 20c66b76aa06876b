import { describe, expect, it } from "vitest";
import { decodeLandingToken, readLandingToken } from "./landing-token";

// A realistic base64 token holding every character that form decoding would damage.
const RAW = "eyJpZCI6IjEyMyJ9+ab/cd+ef==";

describe("decodeLandingToken", () => {
  it("leaves a raw, unencoded base64 token (Microsoft's emulator) unchanged", () => {
    expect(decodeLandingToken(RAW)).toBe(RAW);
  });

  it("decodes a once-encoded token exactly once", () => {
    expect(decodeLandingToken(encodeURIComponent(RAW))).toBe(RAW);
  });

  it.each([
    ["%2B", "+"],
    ["%2b", "+"],
    ["%2F", "/"],
    ["%3D", "="],
    ["%3D%3D", "=="],
    ["a%2Bb", "a+b"],
  ])("decodes %s to %s", (input, expected) => {
    expect(decodeLandingToken(input)).toBe(expected);
  });

  it("never turns + into a space", () => {
    expect(decodeLandingToken("a+b+c")).toBe("a+b+c");
    expect(decodeLandingToken("a+b%3D")).toBe("a+b=");
  });

  it("restores + from spaces left behind by form decoding upstream", () => {
    expect(decodeLandingToken("ab cd/ef==")).toBe("ab+cd/ef==");
  });

  it("keeps a decoded %20 as a space, since it was percent-encoded on purpose", () => {
    expect(decodeLandingToken("a%20b")).toBe("a b");
  });

  it("decodes a double-encoded token only once", () => {
    const twice = encodeURIComponent(encodeURIComponent(RAW));
    expect(decodeLandingToken(twice)).toBe(encodeURIComponent(RAW));
    expect(decodeLandingToken("%252B")).toBe("%2B");
  });

  it.each(["abc%", "abc%2", "abc%ZZ", "%E0%A4%A", "100%+ok"])("returns the malformed value %s unchanged", (input) => {
    expect(decodeLandingToken(input)).toBe(input);
  });

  it("handles an empty value and multi-byte characters", () => {
    expect(decodeLandingToken("")).toBe("");
    expect(decodeLandingToken("%C3%A9")).toBe("é");
  });

  it("keeps a JWT-like token with dots and dashes", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-def_ghi";
    expect(decodeLandingToken(jwt)).toBe(jwt);
  });
});

describe("readLandingToken", () => {
  it("reads the raw token from a URL without form decoding", () => {
    expect(readLandingToken(`https://portal.example/landing?token=${RAW}`)).toBe(RAW);
    expect(readLandingToken(new URL(`https://portal.example/landing?token=${RAW}`))).toBe(RAW);
  });

  it("decodes an encoded token once and ignores other parameters and the fragment", () => {
    expect(readLandingToken(`https://p.example/landing?x=1&token=${encodeURIComponent(RAW)}&y=2#frag`)).toBe(RAW);
  });

  it("reads a raw search string with or without its leading ?", () => {
    expect(readLandingToken(`?token=${RAW}&x=1`)).toBe(RAW);
    expect(readLandingToken(`token=${RAW}`)).toBe(RAW);
    expect(readLandingToken("")).toBeUndefined();
    expect(readLandingToken("/landing")).toBeUndefined();
  });

  it("returns undefined when there is no token or it is empty", () => {
    expect(readLandingToken("https://p.example/landing")).toBeUndefined();
    expect(readLandingToken("https://p.example/landing?token=")).toBeUndefined();
    expect(readLandingToken("https://p.example/landing?tokens=abc")).toBeUndefined();
  });

  it("differs from URLSearchParams, which would corrupt the token", () => {
    const url = `https://p.example/landing?token=${RAW}`;
    expect(new URL(url).searchParams.get("token")).not.toBe(RAW);
    expect(readLandingToken(url)).toBe(RAW);
  });
});
