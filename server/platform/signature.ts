// The platform contract's request signature, used both ways: on requests the platform sends to /api/v1 and on
// the webhooks Vigil sends back.
//   X-Vigil-Key-Id:    which shared secret signed it (several may be active during rotation)
//   X-Vigil-Timestamp: unix seconds when it was signed
//   X-Vigil-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
import crypto from "node:crypto";

export const SIGNATURE_HEADERS = {
  keyId: "x-vigil-key-id",
  timestamp: "x-vigil-timestamp",
  signature: "x-vigil-signature",
} as const;

/** Requests signed further than this from the server's clock are refused, so a captured request cannot be replayed later. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface PlatformKey {
  id: string;
  secret: string;
}

export function signatureFor(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  const mac = crypto.createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `v1=${mac.digest("hex")}`;
}

/** Headers for a signed request (the simulator and the webhook sender both use this). */
export function signedHeaders(key: PlatformKey, rawBody: string | Buffer, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "X-Vigil-Key-Id": key.id,
    "X-Vigil-Timestamp": String(timestamp),
    "X-Vigil-Signature": signatureFor(key.secret, timestamp, rawBody),
  };
}

export type SignatureCheck = { ok: true; keyId: string } | { ok: false; reason: string };

export function verifySignature(
  keys: ReadonlyMap<string, string>,
  headers: { keyId?: string | null; timestamp?: string | null; signature?: string | null },
  rawBody: Buffer,
  now = new Date(),
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
    return { ok: false, reason: `X-Vigil-Timestamp is ${Math.round(skew)} s away from the server's clock (at most ${MAX_CLOCK_SKEW_SECONDS} s).` };
  }
  const expected = Buffer.from(signatureFor(secret, timestamp, rawBody));
  // Several signatures may be sent (comma-separated) while a sender rotates; any valid one is enough.
  const offered = signature.split(",").map((s) => Buffer.from(s.trim()));
  const matches = offered.some((o) => o.length === expected.length && crypto.timingSafeEqual(o, expected));
  return matches ? { ok: true, keyId } : { ok: false, reason: "Signature does not match the body." };
}

/** `keyId:secret,keyId:secret` → map; refuses malformed entries with the reason. */
export function parsePlatformKeys(value: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon).trim();
    const secret = entry.slice(colon + 1).trim();
    if (colon <= 0 || !/^[\w.-]{1,64}$/.test(id)) throw new Error(`VIGIL_PLATFORM_KEYS: "${id || entry}" is not keyId:secret`);
    if (secret.length < 16) throw new Error(`VIGIL_PLATFORM_KEYS: the secret of key "${id}" must be at least 16 characters`);
    keys.set(id, secret);
  }
  return keys;
}
