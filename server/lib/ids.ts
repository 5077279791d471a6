// Ids made in the app rather than by Prisma, for rows written in bulk with plain SQL.
import crypto from "node:crypto";

/** RFC 9562 UUIDv7: 48-bit millisecond timestamp, then random bits; sorts by creation time like Prisma's uuid(7). */
export function uuidv7(now = Date.now()): string {
  const bytes = crypto.randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// No 0/O, 1/I/L: references are read out over the phone and typed from letters.
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A human reference such as TD-7K3M-9QP2. */
export function humanReference(prefix: string): string {
  const chars = Array.from(crypto.randomBytes(8), (b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join("");
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
