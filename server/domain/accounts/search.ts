// Finding an account: by its platform id exactly, or by the start of its handle (case-insensitive, with or
// without the @). The prefix search walks an index on lower(handle) in C collation, so it stays fast on millions
// of accounts and returns handles in a stable order.
import type { z } from "zod";
import type { AccountSearchInput } from "../../contracts/accounts.ts";
import type { Database } from "../../db/client.ts";
import { sql } from "../../db/sql.ts";

export interface AccountSearchRow {
  id: string;
  handle: string;
  displayName: string;
  status: "active" | "suspended" | "banned" | "deleted";
  strikeCount: number;
  country: string | null;
  createdAt: Date;
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function searchAccounts(
  { prisma: tx }: Database,
  input: z.output<typeof AccountSearchInput>,
): Promise<AccountSearchRow[]> {
  const text = input.query.replace(/^@/, "");
  if (!text) return [];
  const rows = await tx.$queryRaw<AccountSearchRow[]>(
    sql`(SELECT "id", "handle", "displayName", "status"::text AS "status", "strikeCount", "country", "createdAt", 0 AS "rank", '' AS "key"
        FROM "Account" WHERE "id" = ${text})
     UNION ALL
     (SELECT "id", "handle", "displayName", "status"::text, "strikeCount", "country", "createdAt", 1, lower("handle") COLLATE "C"
        FROM "Account"
       WHERE lower("handle") COLLATE "C" LIKE ${likePrefix(text.toLowerCase())} AND "id" <> ${text}
       ORDER BY lower("handle") COLLATE "C"
       LIMIT ${input.limit})
     ORDER BY "rank", "key"`,
  );
  return rows
    .slice(0, input.limit)
    .map(({ rank: _rank, key: _key, ...r }: AccountSearchRow & { rank?: number; key?: string }) => ({
      ...r,
      createdAt: new Date(r.createdAt),
    }));
}
