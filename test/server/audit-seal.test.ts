// What keys the audit chain and where its head is checkpointed: VIGIL_AUDIT_KEY (required on PostgreSQL), a key
// generated into the embedded database's data folder, the checkpoint loop's first step at start, and rows chained
// before the chain was keyed, which keep verifying with the old function while the rows after them must be keyed.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { ensurePostgresDatabase, openPglite, openPostgres, type Database } from "../../server/db/client.ts";
import { migrate, readMigrations } from "../../server/db/migrate.ts";
import { startServer } from "../../server/boot.ts";
import { createLogger, silentLogger } from "../../server/lib/logger.ts";
import { appendAudit, GENESIS_HASH, verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { legacyAuditHash } from "../../server/domain/audit/audit-hash.ts";
import { AUDIT_KEY_FILE, parseAuditKey, resolveAuditSeal } from "../../server/domain/audit/audit-seal.ts";
import { checkpointAuditHead } from "../../server/domain/audit/audit-verification.ts";
import { readAuditCheckpoint } from "../../server/domain/audit/audit-checkpoint.ts";
import { startAuditCheckpointWorker } from "../../server/domain/audit/audit-worker.ts";
import { createTestDatabase, dropPostgresDatabase, usingPostgres } from "../support/db.ts";
import {
  tamperWithAuditLog,
  temporaryCheckpointFile,
  TEST_AUDIT_KEY,
  TEST_AUDIT_KEY_HEX,
  useTestAuditSeal,
} from "../support/audit.ts";
import { sql } from "../../server/db/sql.ts";

const NOW = new Date("2026-11-25T09:00:00.000Z");

describe("the audit key", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-seal-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("VIGIL_AUDIT_KEY takes 32+ characters, or hex or base64 of 32+ bytes; a short one is refused without repeating it", () => {
    expect(loadConfig({ VIGIL_AUDIT_KEY: TEST_AUDIT_KEY_HEX }).audit.key).toEqual(TEST_AUDIT_KEY);
    expect(loadConfig({ VIGIL_AUDIT_KEY: TEST_AUDIT_KEY.toString("base64") }).audit.key).toEqual(TEST_AUDIT_KEY);
    const phrase = "thirty-two characters or longer!";
    expect(parseAuditKey(phrase)).toEqual(Buffer.from(phrase, "utf8"));
    expect(loadConfig({}).audit.key).toBeNull();

    const refused = (() => {
      try {
        loadConfig({ VIGIL_AUDIT_KEY: "short-secret-abc" });
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    })();
    expect(refused).toContain("VIGIL_AUDIT_KEY must be at least 32 characters, or hex or base64 of at least 32 bytes");
    expect(refused).not.toContain("short-secret-abc");
  });

  it("on PostgreSQL the key must be configured: the server refuses to start and says why", async () => {
    const config = {
      ...loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/never", VIGIL_DATA_DIR: dir }),
      port: 0,
    };
    await expect(startServer(config, createLogger("silent"))).rejects.toThrow(
      /VIGIL_AUDIT_KEY: must be set on PostgreSQL/,
    );

    const keyed = resolveAuditSeal(
      loadConfig({
        DATABASE_URL: "postgresql://x@127.0.0.1/y",
        VIGIL_AUDIT_KEY: TEST_AUDIT_KEY_HEX,
        VIGIL_DATA_DIR: dir,
      }).audit,
      config.database,
    );
    expect(keyed).toEqual({
      key: TEST_AUDIT_KEY,
      checkpointFile: path.join(dir, "audit-checkpoint.json"),
      keyFile: null,
    });
    const elsewhere = path.join(dir, "elsewhere", "head.json");
    const moved = loadConfig({
      VIGIL_AUDIT_KEY: TEST_AUDIT_KEY_HEX,
      VIGIL_AUDIT_CHECKPOINT_FILE: elsewhere,
      VIGIL_DATA_DIR: dir,
    }).audit;
    expect(resolveAuditSeal(moved, config.database).checkpointFile).toBe(elsewhere);
  });

  it("on the embedded database without a key, one is created in the data folder once, readable only by the server", () => {
    const audit = loadConfig({ VIGIL_DATA_DIR: dir }).audit;
    const first = resolveAuditSeal(audit, { kind: "pglite", dataDir: dir });
    const keyFile = path.join(dir, AUDIT_KEY_FILE);
    expect(first).toMatchObject({ keyFile, checkpointFile: path.join(dir, "audit-checkpoint.json") });
    expect(first.key.length).toBe(32);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(resolveAuditSeal(audit, { kind: "pglite", dataDir: dir }).key).toEqual(first.key);

    fs.writeFileSync(keyFile, "too short\n");
    expect(() => resolveAuditSeal(audit, { kind: "pglite", dataDir: dir })).toThrow(
      /The audit key in the data folder \(audit-key.txt\) must be at least 32 characters/,
    );
  });
});

describe("the checkpoint loop", () => {
  let db: Database;
  let checkpoint: ReturnType<typeof temporaryCheckpointFile>;
  beforeEach(async () => {
    db = await createTestDatabase();
    checkpoint = temporaryCheckpointFile();
  });
  afterEach(async () => {
    await db.close();
    checkpoint.remove();
  });

  it("checkpoints the head as soon as it starts", async () => {
    await appendAudit(
      db.prisma,
      { actorType: "system", action: "outbox.delivered", subjectType: "outbox_event", subjectId: "e1" },
      NOW,
    );
    const head = await db.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    const worker = startAuditCheckpointWorker({
      db,
      log: silentLogger,
      now: () => NOW,
      seal: { key: TEST_AUDIT_KEY, checkpointFile: checkpoint.file },
      pollMs: 3_600_000,
    });
    await worker.stop();
    expect(readAuditCheckpoint(checkpoint.file, TEST_AUDIT_KEY)).toEqual({
      state: "valid",
      checkpoint: { seq: head.id, hash: head.hash, at: NOW, legacyThrough: 0n },
    });
  });
});

/** An empty database of its own (PGlite, or PostgreSQL when the tests run there), migrated by the test itself. */
async function unmigratedDatabase(): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL;
  if (!usingPostgres() || !base) return openPglite(null);
  const name = `vigil_t_legacy_${crypto.randomBytes(4).toString("hex")}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  await ensurePostgresDatabase(url.toString());
  const db = await openPostgres(url.toString());
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await dropPostgresDatabase(base, name);
  };
  return db;
}

describe("rows chained before the chain was keyed", () => {
  let db: Database;
  let checkpoint: ReturnType<typeof temporaryCheckpointFile>;
  beforeEach(() => {
    checkpoint = temporaryCheckpointFile();
    useTestAuditSeal(checkpoint.file);
  });
  afterEach(async () => {
    await db?.close();
    checkpoint.remove();
    useTestAuditSeal();
  });

  it("keep verifying with the old function; the first keyed row links to the last of them; a keyed row rewritten unkeyed fails", async () => {
    db = await unmigratedDatabase();
    const migrations = readMigrations();
    await migrate(
      db,
      migrations.filter((m) => m.name < "0017"),
    );
    // Rows as the log wrote them before migration 0017: plain SHA-256, no hash version.
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < 3; i++) {
      const row = {
        at: new Date(NOW.getTime() + i * 1_000),
        actorType: "system" as const,
        action: "outbox.delivered",
        subjectType: "outbox_event",
        subjectId: `old-${i}`,
        details: { i },
      };
      const hash = legacyAuditHash(prevHash, row);
      // Before migration 0020 "at" holds UTC wall-clock time without a zone.
      await db.sql.query(
        sql`INSERT INTO "AuditLog" ("at", "actorType", "action", "subjectType", "subjectId", "details", "prevHash", "hash")
         VALUES (${row.at.toISOString().replace("Z", "")}::timestamp, 'system', ${row.action}, ${row.subjectType}, ${row.subjectId},
                 ${JSON.stringify(row.details)}::jsonb, ${prevHash}, ${hash})`,
      );
      prevHash = hash;
    }
    await migrate(db, migrations);

    const later = new Date(NOW.getTime() + 60_000);
    await appendAudit(
      db.prisma,
      [1, 2].map((i) => ({
        actorType: "system" as const,
        action: "outbox.delivered",
        subjectType: "outbox_event",
        subjectId: `new-${i}`,
      })),
      later,
    );
    const rows = await db.prisma.auditLog.findMany({
      orderBy: { id: "asc" },
      select: { id: true, hashVersion: true, prevHash: true, hash: true },
    });
    expect(rows.map((r) => r.hashVersion)).toEqual([1, 1, 1, 2, 2]);
    expect(rows[3]!.prevHash).toBe(rows[2]!.hash);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true, checked: 5 });

    const first = await checkpointAuditHead(db, { now: later });
    expect(first.written).toMatchObject({ seq: rows[4]!.id, legacyThrough: rows[2]!.id });

    // Downgrade: every keyed row recomputed with the unkeyed function and marked unkeyed. The links all hold, and
    // no keyed row is left before them; the first checkpoint fixed where unkeyed rows end.
    await tamperWithAuditLog(db, async () => {
      let prev = rows[2]!.hash;
      for (const row of await db.prisma.auditLog.findMany({
        where: { id: { gt: rows[2]!.id } },
        orderBy: { id: "asc" },
      })) {
        const hash = legacyAuditHash(prev, {
          ...row,
          subjectId: `${row.subjectId}-rewritten`,
          details: row.details as Record<string, unknown>,
        });
        await db.prisma.auditLog.update({
          where: { id: row.id },
          data: { subjectId: `${row.subjectId}-rewritten`, prevHash: prev, hash, hashVersion: 1 },
        });
        prev = hash;
      }
    });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
    const outcome = await checkpointAuditHead(db, { now: new Date(later.getTime() + 30_000) });
    expect(outcome).toMatchObject({ held: false, problem: "checkpoint_hash_differs", brokenAtSeq: rows[4]!.id });
    const cp = readAuditCheckpoint(checkpoint.file, TEST_AUDIT_KEY);
    expect(
      cp.state === "valid" && (await verifyAuditChain(db.prisma, { legacyThrough: cp.checkpoint.legacyThrough })),
    ).toMatchObject({
      ok: false,
      problem: "unkeyed_row",
      brokenAtId: rows[3]!.id,
    });
  });
});
