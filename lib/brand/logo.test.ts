import { describe, expect, it } from "vitest";
import { sniffLogoType } from "./logo";

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("sniffLogoType", () => {
  it("reads the type from the bytes", () => {
    expect(sniffLogoType(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("image/png");
    expect(sniffLogoType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffLogoType(bytes("GIF89a", [1, 0]))).toBe("image/gif");
    expect(sniffLogoType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses anything else, SVG and HTML included, whatever its name said", () => {
    expect(sniffLogoType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffLogoType(bytes("<!doctype html><script>"))).toBeNull();
    expect(sniffLogoType(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toBeNull();
    expect(sniffLogoType(new Uint8Array())).toBeNull();
  });
});
