// Applies prisma/migrations/*/migration.sql in order, once each, on PGlite and PostgreSQL alike.
// Prisma's CLI stays a development tool (generating migrations); the server never shells out to it.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Database } from "./client.ts";
import { sql } from "./sql.ts";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

// Several app servers may start at once against one PostgreSQL: an advisory lock lets one migrate at a time.
const MIGRATION_LOCK_KEY = 7_326_001;

export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  await db.sql.exec(`CREATE TABLE IF NOT EXISTS "_vigil_migrations" (
    "name" text PRIMARY KEY, "checksum" text NOT NULL, "appliedAt" timestamptz NOT NULL DEFAULT now())`);
  if (db.kind === "postgresql") await db.sql.query(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    const applied = new Map(
      (
        await db.sql.query<{ name: string; checksum: string }>(sql`SELECT "name", "checksum" FROM "_vigil_migrations"`)
      ).map((r) => [r.name, r.checksum]),
    );
    const done: string[] = [];
    for (const m of migrations) {
      const known = applied.get(m.name);
      if (known) {
        if (known !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      const name = m.name.replace(/'/g, "''");
      await db.sql.exec(
        `BEGIN;\n${m.sql}\nINSERT INTO "_vigil_migrations" ("name", "checksum") VALUES ('${name}', '${m.checksum}');\nCOMMIT;`,
      );
      done.push(m.name);
    }
    return done;
  } catch (err) {
    await db.sql.exec("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    if (db.kind === "postgresql") await db.sql.query(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}
