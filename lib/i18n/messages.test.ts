import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES, negotiateLocale, resolveLocale } from "./locales";

type Tree = { [key: string]: string | Tree };
const load = (locale: string): Tree => JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), "utf8"));

/** Every message as `dotted.key → text`. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments ({name}, {name, plural, …}) and rich-text tags (<link>) a message uses; parsing also proves its ICU syntax. */
function placeholders(text: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if ("value" in e && typeof e.value === "string" && e.type !== TYPE.literal)
        found.add(e.type === TYPE.tag ? `<${e.value}>` : `{${e.value}}`);
      if (e.type === TYPE.tag) walk(e.children);
      if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(text));
  return [...found].sort();
}

const english = flatten(load("en"));

describe("messages", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly English's keys", (locale) => {
    const messages = flatten(load(locale));
    const missing = [...english.keys()].filter((k) => !messages.has(k));
    const extra = [...messages.keys()].filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s uses the same arguments and tags as English in every message", (locale) => {
    const messages = flatten(load(locale));
    const differing = [...english].filter(([key, text]) => {
      const theirs = messages.get(key);
      return theirs !== undefined && placeholders(theirs).join() !== placeholders(text).join();
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it.each(LOCALES)("%s has no empty message", (locale) => {
    expect([...flatten(load(locale))].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });
});

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["sv-SE,sv;q=0.9,en;q=0.8", "sv"],
    ["ja", "ja"],
    ["pt-BR,pt;q=0.9", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["fi-FI, de;q=0.5, fr;q=0.7", "fr"],
    ["en-US;q=0.1, es-MX", "es"],
    ["*", "en"],
    ["zz, de;q=0", "en"],
    ["DE-at", "de"],
  ])("%j → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("lets the switcher's cookie win over the browser's languages, unless it names no supported locale", () => {
    expect(resolveLocale("ja", "sv")).toBe("ja");
    expect(resolveLocale("xx", "sv")).toBe("sv");
    expect(resolveLocale(undefined, "de")).toBe("de");
  });
});
