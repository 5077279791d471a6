// Seeded randomness: the same seed yields the same traffic, so a problem seen in one run can be replayed.
import { hashString, mulberry32 } from "../../server/lib/seeded-random.ts";

export { hashString, mulberry32, Rng } from "../../server/lib/seeded-random.ts";

/** A number in [0, 1) that depends only on the text: used where a decision must not depend on arrival order. */
export function unitFromString(text: string): number {
  // FNV alone mixes the last characters poorly; one mulberry round spreads them over all bits.
  return mulberry32(hashString(text))();
}
