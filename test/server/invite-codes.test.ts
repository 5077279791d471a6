// The code format: look-alike-free, cryptographically random, and its check character catches every single
// substitution and every adjacent swap, which is what lets redemption suggest the code a person meant.
import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  bareCode,
  codeFromValues,
  generateCodes,
  readCode,
} from "../../server/domain/invites/code-format.ts";

const FORMAT = /^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$/;

describe("invite code format", () => {
  it("uses 31 characters without 0, O, 1, I or L", () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    for (const c of "01OIL") expect(CODE_ALPHABET).not.toContain(c);
  });

  it("generates well-formed, distinct codes whose characters are evenly spread", () => {
    const codes = generateCodes(20_000);
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const code of codes) {
      expect(code).toMatch(FORMAT);
      expect(readCode(code)).toEqual({ kind: "valid", code });
      for (const ch of bareCode(code).slice(0, 11)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    // 220,000 characters over 31 symbols: about 7,097 each; a biased draw (e.g. b % 31 over 256) would skew the low ones.
    const expected = (20_000 * 11) / 31;
    for (const ch of CODE_ALPHABET) expect(Math.abs(counts.get(ch)! - expected) / expected).toBeLessThan(0.06);
  });

  it("detects every single substitution and every adjacent swap, and offers the original among its candidates", () => {
    for (const code of generateCodes(100)) {
      const bare = bareCode(code);
      for (let i = 0; i < 12; i++) {
        for (const ch of CODE_ALPHABET) {
          if (ch === bare[i]) continue;
          const typo = bare.slice(0, i) + ch + bare.slice(i + 1);
          const read = readCode(typo);
          expect(read.kind, `${typo} passed its check`).toBe("typo");
          expect(read.kind === "typo" && read.candidates).toContain(code);
        }
        if (i < 11 && bare[i] !== bare[i + 1]) {
          const swapped = bare.slice(0, i) + bare[i + 1] + bare[i] + bare.slice(i + 2);
          const read = readCode(swapped);
          expect(read.kind, `${swapped} passed its check`).toBe("typo");
          expect(read.kind === "typo" && read.candidates).toContain(code);
        }
      }
    }
  });

  it("reads codes as people type them, and a look-alike character as the typo", () => {
    const code = codeFromValues([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(readCode(` ${code.toLowerCase().replace(/-/g, " ")} `)).toEqual({ kind: "valid", code });
    const bare = bareCode(code);
    const withO = `${bare.slice(0, 3)}O${bare.slice(4)}`;
    const read = readCode(withO);
    expect(read).toEqual({ kind: "typo", candidates: [code] });
    expect(readCode("ABCD-EFGH")).toEqual({ kind: "malformed" });
    expect(readCode("OOOO-OOOO-OOOO")).toEqual({ kind: "malformed" });
  });
});
