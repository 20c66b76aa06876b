import { describe, expect, it } from "vitest";
import { createSecretBox, SecretBoxError } from "./secret-box";
import { generateSecret } from "./signing";

const KEY = "k".repeat(32);

describe("outbound secret box", () => {
  it("seals a secret so only the same key opens it, with a fresh IV each time", () => {
    const box = createSecretBox(KEY);
    const secret = generateSecret();
    const a = box.seal(secret);
    const b = box.seal(secret);
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(secret.slice(6, 20));
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe(secret);
    expect(box.open(b)).toBe(secret);
    expect(box.isSealed(a)).toBe(true);
  });

  it("refuses a tampered value or another key, saying which setting to check", () => {
    const sealed = createSecretBox(KEY).seal(generateSecret());
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === "A" ? "B" : "A") + sealed.at(-1);
    expect(() => createSecretBox(KEY).open(flipped)).toThrow(SecretBoxError);
    expect(() => createSecretBox("x".repeat(32)).open(sealed)).toThrow(/DATA_ENCRYPTION_KEY is not the key/);
    expect(() => createSecretBox(KEY).open("enc:v1:AAAA")).toThrow(/damaged/);
  });

  it("without a key stores secrets as they are, and cannot open sealed ones", () => {
    const plain = createSecretBox(null);
    const secret = generateSecret();
    expect(plain.encrypting).toBe(false);
    expect(plain.seal(secret)).toBe(secret);
    expect(plain.open(secret)).toBe(secret);
    expect(() => plain.open(createSecretBox(KEY).seal(secret))).toThrow(/set DATA_ENCRYPTION_KEY/);
  });

  it("still opens secrets stored before the key was set", () => {
    const secret = generateSecret();
    expect(createSecretBox(KEY).open(secret)).toBe(secret);
  });
});
