// `npm run db:migration:new -- <name>`: writes prisma/migrations/<NNNN>_<name>/migration.sql with the SQL that
// takes the schema of the newest migration to the current prisma/schema.prisma. Each migration folder keeps the
// schema it produced (schema.prisma), so the diff is between two datamodels and needs no database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "../server/db/migrate.ts";

const root = path.resolve(import.meta.dirname, "..");

function main() {
  const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
  if (!name) throw new Error("Usage: npm run db:migration:new -- <name>");
  const migrations = readMigrations();
  const last = migrations[migrations.length - 1];
  const from = last ? path.join(MIGRATIONS_DIR, last.name, "schema.prisma") : null;
  if (from && !fs.existsSync(from)) throw new Error(`${path.relative(root, from)} is missing; it records the schema of that migration.`);

  const diff = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 },
  );
  if (diff.status !== 0) throw new Error(`prisma migrate diff failed:\n${diff.stderr}`);
  const sql = diff.stdout.trim();
  if (!sql || sql.startsWith("-- This is an empty migration")) {
    console.log("The schema matches the newest migration; nothing to write.");
    return;
  }
  const dir = path.join(MIGRATIONS_DIR, `${String(migrations.length + 1).padStart(4, "0")}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  fs.copyFileSync(path.join(root, "prisma/schema.prisma"), path.join(dir, "schema.prisma"));
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql — review it (and add what Prisma cannot express) before committing.`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
