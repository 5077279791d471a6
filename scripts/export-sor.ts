// `npm run export:sor -- --out FILE [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format json|csv]`
// Writes the statements of reasons of every restrictive decision in a period (days in UTC, both included) for the
// EU DSA Transparency Database. JSON is an array of request bodies, `{ "statements": [...] }` with at most 100
// each, to POST one by one to the multiple-statements endpoint; CSV is one row per statement.
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { ensurePostgresDatabase, openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { lockDataDir } from "../server/boot.ts";
import { createLogger } from "../server/lib/logger.ts";
import { appendAudit } from "../server/domain/audit/audit-log.ts";
import { resolveAuditSeal, setAuditSeal } from "../server/domain/audit/audit-seal.ts";
import { exportStatements, newExportReport, toCsv } from "../server/domain/sor/export.ts";
import { isIsoDay } from "../server/domain/sor/validate.ts";

const USAGE = "Usage: npm run export:sor -- --out FILE [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format json|csv]";

class UsageError extends Error {}

interface Args {
  out: string;
  since?: string;
  until?: string;
  format: "json" | "csv";
}

function parseArgs(argv: string[]): Args {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(out|since|until|format)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unknown argument ${JSON.stringify(arg)}.`);
    const name = match[1]!;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === "" || (match[2] === undefined && value.startsWith("--")))
      throw new UsageError(`--${name} needs a value.`);
    if (name in values) throw new UsageError(`--${name} is given twice.`);
    values[name] = value;
  }
  if (!values.out) throw new UsageError("--out is required: the file to write.");
  for (const name of ["since", "until"] as const) {
    const v = values[name];
    if (v !== undefined && !isIsoDay(v))
      throw new UsageError(`--${name} ${JSON.stringify(v)} is not a date in the form YYYY-MM-DD.`);
  }
  if (values.since && values.until && values.until < values.since)
    throw new UsageError("--until must not be before --since.");
  const format = values.format ?? (values.out.toLowerCase().endsWith(".csv") ? "csv" : "json");
  if (format !== "json" && format !== "csv")
    throw new UsageError(`--format must be json or csv, not ${JSON.stringify(format)}.`);
  return { out: values.out, since: values.since, until: values.until, format };
}

async function main() {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  const out = path.resolve(args.out);
  if (!fs.existsSync(path.dirname(out))) {
    console.error(`The folder of --out does not exist: ${path.dirname(out)}\n${USAGE}`);
    process.exit(2);
  }

  const config = loadConfig();
  setAuditSeal(resolveAuditSeal(config.audit, config.database));
  const unlock =
    config.database.kind === "pglite" && config.database.dataDir
      ? lockDataDir(config.database.dataDir, createLogger("warn"))
      : () => {};
  // Written beside the target and renamed at the end, so a failed export never leaves a half-written file behind.
  const partial = `${out}.partial`;
  let file: number | null = null;
  try {
    file = fs.openSync(partial, "w");
    if (config.database.kind === "postgresql") await ensurePostgresDatabase(config.database.url);
    const db = await openDatabase(config.database);
    try {
      await migrate(db);
      const report = newExportReport();
      const since = args.since ? new Date(`${args.since}T00:00:00.000Z`) : undefined;
      const until = args.until ? new Date(new Date(`${args.until}T00:00:00.000Z`).getTime() + 86_400_000) : undefined;
      let batches = 0;
      // JSON opens the array of request bodies; CSV starts with its header row (toCsv of nothing).
      fs.writeSync(file, args.format === "json" ? "[" : toCsv([]));
      for await (const batch of exportStatements(db, { since, until, report })) {
        if (args.format === "json")
          fs.writeSync(file, `${batches > 0 ? "," : ""}\n${JSON.stringify({ statements: batch })}`);
        else fs.writeSync(file, toCsv(batch, { header: false }));
        batches += 1;
      }
      if (args.format === "json") fs.writeSync(file, batches > 0 ? "\n]\n" : "]\n");
      // Audited before the file appears, so no export exists that the audit log does not know of.
      await db.prisma.$transaction((tx) =>
        appendAudit(tx, {
          actorType: "system",
          action: "sor.export",
          subjectType: "sor_export",
          details: {
            via: "cli",
            since: args.since ?? null,
            until: args.until ?? null,
            format: args.format,
            count: report.exported,
            invalid: report.invalid.length,
            outsideEea: report.outsideEea,
          },
        }),
      );

      fs.closeSync(file);
      file = null;
      fs.renameSync(partial, out);

      console.log(
        `Wrote ${report.exported} statement${report.exported === 1 ? "" : "s"} in ${batches} batch${batches === 1 ? "" : "es"} to ${out}.`,
      );
      if (report.outsideEea > 0)
        console.log(`Skipped ${report.outsideEea} decision(s) that apply to no EU/EEA country.`);
      if (report.invalid.length > 0) {
        console.error(
          `Left out ${report.invalid.length} decision(s) whose statement breaks a Transparency Database rule:`,
        );
        for (const bad of report.invalid.slice(0, 50)) {
          console.error(`  decision ${bad.decisionId}: ${bad.issues.map((i) => i.message).join("; ")}`);
        }
        if (report.invalid.length > 50) console.error(`  … and ${report.invalid.length - 50} more.`);
      }
    } finally {
      await db.close();
    }
  } catch (err) {
    if (file !== null) fs.closeSync(file);
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    unlock();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
