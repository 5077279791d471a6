// Importing a hash list of 1,000,000 `pdq,<hex>` lines into a bank through importHashList (read and checked
// whole, the bank's own entries probed so no hash is banked twice, then written in one transaction), seconds; the
// progress a bank page would see is polled from another connection and logged.
//
// The import writes its rows in chunks of 20,000 inside one transaction, invisible to other connections until it
// commits; its progress is written from outside it. An import still running after BENCH_IMPORT_CAP_S seconds is
// cancelled: its value is then the cap, a lower bound (the log says so), and the rest of the benchmarks still run.
//
// Baseline: the floor of writing the same rows: the same 1M entries (same hashes and columns, ids of the same
// kind) into the same table, with its trigger and indexes, in one plain INSERT … SELECT FROM unnest of two arrays.
import crypto from "node:crypto";
import { importHashList } from "../../server/domain/hashbank/hash-list-import.ts";
import { uuidv7 } from "../../server/lib/ids.ts";
import type { BenchContext, Measure } from "./support.ts";

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const CHUNK_LINES = 10_000;
const CAP_S = Number(process.env.BENCH_IMPORT_CAP_S ?? 120);

async function benchAdmin(ctx: BenchContext) {
  return ctx.db.prisma.staffUser.upsert({
    where: { email: "hash-import-bench@vigil.test" },
    update: {},
    create: {
      email: "hash-import-bench@vigil.test",
      displayName: "Hash import bench",
      role: "admin",
      passwordHash: "x",
    },
  });
}

async function removeBank(ctx: BenchContext, bankId: string) {
  await ctx.db.sql.query(`DELETE FROM "HashBankEntry" WHERE "bankId" = $1`, [bankId]);
  await ctx.db.sql.query(`DELETE FROM "HashRetroScan" WHERE "bankId" = $1`, [bankId]);
  await ctx.db.sql.query(`DELETE FROM "HashListImport" WHERE "bankId" = $1`, [bankId]);
  await ctx.db.sql.query(`DELETE FROM "HashBank" WHERE "id" = $1`, [bankId]);
}

export const measures: Measure[] = [
  {
    name: "hash_import_1m_s",
    async run(ctx) {
      const admin = await benchAdmin(ctx);
      const run = `hi${Date.now().toString(36)}`;
      const hashes = crypto.randomBytes(32 * LINES).toString("hex");
      const hashAt = (i: number) => hashes.slice(i * 64, i * 64 + 64);
      const chunks: string[] = [];
      for (let i = 0; i < LINES; i += CHUNK_LINES) {
        let text = "";
        for (let j = i; j < Math.min(LINES, i + CHUNK_LINES); j++) text += `pdq,${hashAt(j)}\n`;
        chunks.push(text);
      }
      const bank = await ctx.db.prisma.hashBank.create({
        data: { name: `bench import ${run}`, kind: "removed_content" },
      });
      const floor = await ctx.db.prisma.hashBank.create({
        data: { name: `bench import ${run} floor`, kind: "removed_content" },
      });
      try {
        let importing = true;
        const seen: string[] = [];
        let writer: { pid: number; started: string } | undefined;
        let cancelled = false;
        const started = performance.now();
        const poll = (async () => {
          let last = "";
          while (importing) {
            const at = performance.now() - started;
            const [row] = await ctx.db.sql.query<{ status: string; lines: number; entries: number; planned: number }>(
              `SELECT "status"::text AS "status", "lines", "entries", "planned" FROM "HashListImport" WHERE "bankId" = $1`,
              [bank.id],
            );
            const now = row ? `${row.status} lines=${row.lines} entries=${row.entries} of ${row.planned}` : "";
            if (row && now !== last) {
              last = now;
              seen.push(`${(at / 1000).toFixed(1)} s: ${now}`);
            }
            const [w] = await ctx.db.sql.query<{ pid: number; started: string }>(
              `SELECT "pid", "query_start"::text AS "started" FROM pg_stat_activity
                WHERE "datname" = current_database() AND "state" = 'active' AND "pid" <> pg_backend_pid()
                  AND "query" LIKE 'INSERT INTO "HashBankEntry"%unnest%'`,
            );
            if (w) writer = w;
            if (at > CAP_S * 1000 && writer && !cancelled) {
              cancelled = true;
              await ctx.db.sql.query(`SELECT pg_cancel_backend($1)`, [writer.pid]);
            }
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        let outcome: Awaited<ReturnType<typeof importHashList>> | undefined;
        try {
          outcome = await importHashList(
            ctx.db,
            { bankId: bank.id, source: "bench", listDate: null, fileName: "bench.csv" },
            (async function* () {
              yield* chunks;
            })(),
            { id: admin.id },
            () => new Date(),
          );
        } catch (err) {
          if (!cancelled) throw err;
        } finally {
          importing = false;
          await poll;
        }
        let value = (performance.now() - started) / 1000;
        ctx.log(`bench: hash import progress seen from another connection: ${seen.length} updates`);
        for (const s of seen) ctx.log(`bench:   ${s}`);
        if (cancelled) {
          ctx.log(
            `bench: hash import DID NOT FINISH: cancelled after ${CAP_S} s; its value is that lower bound, not a time to import`,
          );
        } else if (outcome?.status !== "done" || outcome.entries !== LINES)
          throw new Error(`hash_import_1m_s: ${JSON.stringify({ ...outcome, errors: outcome?.errors.slice(0, 3) })}`);

        const t = performance.now();
        const ids = Array.from({ length: LINES }, () => uuidv7());
        const list = Array.from({ length: LINES }, (_, i) => hashAt(i));
        await ctx.db.sql.query(
          `INSERT INTO "HashBankEntry" ("id", "bankId", "kind", "signalType", "hash", "itemId", "quality", "active", "createdAt")
           SELECT x.id, $1, 'perceptual', 'pdq', x.hash, x.id::text, 100, true, now()
             FROM unnest($2::uuid[], $3::text[]) AS x(id, hash)`,
          [floor.id, ids, list],
        );
        const baseline = (performance.now() - t) / 1000;
        return { value, baseline };
      } finally {
        await removeBank(ctx, bank.id);
        await removeBank(ctx, floor.id);
      }
    },
  },
];
