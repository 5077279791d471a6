// Invite codes: XXXX-XXXX-XXXX, eleven random characters and a check character over a 31-character alphabet
// without look-alikes (no 0/O, 1/I/L). 31 is prime and every position has its own weight (1..12), so the
// weighted sum mod 31 changes under any single substitution and any transposition: both typos are caught
// before the database is asked, and a single one can be corrected ("did you mean …").
import crypto from "node:crypto";

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const P = CODE_ALPHABET.length; // 31, prime
export const CODE_LENGTH = 12;
const DATA_LENGTH = CODE_LENGTH - 1;
const VALUE = new Map([...CODE_ALPHABET].map((c, i) => [c, i]));
/** 12⁻¹ mod 31: solves 12·check ≡ −sum for the check character's value */
const INVERSE_OF_LAST_WEIGHT = 13;

const weight = (position: number) => position + 1;

function weightedSum(values: ArrayLike<number>, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += weight(i) * values[i]!;
  return sum % P;
}

function checkValue(dataValues: ArrayLike<number>): number {
  return (((P - weightedSum(dataValues, DATA_LENGTH)) % P) * INVERSE_OF_LAST_WEIGHT) % P;
}

export function formatCode(chars: string): string {
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The code for eleven alphabet values (0..30): appends the check character and groups by four. */
export function codeFromValues(dataValues: ArrayLike<number>): string {
  let chars = "";
  for (let i = 0; i < DATA_LENGTH; i++) chars += CODE_ALPHABET[dataValues[i]!];
  return formatCode(chars + CODE_ALPHABET[checkValue(dataValues)]);
}

/**
 * `count` codes from the operating system's cryptographic random source, drawn in bulk. Bytes at or above 248
 * (8 × 31) are skipped so every character is equally likely.
 */
export function generateCodes(count: number): string[] {
  const codes: string[] = [];
  const values = new Uint8Array(DATA_LENGTH);
  let pool = crypto.randomBytes(Math.ceil(count * DATA_LENGTH * 1.05) + 64);
  let at = 0;
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < DATA_LENGTH;) {
      if (at >= pool.length) {
        pool = crypto.randomBytes(4096);
        at = 0;
      }
      const b = pool[at++]!;
      if (b < 248) values[i++] = b % P;
    }
    codes.push(codeFromValues(values));
  }
  return codes;
}

/** What people type: any case, spaces or dashes anywhere. Returns the bare characters, uppercased. */
export function bareCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-–—_.]/g, "");
}

export type CodeShape =
  { kind: "valid"; code: string } | { kind: "typo"; candidates: string[] } | { kind: "malformed" };

/**
 * Reads a typed code. A well-formed code whose check character fails has one typo or more; `candidates` are the
 * well-formed codes one substitution or one adjacent swap away (at most 23), for the caller to look up.
 */
export function readCode(input: string): CodeShape {
  const bare = bareCode(input);
  if (bare.length !== CODE_LENGTH) return { kind: "malformed" };
  const values = [...bare].map((c) => VALUE.get(c) ?? -1);
  const unknownAt = values.flatMap((v, i) => (v < 0 ? [i] : []));
  if (unknownAt.length > 1) return { kind: "malformed" };
  if (unknownAt.length === 0 && weightedSum(values, CODE_LENGTH) === 0)
    return { kind: "valid", code: formatCode(bare) };

  const candidates = new Set<string>();
  const toCode = (vals: number[]) => formatCode(vals.map((v) => CODE_ALPHABET[v]).join(""));
  // A character outside the alphabet (an O, a 1) can only be the typo; otherwise any position may be.
  const positions = unknownAt.length ? unknownAt : values.map((_, i) => i);
  for (const i of positions) {
    const rest = values.reduce((s, v, j) => (j === i ? s : s + weight(j) * v), 0) % P;
    // weight(i)·x ≡ −rest (mod 31): x = −rest · weight(i)^(P−2)
    const x = (((P - rest) % P) * modPow(weight(i), P - 2)) % P;
    if (x !== values[i]) candidates.add(toCode(values.map((v, j) => (j === i ? x : v))));
  }
  if (unknownAt.length === 0) {
    for (let i = 0; i < CODE_LENGTH - 1; i++) {
      if (values[i] === values[i + 1]) continue;
      const swapped = [...values];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      if (weightedSum(swapped, CODE_LENGTH) === 0) candidates.add(toCode(swapped));
    }
  }
  return { kind: "typo", candidates: [...candidates] };
}

function modPow(base: number, exp: number): number {
  let result = 1;
  let b = base % P;
  for (let e = exp; e > 0; e >>= 1) {
    if (e & 1) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

export function isWellFormedCode(input: string): boolean {
  return readCode(input).kind === "valid";
}
