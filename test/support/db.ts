// Test databases: a real PGlite per test file (or PostgreSQL when TEST_DATABASE_URL is set), migrated once per
// process and cloned from a snapshot, because migrating from scratch for every file would dominate the run time.
import crypto from "node:crypto";
import {
  createPglite,
  ensurePostgresDatabase,
  openPglite,
  openPostgres,
  type Database,
} from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { seedReferenceData } from "../../server/domain/reference/reference-data.ts";

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
  if (pgUrl) return (await ownedPostgresDatabase(pgUrl, `vigil_t_${crypto.randomBytes(5).toString("hex")}`, true)).db;
  snapshot ??= migratedSnapshot();
  const lite = await createPglite(null, await snapshot);
  return openPglite(null, lite);
}

/** The PostgreSQL server multi-process tests use: PGlite is one process's database, so they always need one. */
export const SHARED_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/**
 * A migrated database of its own on SHARED_POSTGRES_URL's server, for tests that start server processes on it
 * (`url` is their DATABASE_URL). Closing `db` drops the database.
 */
export async function createSharedPostgresDatabase(
  name: string,
  opts: { seedReference?: boolean } = {},
): Promise<{ db: Database; url: string }> {
  return ownedPostgresDatabase(SHARED_POSTGRES_URL, `vigil_t_${name}_${process.pid}`, opts.seedReference ?? false);
}

async function ownedPostgresDatabase(
  baseUrl: string,
  name: string,
  seedReference: boolean,
): Promise<{ db: Database; url: string }> {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await ensurePostgresDatabase(url.toString());
  const db = await openPostgres(url.toString());
  await migrate(db);
  if (seedReference) await seedReferenceData(db);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await dropPostgresDatabase(baseUrl, name);
  };
  return { db, url: url.toString() };
}

/** Drops a database on the server `baseUrl` names (connecting to its `postgres` database to do so). */
export async function dropPostgresDatabase(baseUrl: string, name: string) {
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
