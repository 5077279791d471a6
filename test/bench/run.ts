// `npm run bench`: every test/bench/*.bench.ts against PostgreSQL at BENCH_DATABASE_URL, one line per measure:
//   BENCH <name> value=<n> [baseline=<n> ratio=<n>]
// A baseline is measured in the same run (e.g. hand-written SQL for the same result), so ratios compare like
// with like on whatever machine runs them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensurePostgresDatabase, openPostgres } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { seedReferenceData } from "../../server/domain/reference/reference-data.ts";
import type { BenchContext, BenchModule } from "./support.ts";
import { useTestAuditSeal } from "../support/audit.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/vigil_bench";
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  await ensurePostgresDatabase(url);
  // the measured domain functions append to the audit chain, which is keyed as on a server
  useTestAuditSeal();
  const db = await openPostgres(url);
  try {
    await migrate(db);
    await seedReferenceData(db);
    const ctx: BenchContext = { db, log: (msg) => process.stderr.write(`${msg}\n`) };
    const files = fs
      .readdirSync(here)
      .filter((f) => f.endsWith(".bench.ts"))
      .sort();
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule;
      for (const measure of mod.measures) {
        if (only.length && !only.some((o) => measure.name.includes(o))) continue;
        const r = await measure.run(ctx);
        const parts = [`BENCH ${measure.name}`, `value=${round(r.value)}`];
        if (r.baseline !== undefined)
          parts.push(`baseline=${round(r.baseline)}`, `ratio=${round(r.value / r.baseline)}`);
        process.stdout.write(`${parts.join(" ")}\n`);
      }
    }
  } finally {
    await db.close();
  }
}

function round(n: number) {
  return Math.round(n * 1000) / 1000;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
