// The platform contract's request signature, used both ways: on requests the platform sends to /api/v1 and on
// the webhooks Vigil sends back.
//   X-Vigil-Key-Id:    which shared secret signed it (several may be active during rotation)
//   X-Vigil-Timestamp: unix seconds when it was signed
//   X-Vigil-Signature: v2=<hex HMAC-SHA256(secret, "v2\n" + timestamp + "\n" + METHOD + "\n" + path + "\n" + raw body)>
// v2 binds the signature to the request's method and path (with its query string), so a signature made for one
// request cannot open another within the replay window. Newlines separate the parts because none can occur in a
// method, a timestamp or a request target, so no two requests share a signed string. The retiring scheme
// v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)> covers the body alone; it is accepted while
// VIGIL_PLATFORM_SIGNATURE_V1=accept, and every request that uses it is counted (see legacy-signatures.ts).
import crypto from "node:crypto";

export const SIGNATURE_HEADERS = {
  keyId: "x-vigil-key-id",
  timestamp: "x-vigil-timestamp",
  signature: "x-vigil-signature",
} as const;

/** Requests signed further than this from the server's clock are refused, so a captured request cannot be replayed later. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type SignatureScheme = "v1" | "v2";

export interface PlatformKey {
  id: string;
  secret: string;
}

/** What a signature covers: the method, the path with its query string exactly as sent, and the raw body. */
export interface SignedRequest {
  method: string;
  path: string;
  body: string | Buffer;
}

/** The exact bytes a v2 signature is computed over. */
export function signedStringV2(timestamp: number | string, req: SignedRequest): Buffer {
  return Buffer.concat([
    Buffer.from(`v2\n${timestamp}\n${req.method.toUpperCase()}\n${req.path}\n`),
    Buffer.from(req.body),
  ]);
}

export function signatureV2(secret: string, timestamp: number | string, req: SignedRequest): string {
  return `v2=${crypto.createHmac("sha256", secret).update(signedStringV2(timestamp, req)).digest("hex")}`;
}

/** The retiring scheme: the timestamp and the body only. */
export function signatureV1(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  const mac = crypto.createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `v1=${mac.digest("hex")}`;
}

/**
 * Headers for a signed request (the simulator, the tests and the webhook sender use this). v2 by default; a
 * sender whose receivers are still in transition adds v1 beside it.
 */
export function signedHeaders(
  key: PlatformKey,
  req: SignedRequest,
  now: Date,
  schemes: readonly SignatureScheme[] = ["v2"],
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = schemes.map((scheme) =>
    scheme === "v2" ? signatureV2(key.secret, timestamp, req) : signatureV1(key.secret, timestamp, req.body),
  );
  return {
    "X-Vigil-Key-Id": key.id,
    "X-Vigil-Timestamp": String(timestamp),
    "X-Vigil-Signature": signatures.join(","),
  };
}

export type SignatureCheck = { ok: true; keyId: string; scheme: SignatureScheme } | { ok: false; reason: string };

export interface VerifyOptions {
  /** whether a request signed with v1 alone is still accepted */
  v1: "accept" | "refuse";
}

const matchesAny = (offered: readonly string[], expected: string) => {
  const want = Buffer.from(expected);
  return offered.some((o) => {
    const got = Buffer.from(o);
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  });
};

export function verifySignature(
  keys: ReadonlyMap<string, string>,
  headers: { keyId?: string | null; timestamp?: string | null; signature?: string | null },
  req: SignedRequest,
  now: Date,
  opts: VerifyOptions,
): SignatureCheck {
  const { keyId, timestamp, signature } = headers;
  if (!keyId || !timestamp || !signature) {
    return { ok: false, reason: "Missing X-Vigil-Key-Id, X-Vigil-Timestamp or X-Vigil-Signature header." };
  }
  const secret = keys.get(keyId);
  if (!secret) return { ok: false, reason: `Unknown key id "${keyId.slice(0, 64)}".` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "X-Vigil-Timestamp must be unix seconds." };
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    return {
      ok: false,
      reason: `X-Vigil-Timestamp is ${Math.round(skew)} s away from the server's clock (at most ${MAX_CLOCK_SKEW_SECONDS} s).`,
    };
  }
  // Several signatures may be sent (comma-separated): v2 beside v1 while receivers move over, or while rotating.
  const offered = signature.split(",").map((s) => s.trim());
  const v2 = offered.filter((s) => s.startsWith("v2="));
  if (v2.length > 0) {
    // A sender that signs v2 is told when its v2 is wrong, rather than passing on a v1 beside it.
    return matchesAny(v2, signatureV2(secret, timestamp, req))
      ? { ok: true, keyId, scheme: "v2" }
      : { ok: false, reason: "Signature v2 does not match the method, path, timestamp and body." };
  }
  const v1 = offered.filter((s) => s.startsWith("v1="));
  if (v1.length === 0) return { ok: false, reason: 'X-Vigil-Signature must carry "v2=<hex>".' };
  if (opts.v1 === "refuse")
    return {
      ok: false,
      reason: "Signature scheme v1 is no longer accepted: sign with v2 over the method, path, timestamp and body.",
    };
  return matchesAny(v1, signatureV1(secret, timestamp, req.body))
    ? { ok: true, keyId, scheme: "v1" }
    : { ok: false, reason: "Signature does not match the body." };
}

/** `keyId:secret,keyId:secret` → map; refuses malformed entries with the reason. */
export function parsePlatformKeys(value: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon).trim();
    const secret = entry.slice(colon + 1).trim();
    if (colon <= 0 || !/^[\w.-]{1,64}$/.test(id))
      throw new Error(`VIGIL_PLATFORM_KEYS: "${id || entry}" is not keyId:secret`);
    if (secret.length < 16)
      throw new Error(`VIGIL_PLATFORM_KEYS: the secret of key "${id}" must be at least 16 characters`);
    keys.set(id, secret);
  }
  return keys;
}
