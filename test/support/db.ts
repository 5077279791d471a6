// Test databases: a real PGlite per test file (or PostgreSQL when TEST_DATABASE_URL is set), migrated once per
// process and cloned from a snapshot, because migrating from scratch for every file would dominate the run time.
import crypto from "node:crypto";
import { createPglite, ensurePostgresDatabase, openPglite, openPostgres, type Database } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { seedReferenceData } from "../../prisma/seed/reference.ts";

let snapshot: Promise<Blob> | undefined;

async function migratedSnapshot(): Promise<Blob> {
  const lite = await createPglite(null);
  const db = await openPglite(null, lite);
  await migrate(db);
  await seedReferenceData(db);
  const dump = await lite.dumpDataDir("none");
  await db.close();
  return dump;
}

export function usingPostgres(): boolean {
  return !!process.env.TEST_DATABASE_URL;
}

/**
 * A fresh, migrated database with the reference data (policies, queue settings). On PostgreSQL each call gets
 * its own schema-isolated database so test files can run in parallel.
 */
export async function createTestDatabase(): Promise<Database> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const url = new URL(pgUrl);
    const name = `vigil_t_${crypto.randomBytes(5).toString("hex")}`;
    url.pathname = `/${name}`;
    await ensurePostgresDatabase(url.toString());
    const db = await openPostgres(url.toString());
    await migrate(db);
    await seedReferenceData(db);
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      await dropPostgresDatabase(pgUrl, name);
    };
    return db;
  }
  snapshot ??= migratedSnapshot();
  const lite = await createPglite(null, await snapshot);
  return openPglite(null, lite);
}

async function dropPostgresDatabase(baseUrl: string, name: string) {
  const { default: pg } = await import("pg");
  const admin = new URL(baseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
