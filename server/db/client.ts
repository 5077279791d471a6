// Opens the database: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL says so.
// Both go through Prisma driver adapters, so the rest of the server sees one PrismaClient and one SQL dialect.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.ts";
import type { Sql } from "./sql.ts";

export type DatabaseKind = "pglite" | "postgresql";

/**
 * Runs SQL straight on the driver, outside Prisma: migrations, bulk loads and the hottest reads. `exec` takes plain
 * text (several statements allowed, no parameters); `query` takes a `sql` fragment (its text and values go to the
 * driver as they are) or one fixed statement with its parameters.
 */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(statement: Sql | string, params?: unknown[]): Promise<T[]>;
}

function textAndValues(statement: Sql | string, params: unknown[] = []): [string, unknown[]] {
  return typeof statement === "string" ? [statement, params] : [statement.text, statement.values];
}

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  sql: SqlRunner;
  /** where the data lives, for logs: a folder or a URL without its password */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: "pglite"; dataDir: string | null } | { kind: "postgresql"; url: string };

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgresql://…";
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgresql" ? openPostgres(target.url) : openPglite(target.dataDir);
}

/** A PGlite instance with the extensions the migrations use. `dataDir` null = in memory. */
export async function createPglite(dataDir: string | null, loadDataDir?: Blob | File): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  const db = new PGlite({ dataDir: dataDir ? path.resolve(dataDir) : undefined, extensions: { pg_trgm }, loadDataDir });
  await db.waitReady;
  return db;
}

/**
 * pglite-prisma-adapter is built against an older @prisma/driver-adapter-utils whose types differ only in
 * nominal details; at run time it speaks the same adapter protocol.
 */
export function pgliteAdapter(lite: PGlite): SqlDriverAdapterFactory {
  return new PrismaPGlite(lite) as unknown as SqlDriverAdapterFactory;
}

export async function openPglite(dataDir: string | null, existing?: PGlite): Promise<Database> {
  const lite = existing ?? (await createPglite(dataDir));
  const prisma = new PrismaClient({ adapter: pgliteAdapter(lite) });
  let closed = false;
  return {
    kind: "pglite",
    prisma,
    location: dataDir ? path.resolve(dataDir) : "memory",
    sql: {
      async exec(sql) {
        await lite.exec(sql);
      },
      async query<T>(statement: Sql | string, params?: unknown[]) {
        return (await lite.query(...textAndValues(statement, params))).rows as T[];
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  // Sessions run in UTC: Prisma's PostgreSQL adapter writes and reads timestamptz as UTC wall-clock times.
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.VIGIL_DB_POOL_SIZE ?? 10),
    options: "-c TimeZone=UTC",
  });
  pool.on("error", () => {
    /* an idle client lost its connection; the pool replaces it on next use */
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    kind: "postgresql",
    prisma,
    location: redactUrl(url),
    sql: {
      async exec(sql) {
        await pool.query(sql);
      },
      async query<T>(statement: Sql | string, params?: unknown[]) {
        return (await pool.query(...textAndValues(statement, params))).rows as T[];
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Creates the PostgreSQL database named in `url` if it does not exist (benchmarks, tests, first start). */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== "42P04") throw err; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}
