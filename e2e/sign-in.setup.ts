import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { signedInState } from "./authz/http";
import { buyers, signedInStatePath, test } from "./fixtures";

// Signs each account in once through the simulator's account picker and keeps its session
// cookies: journeys that are not about signing in start from them (restoreSignIn, savedSignIn).
const ACCOUNTS = ["owner@isv.example", "operator@isv.example", "viewer@isv.example", buyers.alex.email, buyers.kim.email];

for (const email of ACCOUNTS)
  test(`signs in as ${email}`, async ({ browser, baseURL }) => {
    const state = await signedInState(browser, baseURL!, email);
    await mkdir(path.dirname(signedInStatePath(email)), { recursive: true });
    await writeFile(signedInStatePath(email), JSON.stringify(state));
  });
