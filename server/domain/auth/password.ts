// Password hashing with scrypt (memory-hard, in node:crypto). Stored as scrypt$N$r$p$salt$hash (base64url).
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// N=2^15, r=8 → 32 MiB per hash: slow enough against offline guessing, fast enough for sign-in (~60 ms).
const DEFAULT = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

export { PASSWORD_MIN_LENGTH } from "../../contracts/staff.ts";

export async function hashPassword(password: string, params = DEFAULT): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, salt, expected] = parts;
  const N = Number(n);
  const params = { N, r: Number(r), p: Number(p), maxmem: 128 * N * Number(r) * 2 };
  const want = Buffer.from(expected!, "base64url");
  const got = await scrypt(password, Buffer.from(salt!, "base64url"), want.length, params);
  return crypto.timingSafeEqual(got, want);
}

/** A hash to compare against when the account does not exist, so timing does not reveal which emails are staff. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return decoy;
}
