// next/headers for server action tests, which run outside a request: one in-memory cookie jar per
// test file. Use with vi.mock("next/headers", () => import("@/test/next-headers")).
const jar = new Map<string, { name: string; value: string; options?: unknown }>();

export const testCookieJar = jar;

export async function cookies() {
  return {
    get: (name: string) => jar.get(name),
    set: (name: string, value: string, options?: unknown) => void jar.set(name, { name, value, options }),
    delete: (name: string) => void jar.delete(name),
  };
}

export async function headers() {
  return new Headers();
}
