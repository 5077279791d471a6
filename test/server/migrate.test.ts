// Vigil's migration runner: applies each migration once, in order, and refuses edited history.
import { describe, expect, it } from "vitest";
import { openPglite } from "../../server/db/client.ts";
import { migrate, readMigrations } from "../../server/db/migrate.ts";

describe("migrations", () => {
  it("apply once; a second run applies nothing", async () => {
    const db = await openPglite(null);
    try {
      const all = readMigrations();
      expect(await migrate(db)).toEqual(all.map((m) => m.name));
      expect(await migrate(db)).toEqual([]);
      const tables = await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Case', 'Signal', 'AuditLog', 'OutboxEvent')`,
      );
      expect(tables[0]!.n).toBe(4);
    } finally {
      await db.close();
    }
  });

  it("refuse to run when an applied migration was edited", async () => {
    const db = await openPglite(null);
    try {
      const all = readMigrations();
      await migrate(db, all);
      const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: "different" } : m));
      await expect(migrate(db, edited)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.close();
    }
  });

  it("give every existing decision the authority it was taken with", async () => {
    const db = await openPglite(null);
    try {
      const all = readMigrations();
      await migrate(
        db,
        all.filter((m) => m.name < "0016"),
      );
      const person = (role: "moderator" | "staff" | "admin") =>
        db.prisma.staffUser.create({
          data: { email: `${role}@vigil.test`, displayName: role, role, passwordHash: "x" },
          select: { id: true },
        });
      const [moderator, staff, admin] = [await person("moderator"), await person("staff"), await person("admin")];
      const at = new Date("2026-11-01T00:00:00Z");
      await db.prisma.account.create({ data: { id: "a1", handle: "a1", displayName: "A", createdAt: at } });
      await db.prisma.post.create({
        data: {
          id: "p1",
          creatorId: "a1",
          prompt: "p",
          durationMs: 1,
          posterUrl: "/p.svg",
          contentHash: "0".repeat(64),
          createdAt: at,
        },
      });
      const takedownCase = await db.prisma.case.create({
        data: { queue: "takedown", subjectType: "post", subjectKey: "post:p1", postId: "p1", status: "resolved" },
      });
      const reportCase = await db.prisma.case.create({
        data: { queue: "user_report", subjectType: "post", subjectKey: "post:p1", postId: "p1" },
      });
      const request = await db.prisma.takedownRequest.create({
        data: {
          reference: "TD-MIGR-0001",
          type: "take_it_down",
          status: "actioned",
          source: "platform",
          authority: "self",
          receivedAt: at,
          caseId: takedownCase.id,
        },
      });
      const decision = async (
        label: string,
        d: { type: string; subjectType: string; actorId: string | null; caseId?: string; takedownRequestId?: string },
      ) => {
        await db.sql.query(
          `INSERT INTO "Decision" ("id", "type", "subjectType", "postId", "accountId", "caseId", "takedownRequestId", "actorId", "reason", "createdAt")
           VALUES (gen_random_uuid(), $1::"ActionType", $2::"SubjectType", 'p1', 'a1', $3::uuid, $4::uuid, $5::uuid, $6, now())`,
          [d.type, d.subjectType, d.caseId ?? null, d.takedownRequestId ?? null, d.actorId, label],
        );
      };
      await decision("on the request", {
        type: "take_down_post",
        subjectType: "post",
        actorId: staff.id,
        takedownRequestId: request.id,
      });
      await decision("on the request's case", {
        type: "hold_post",
        subjectType: "post",
        actorId: staff.id,
        caseId: takedownCase.id,
      });
      await decision("about the account, on the request's case", {
        type: "suspend_account",
        subjectType: "account",
        actorId: staff.id,
        caseId: takedownCase.id,
      });
      await decision("by nobody", {
        type: "take_down_post",
        subjectType: "post",
        actorId: null,
        caseId: reportCase.id,
      });
      await decision("by a moderator", {
        type: "take_down_post",
        subjectType: "post",
        actorId: moderator.id,
        caseId: reportCase.id,
      });
      await decision("by staff", { type: "ban_account", subjectType: "account", actorId: staff.id });
      await decision("by an admin", {
        type: "take_down_post",
        subjectType: "post",
        actorId: admin.id,
        caseId: reportCase.id,
      });

      await migrate(db, all);
      const rows = await db.sql.query<{ reason: string; authority: string }>(
        `SELECT "reason", "authority"::text AS "authority" FROM "Decision"`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.reason, r.authority]))).toEqual({
        "on the request": "legal",
        "on the request's case": "legal",
        "about the account, on the request's case": "staff",
        "by nobody": "automated",
        "by a moderator": "moderator",
        "by staff": "staff",
        "by an admin": "staff",
      });
    } finally {
      await db.close();
    }
  });

  it("keep at most one unresolved case per subject and queue", async () => {
    const db = await openPglite(null);
    try {
      await migrate(db);
      const insert = (status: string) =>
        db.sql.query(
          `INSERT INTO "Case" ("id", "queue", "subjectType", "subjectKey", "status", "updatedAt")
           VALUES (gen_random_uuid(), 'user_report', 'post', 'post:p1', $1::"CaseStatus", now())`,
          [status],
        );
      await insert("resolved");
      await insert("open");
      await expect(insert("claimed")).rejects.toThrow(/Case_open_subject_queue_key/);
      await insert("resolved");
    } finally {
      await db.close();
    }
  });
});
