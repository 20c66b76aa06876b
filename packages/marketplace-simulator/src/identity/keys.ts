import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db";
import { signingKeys } from "../schema/identity";

export const SIGNING_ALGORITHM = "RS256";
const KEY_NAME = "default";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK & { kid: string; kty: string; use: "sig"; alg: string };
}

const rsaJwk = z.looseObject({ kty: z.literal("RSA"), n: z.string().min(1), e: z.string().min(1) });

// One promise per database handle: every request after the first signs without a query.
const cache = new WeakMap<object, Promise<SigningKey>>();

async function createKeyRow() {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");
  return { name: KEY_NAME, kid, algorithm: SIGNING_ALGORITHM, publicJwk, privateJwk };
}

async function loadOrCreate(db: DbOrTx): Promise<SigningKey> {
  const read = () => db.select().from(signingKeys).where(eq(signingKeys.name, KEY_NAME)).limit(1);
  let [row] = await read();
  if (!row) {
    // Two instances may race here: the loser's key is discarded and both read the winner's row.
    await db
      .insert(signingKeys)
      .values(await createKeyRow())
      .onConflictDoNothing({ target: signingKeys.name });
    [row] = await read();
  }
  if (!row) throw new Error("the simulator's signing key could not be stored");
  const publicJwk = rsaJwk.parse(row.publicJwk);
  const privateKey = await importJWK({ ...rsaJwk.parse(row.privateJwk), alg: row.algorithm }, row.algorithm);
  const publicKey = await importJWK({ ...publicJwk, alg: row.algorithm }, row.algorithm);
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) {
    throw new Error("the simulator's signing key is not an RSA key pair");
  }
  return {
    kid: row.kid,
    privateKey,
    publicKey,
    publicJwk: { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e, kid: row.kid, use: "sig", alg: row.algorithm },
  };
}

export function getSigningKey(db: DbOrTx): Promise<SigningKey> {
  let pending = cache.get(db);
  if (!pending) {
    pending = loadOrCreate(db);
    pending.catch(() => cache.delete(db));
    cache.set(db, pending);
  }
  return pending;
}

export async function getJwks(db: DbOrTx): Promise<{ keys: SigningKey["publicJwk"][] }> {
  const key = await getSigningKey(db);
  return { keys: [key.publicJwk] };
}
