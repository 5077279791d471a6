// Bulk writes through jsonb_to_recordset: one statement and one parameter for any number of rows, the same SQL on
// PGlite and PostgreSQL. Timestamps travel as ISO strings and are stored as UTC, like Prisma stores them.
import type { Tx } from "../../db/tx.ts";

export const utc = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

export async function execRows(tx: Tx, sql: string, rows: unknown[], ...params: unknown[]): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.$executeRawUnsafe(sql, JSON.stringify(rows), ...params);
}

export async function queryRows<T>(tx: Tx, sql: string, rows: unknown[], ...params: unknown[]): Promise<T[]> {
  if (rows.length === 0) return [];
  return tx.$queryRawUnsafe<T[]>(sql, JSON.stringify(rows), ...params);
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
