// The active hash bank for the platform, so it can refuse re-uploads of removed content before they are posted.
// Pages in id order; the version covers the whole active set (a new entry or a deactivation changes it).
import crypto from "node:crypto";
import type { Tx } from "../../db/tx.ts";
import type { HashBankFeed } from "../../contracts/hash-bank-feed.ts";
import { sql } from "../../db/sql.ts";

export async function hashBankFeed(tx: Tx, page: { after?: string; limit: number }): Promise<HashBankFeed> {
  const [rows, [summary]] = await Promise.all([
    tx.hashBankEntry.findMany({
      // known false positives and switched-off banks are nothing to refuse uploads by
      where: {
        active: true,
        legacy: false,
        bank: { enabled: true, kind: { not: "safe" } },
        ...(page.after ? { id: { gt: page.after } } : {}),
      },
      orderBy: { id: "asc" },
      take: page.limit + 1,
      select: {
        id: true,
        kind: true,
        hash: true,
        postId: true,
        atMs: true,
        quality: true,
        createdAt: true,
        policy: { select: { code: true } },
      },
    }),
    tx.$queryRaw<{ active: bigint; lastAdded: Date | null; lastRemoved: Date | null; banksChanged: Date | null }[]>(
      sql`SELECT count(*) FILTER (WHERE "active" AND NOT "legacy") AS "active", max("createdAt") AS "lastAdded", max("deactivatedAt") AS "lastRemoved",
                 (SELECT max("updatedAt") FROM "HashBank") AS "banksChanged"
            FROM "HashBankEntry"`,
    ),
  ]);
  const stamp = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : "-");
  const version = crypto
    .createHash("sha256")
    .update(
      `${Number(summary?.active ?? 0)}:${stamp(summary?.lastAdded)}:${stamp(summary?.lastRemoved)}:${stamp(summary?.banksChanged)}`,
    )
    .digest("hex")
    .slice(0, 32);
  const items = rows.slice(0, page.limit);
  return {
    version,
    entries: items.map((e) => ({
      id: e.id,
      kind: e.kind,
      hash: e.hash,
      postId: e.postId,
      atMs: e.atMs,
      quality: e.quality,
      policyCode: e.policy?.code ?? null,
      since: e.createdAt.toISOString(),
    })),
    next: rows.length > page.limit ? items[items.length - 1]!.id : null,
  };
}
