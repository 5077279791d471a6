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
