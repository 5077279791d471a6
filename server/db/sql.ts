// Hand-written SQL is built from these: Prisma.sql tagged templates, so every fragment carries its own parameters
// and no caller numbers placeholders. Run a statement with tx.$queryRaw / tx.$executeRaw, or hand it to the driver
// with db.sql.query (its .text and .values). Dates are timestamptz: a Date parameter is cast with ::timestamptz.
import { Prisma } from "./generated/client.ts";
import type { Tx } from "./tx.ts";

export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
/** Trusted SQL text only (identifiers and keywords chosen by code), never a value. */
export const raw = Prisma.raw;
export type Sql = Prisma.Sql;

// Bulk writes through jsonb_to_recordset: one statement and one parameter for any number of rows, the same SQL on
// PGlite and PostgreSQL. Timestamps travel as ISO strings and are read with ::timestamptz.

/** The rows as one jsonb parameter, for `jsonb_to_recordset(${jsonRows(rows)})`. */
export function jsonRows(rows: unknown[]): Sql {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

/** Runs `statement(rows)` unless there are no rows; returns the affected row count. */
export async function execRows(tx: Tx, rows: unknown[], statement: (rows: Sql) => Sql): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.$executeRaw(statement(jsonRows(rows)));
}

/** Runs `statement(rows)` unless there are no rows; returns what it returns. */
export async function queryRows<T>(tx: Tx, rows: unknown[], statement: (rows: Sql) => Sql): Promise<T[]> {
  if (rows.length === 0) return [];
  return tx.$queryRaw<T[]>(statement(jsonRows(rows)));
}

/** Last write wins for repeated ids within one batch (ON CONFLICT cannot touch a row twice in one statement). */
export function lastById<T>(items: T[], idOf: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    const id = idOf(item);
    byId.delete(id);
    byId.set(id, item);
  }
  return [...byId.values()];
}
