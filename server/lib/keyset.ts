// Opaque keyset cursors: the sort value(s) and id of the last row of a page, base64url-encoded JSON.
import { DomainError } from "./errors.ts";

export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => v === null || typeof v === "string" || typeof v === "number")
    ) {
      return parsed as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError("BAD_REQUEST", "cursor: not a cursor this list produced; start from the first page.", {
    field: "cursor",
  });
}

/** Splits a `take: limit + 1` result into the page and the cursor of the next one. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[]) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}
