// An import's progress while its list is written: the entries are written in one transaction, invisible until it
// commits, so the counts the bank page reads must come from outside it. On PostgreSQL (another connection reads
// the import's row after each chunk; PGlite has one connection), whichever pass the suite is in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { importHashList } from "../../server/domain/hashbank/hash-list-import.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { hex } from "../support/hashes.ts";

describe("hash list import progress", () => {
  let db: Database;

  beforeAll(async () => {
    ({ db } = await createSharedPostgresDatabase("importprogress", { seedReference: true }));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it("shows entries written of those planned while the list is written, and none of the entries until it commits", async () => {
    const admin = await createStaff(db, "admin");
    const bank = await callerFor(db, admin).hashBank.createBank({ name: "Progress", kind: "ncii" });
    const lines = 45_000;
    let text = "";
    for (let i = 0; i < lines; i++) text += `pdq,${hex()}\n`;
    const seen: { status: string; lines: number; entries: number; planned: number; visible: number }[] = [];

    const outcome = await importHashList(
      db,
      { bankId: bank.id, source: "test", listDate: null, fileName: "progress.csv" },
      (async function* () {
        yield text;
      })(),
      { id: admin.id },
      () => new Date(),
      {
        afterChunk: async () => {
          const [row] = await db.sql.query<{ status: string; lines: number; entries: number; planned: number }>(
            `SELECT "status"::text AS "status", "lines", "entries", "planned" FROM "HashListImport" WHERE "bankId" = $1`,
            [bank.id],
          );
          const [count] = await db.sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "HashBankEntry" WHERE "bankId" = $1`,
            [bank.id],
          );
          seen.push({ ...row!, visible: count!.n });
        },
      },
    );

    expect(outcome).toMatchObject({ status: "done", lines, entries: lines, errorCount: 0 });
    expect(seen).toEqual([
      { status: "running", lines, entries: 20_000, planned: lines, visible: 0 },
      { status: "running", lines, entries: 40_000, planned: lines, visible: 0 },
      { status: "running", lines, entries: lines, planned: lines, visible: 0 },
    ]);
    const [after] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "HashBankEntry" WHERE "bankId" = $1`,
      [bank.id],
    );
    expect(after!.n).toBe(lines);
  });
});
