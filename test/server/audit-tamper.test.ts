// The audit log against someone who holds the database but not the audit key or the checkpoint file: the
// database refuses changes, and each way round that (editing a row as a superuser, editing and re-chaining it,
// deleting the newest rows) makes `audit.verify` fail, naming the first row that does not hold.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { appendAudit, GENESIS_HASH } from "../../server/domain/audit/audit-log.ts";
import { auditHash, legacyAuditHash, type HashedAuditRow } from "../../server/domain/audit/audit-hash.ts";
import { checkpointAuditHead } from "../../server/domain/audit/audit-verification.ts";
import { readAuditCheckpoint } from "../../server/domain/audit/audit-checkpoint.ts";
import { staffAuditActor } from "../../server/domain/audit/staff-actor.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { tamperWithAuditLog, temporaryCheckpointFile, TEST_AUDIT_KEY, useTestAuditSeal } from "../support/audit.ts";

const WRONG_KEY = Buffer.from("a key that is not the audit key, 32+ bytes long", "utf8");

describe("audit log tampering", () => {
  let db: Database;
  let admin: SessionUser;
  let checkpoint: ReturnType<typeof temporaryCheckpointFile>;
  let clock: number;
  const now = () => new Date(clock);
  const later = (ms = 1_000) => {
    clock += ms;
  };
  const seal = () => ({ key: TEST_AUDIT_KEY, checkpointFile: checkpoint.file });
  const verify = () => callerFor(db, admin, { now }).audit.verify();
  const status = () => callerFor(db, admin, { now }).audit.status();
  const step = () => checkpointAuditHead(db, { now: now(), seal: seal() });

  beforeEach(async () => {
    clock = Date.parse("2026-11-25T09:00:00.000Z");
    checkpoint = temporaryCheckpointFile();
    useTestAuditSeal(checkpoint.file);
    db = await createTestDatabase();
    admin = await createStaff(db, "admin", "Ada Admin");
  });
  afterEach(async () => {
    await db.close();
    checkpoint.remove();
    useTestAuditSeal();
  });

  /** Staff notes on cases, one a second; returns the new rows' ids. */
  async function writeRows(n: number): Promise<bigint[]> {
    for (let i = 0; i < n; i++) {
      later();
      await appendAudit(
        db.prisma,
        {
          ...staffAuditActor(admin),
          action: "case.note",
          subjectType: "case",
          subjectId: `case-${clock}`,
          details: { n: i },
        },
        now(),
      );
    }
    const rows = await db.prisma.auditLog.findMany({ orderBy: { id: "desc" }, take: n, select: { id: true } });
    return rows.map((r) => r.id).reverse();
  }

  const rowsFrom = (id: bigint) => db.prisma.auditLog.findMany({ where: { id: { gte: id } }, orderBy: { id: "asc" } });

  /** What someone with write access to the database could do: recompute every hash from `fromId` on. */
  async function rechainFrom(
    fromId: bigint,
    hash: (prevHash: string, row: HashedAuditRow) => string,
    hashVersion?: number,
  ) {
    await tamperWithAuditLog(db, async () => {
      const before = await db.prisma.auditLog.findFirst({ where: { id: { lt: fromId } }, orderBy: { id: "desc" } });
      let prevHash = before?.hash ?? GENESIS_HASH;
      for (const row of await rowsFrom(fromId)) {
        const next = hash(prevHash, { ...row, details: row.details as Record<string, unknown> });
        await db.prisma.auditLog.update({
          where: { id: row.id },
          data: { prevHash, hash: next, ...(hashVersion ? { hashVersion } : {}) },
        });
        prevHash = next;
      }
    });
  }

  const editRow = (id: bigint) =>
    tamperWithAuditLog(db, () =>
      db.prisma.auditLog.update({ where: { id }, data: { details: { n: "rewritten" }, ip: "10.9.9.9" } }),
    );

  it("the database refuses UPDATE, DELETE and TRUNCATE on audit rows, and deleting a staff member who has them", async () => {
    const [first] = await writeRows(3);
    const before = await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } });

    await expect(db.prisma.auditLog.update({ where: { id: first! }, data: { ip: "10.9.9.9" } })).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.prisma.auditLog.deleteMany({ where: { id: { gte: first! } } })).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.sql.exec(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(db.sql.query(`UPDATE "AuditLog" SET "hash" = $1`, [GENESIS_HASH])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.prisma.staffUser.delete({ where: { id: admin.id } })).rejects.toThrow(/foreign key/i);

    expect(await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect((await verify()).held).toBe(true);
  });

  it("an intact chain holds against its checkpoint; the check is recorded with who ran it and audited", async () => {
    await writeRows(5);
    const first = await step();
    expect(first).toMatchObject({ held: true, scope: "full", checked: 5 });
    await writeRows(2);

    const result = await verify();
    expect(result).toMatchObject({
      held: true,
      checked: 7,
      brokenAtSeq: null,
      problem: null,
      checkpointSeq: first.written!.seq.toString(),
    });
    const audited = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "audit.verified" } });
    expect(audited).toMatchObject({ actorId: admin.id, details: { held: true, checked: 7 } });

    const seen = await status();
    expect(seen.lastCheck).toMatchObject({ held: true, scope: "full", by: { displayName: "Ada Admin" }, at: now() });
    expect(seen.checkpoint).toMatchObject({ state: "valid", seq: first.written!.seq.toString() });
    expect(seen.head?.seq).toBe(audited.id.toString());
  });

  it("1. an edited row (the trigger bypassed) breaks the chain at that row", async () => {
    const ids = await writeRows(6);
    await step();
    await editRow(ids[2]!);

    const result = await verify();
    expect(result).toMatchObject({ held: false, brokenAtSeq: ids[2]!.toString(), problem: "content_changed" });
    expect(result.summary).toBe(
      `Row #${ids[2]} was changed after it was written: its hash no longer matches its content.`,
    );
    const seen = await status();
    expect(seen.lastCheck).toMatchObject({
      held: false,
      brokenAtSeq: ids[2]!.toString(),
      by: { displayName: "Ada Admin" },
    });
  });

  it("2. an edited row re-chained with the project's hash function but a wrong key breaks at that row", async () => {
    const ids = await writeRows(6);
    await step();
    await editRow(ids[2]!);
    await rechainFrom(ids[2]!, (prev, row) => auditHash(WRONG_KEY, prev, row));

    // every link is consistent; only the key tells the rows apart
    const rows = await rowsFrom(ids[0]!);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verify()).toMatchObject({ held: false, brokenAtSeq: ids[2]!.toString(), problem: "content_changed" });
  });

  it("2. re-chaining with the old unkeyed function breaks at the edited row, whether or not the rows claim to be unkeyed", async () => {
    const ids = await writeRows(6);
    await step();
    await editRow(ids[3]!);
    await rechainFrom(ids[3]!, legacyAuditHash);
    expect(await verify()).toMatchObject({ held: false, brokenAtSeq: ids[3]!.toString(), problem: "content_changed" });

    await rechainFrom(ids[3]!, legacyAuditHash, 1);
    expect(await verify()).toMatchObject({ held: false, brokenAtSeq: ids[3]!.toString(), problem: "unkeyed_row" });
  });

  it("2. even re-chained with the right key, the rewritten chain no longer contains the checkpointed row", async () => {
    const ids = await writeRows(6);
    const cp = (await step()).written!;
    await editRow(ids[1]!);
    await rechainFrom(ids[1]!, (prev, row) => auditHash(TEST_AUDIT_KEY, prev, row));

    expect(await verify()).toMatchObject({
      held: false,
      brokenAtSeq: cp.seq.toString(),
      problem: "checkpoint_hash_differs",
    });
    expect(await step()).toMatchObject({ held: false, problem: "checkpoint_hash_differs", written: null });
  });

  it("3. deleting the newest rows after a checkpoint is detected, also once new rows follow; the checkpoint is not moved back", async () => {
    const ids = await writeRows(8);
    const cp = (await step()).written!;
    expect(cp.seq).toBe(ids[7]);
    const fileBefore = fs.readFileSync(checkpoint.file, "utf8");

    await tamperWithAuditLog(db, () => db.prisma.auditLog.deleteMany({ where: { id: { gte: ids[5]! } } }));
    expect(await verify()).toMatchObject({
      held: false,
      brokenAtSeq: cp.seq.toString(),
      problem: "checkpoint_row_missing",
    });
    expect((await verify()).summary).toBe(
      `Row #${cp.seq}, the checkpointed head of the chain, is missing: the newest rows were deleted.`,
    );

    // new rows link to the last row left, so the chain itself looks whole; the checkpoint still tells
    await writeRows(4);
    later(30_000);
    expect(await step()).toMatchObject({
      held: false,
      scope: "since_checkpoint",
      problem: "checkpoint_row_missing",
      written: null,
    });
    expect(fs.readFileSync(checkpoint.file, "utf8")).toBe(fileBefore);
    expect(await verify()).toMatchObject({
      held: false,
      brokenAtSeq: cp.seq.toString(),
      problem: "checkpoint_row_missing",
    });
    expect((await status()).lastCheck).toMatchObject({ held: false, problem: "checkpoint_row_missing" });
  });

  it("the checkpoint loop checks only the rows since the last checkpoint and catches an edit among them", async () => {
    await writeRows(4);
    const first = await step();
    expect(first).toMatchObject({ held: true, scope: "full", checked: 4 });
    const ids = await writeRows(3);
    later(30_000);
    const second = await step();
    expect(second).toMatchObject({
      held: true,
      scope: "since_checkpoint",
      checked: 3,
      throughSeq: ids[2],
      checkpoint: { seq: first.written!.seq },
    });
    expect(second.written).toMatchObject({ seq: ids[2], at: now() });

    const more = await writeRows(2);
    await editRow(more[0]!);
    later(30_000);
    expect(await step()).toMatchObject({
      held: false,
      brokenAtSeq: more[0],
      problem: "content_changed",
      written: null,
    });
    const kept = readAuditCheckpoint(checkpoint.file, TEST_AUDIT_KEY);
    expect(kept).toMatchObject({ state: "valid", checkpoint: { seq: ids[2] } });
    expect((await status()).lastCheck).toMatchObject({
      held: false,
      scope: "since_checkpoint",
      by: null,
      brokenAtSeq: more[0]!.toString(),
    });
  });

  it("the checkpoint is written atomically, readable only by the server, and a checkpoint not signed with the key fails the check", async () => {
    await writeRows(3);
    const cp = (await step()).written!;
    expect(fs.statSync(checkpoint.file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(checkpoint.file))).toEqual(["audit-checkpoint.json"]);

    // someone with the database only: point the checkpoint at an earlier row to hide deleting the ones after it
    const forged = JSON.parse(fs.readFileSync(checkpoint.file, "utf8")) as Record<string, string>;
    const earlier = await db.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "asc" } });
    fs.writeFileSync(checkpoint.file, JSON.stringify({ ...forged, seq: earlier.id.toString(), hash: earlier.hash }));
    expect(readAuditCheckpoint(checkpoint.file, TEST_AUDIT_KEY)).toEqual({ state: "invalid" });
    expect(await verify()).toMatchObject({ held: false, problem: "checkpoint_invalid", brokenAtSeq: null });
    expect(await step()).toMatchObject({ held: false, problem: "checkpoint_invalid", written: null });
    expect((await status()).checkpoint).toEqual({ state: "invalid", seq: null, at: null });

    fs.writeFileSync(checkpoint.file, JSON.stringify(forged));
    expect(readAuditCheckpoint(checkpoint.file, WRONG_KEY)).toEqual({ state: "invalid" });
    expect(readAuditCheckpoint(checkpoint.file, TEST_AUDIT_KEY)).toMatchObject({
      state: "valid",
      checkpoint: { seq: cp.seq },
    });
  });

  it("keeps a week of the loop's held checks, and every broken one", async () => {
    await writeRows(2);
    await step();
    const ids = await writeRows(1);
    await editRow(ids[0]!);
    later();
    await step();
    later(8 * 24 * 3_600_000);
    await step();
    const checks = await db.prisma.auditVerification.findMany({
      orderBy: { id: "asc" },
      select: { held: true, at: true },
    });
    expect(checks).toEqual([
      { held: false, at: new Date(Date.parse("2026-11-25T09:00:04.000Z")) },
      { held: false, at: now() },
    ]);
  });
});
