import { describe, expect, it } from "vitest";
import type { ChangeHub } from "./hub";
import { LIVE_LIMITS, openChangeStream, StreamSlots } from "./stream";

/** A hub whose changes the test announces itself. */
function fakeHub() {
  const listeners = new Set<(signal: string) => void>();
  const hub = {
    subscribe: async (l: (signal: string) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as ChangeHub;
  return { hub, announce: (s: string) => listeners.forEach((l) => l(s)), listeners };
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  let all = "";
  const decoder = new TextDecoder();
  while (!all.includes(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    all += decoder.decode(value);
  }
  return all;
}

const ID = "5f2e9a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b";

describe("the change stream", () => {
  it("opens with a ready event, then sends each changed subscription's ID once per flush, and nothing else", async () => {
    const { hub, announce } = fakeHub();
    const stream = await openChangeStream({ hub, limits: { ...LIVE_LIMITS, flushMs: 10 } });
    const reader = stream.getReader();
    expect(await readUntil(reader, "\n\n")).toBe("retry: 5000\nevent: ready\ndata: listening\n\n");
    announce(ID);
    announce(ID);
    announce("not an id\ndata: injected");
    expect(await readUntil(reader, "\n\n")).toBe(`event: change\ndata: ${ID}\n\n`);
    await reader.cancel();
  });

  it("sends '*' instead of a long list, and ends, releasing everything, when the reader goes away", async () => {
    const { hub, announce, listeners } = fakeHub();
    let closed = 0;
    const stream = await openChangeStream({ hub, limits: { ...LIVE_LIMITS, flushMs: 10, maxIdsPerFlush: 2 }, onClose: () => closed++ });
    const reader = stream.getReader();
    await readUntil(reader, "\n\n");
    for (const n of [1, 2, 3]) announce(ID.replace(/.$/, String(n)));
    expect(await readUntil(reader, "\n\n")).toBe("event: change\ndata: *\n\n");
    await reader.cancel();
    expect(closed).toBe(1);
    expect(listeners.size).toBe(0);
  });

  it("ends after its lifetime, and right away with `once` or an aborted request", async () => {
    const { hub } = fakeHub();
    const short = await openChangeStream({ hub, limits: { ...LIVE_LIMITS, lifetimeMs: 20 } });
    expect(await new Response(short).text()).toContain("event: ready");
    const once = await openChangeStream({ hub, once: true });
    expect(await new Response(once).text()).toBe("retry: 5000\nevent: ready\ndata: listening\n\n");
    const aborted = new AbortController();
    const gone = await openChangeStream({ hub, signal: aborted.signal });
    aborted.abort();
    expect(await new Response(gone).text()).toContain("event: ready");
  });
});

describe("stream slots", () => {
  it("admits a few streams per person and a bounded number in all, and a release frees one once", () => {
    const slots = new StreamSlots({ perUser: 2, total: 3 });
    const a1 = slots.acquire("a");
    const a2 = slots.acquire("a");
    expect(a1 && a2).toBeTruthy();
    expect(slots.acquire("a")).toBeNull();
    expect(slots.acquire("b")).toBeTruthy();
    expect(slots.acquire("c")).toBeNull();
    a1!();
    a1!();
    expect(slots.openFor("a")).toBe(1);
    expect(slots.acquire("c")).toBeTruthy();
    expect(slots.acquire("d")).toBeNull();
  });
});
