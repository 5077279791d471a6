// The schema snapshot: the newest migration folder keeps the prisma/schema.prisma its migration was generated
// from (one copy, moved forward with each new migration). The next migration is then the difference between two
// datamodels and needs no database: Prisma's CLI cannot diff a live database through a driver adapter.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { MIGRATIONS_DIR, readMigrations } from "../server/db/migrate.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const SNAPSHOT_FILE = "schema.prisma";
const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");
const run = promisify(execFile);

/** Runs the Prisma CLI in the project root (with its prisma.config.ts unless `--config` says otherwise). */
export async function prismaCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr;
    throw new Error(`prisma ${args.slice(0, 2).join(" ")} failed:\n${stderr || (err as Error).message}`);
  }
}

/** The SQL that takes the database of datamodel `from` (null: an empty database) to that of `to`; "" if none. */
export async function datamodelDiff(from: string | null, to: string): Promise<string> {
  const out = await prismaCli([
    "migrate",
    "diff",
    ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
    "--to-schema-datamodel",
    to,
    "--script",
  ]);
  const sql = out.trim();
  return sql.startsWith("-- This is an empty migration") ? "" : sql;
}

export interface SnapshotPlace {
  /** the newest migration folder's name, null when there are no migrations */
  newest: string | null;
  /** the snapshot's path, null when there are no migrations */
  snapshot: string | null;
}

/** Finds the one snapshot and checks it sits in the newest migration folder; throws saying what to fix. */
export function findSnapshot(migrationsDir = MIGRATIONS_DIR): SnapshotPlace {
  const names = readMigrations(migrationsDir).map((m) => m.name);
  const newest = names[names.length - 1] ?? null;
  const holders = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(migrationsDir, e.name, SNAPSHOT_FILE)))
    .map((e) => e.name)
    .sort();
  const where = (name: string) => path.relative(ROOT, path.join(migrationsDir, name, SNAPSHOT_FILE));
  if (holders.length > 1) {
    throw new Error(`Only the newest migration keeps a schema snapshot; found ${holders.map(where).join(", ")}.`);
  }
  if (!newest) {
    if (holders.length) throw new Error(`${where(holders[0]!)} is a snapshot without a migration.`);
    return { newest: null, snapshot: null };
  }
  if (holders[0] !== newest) {
    throw new Error(
      holders.length
        ? `The schema snapshot is ${where(holders[0]!)}, but the newest migration is ${newest}: move it there once it ` +
            `describes what ${newest} builds.`
        : `${where(newest)} is missing: the newest migration keeps the schema it builds.`,
    );
  }
  return { newest, snapshot: path.join(migrationsDir, newest, SNAPSHOT_FILE) };
}

/**
 * Writes `<NNNN>_<name>/migration.sql` taking the snapshot's schema to `schemaPath`, and moves the snapshot there
 * as a copy of `schemaPath`. Returns the new folder, or null when the schema builds the same database.
 */
export async function writeMigration(
  name: string,
  { migrationsDir = MIGRATIONS_DIR, schemaPath = SCHEMA_PATH }: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<string | null> {
  const { newest, snapshot } = findSnapshot(migrationsDir);
  const sql = await datamodelDiff(snapshot, schemaPath);
  if (!sql) {
    // Only comments or client-side attributes changed: keep the snapshot a true copy.
    if (snapshot && fs.readFileSync(snapshot, "utf8") !== fs.readFileSync(schemaPath, "utf8")) {
      fs.copyFileSync(schemaPath, snapshot);
    }
    return null;
  }
  const number = newest ? Number.parseInt(newest, 10) + 1 : 1;
  const dir = path.join(migrationsDir, `${String(number).padStart(4, "0")}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  fs.copyFileSync(schemaPath, path.join(dir, SNAPSHOT_FILE));
  if (snapshot) fs.rmSync(snapshot);
  return dir;
}
