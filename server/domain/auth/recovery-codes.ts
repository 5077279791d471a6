// One-time recovery codes: ten per enrolment, shown once, kept only as SHA-256 (each carries about 79 random bits,
// so a fast hash is enough against a leaked database). Each works once, in place of an authenticator code.
import crypto from "node:crypto";
import type { Tx } from "../../db/tx.ts";

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: the codes are read off paper and typed by hand.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 16;

function randomCode(): string {
  let out = "";
  while (out.length < LENGTH) {
    // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
    for (const byte of crypto.randomBytes(LENGTH * 2)) {
      if (byte < 248 && out.length < LENGTH) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out.match(/.{4}/g)!.join("-");
}

/** Upper case without separators or spaces, so "abcd efgh-…" and "ABCD-EFGH-…" are the same code. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  const normalized = normalizeRecoveryCode(code);
  return normalized.length === LENGTH && [...normalized].every((c) => ALPHABET.includes(c));
}

function hashRecoveryCode(code: string): string {
  return crypto.createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

/** Replaces the user's recovery codes with a fresh set; the plain codes are returned to be shown once. */
export async function issueRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);
  await tx.staffRecoveryCode.deleteMany({ where: { userId } });
  await tx.staffRecoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })),
  });
  return codes;
}

/** Marks an unused code used; false when it is unknown or was used before (one conditional update: no double use). */
export async function useRecoveryCode(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  if (!looksLikeRecoveryCode(code)) return false;
  const { count } = await tx.staffRecoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}

export function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  return tx.staffRecoveryCode.count({ where: { userId, usedAt: null } });
}
