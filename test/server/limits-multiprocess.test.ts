// The mutation budget and the held-case cap are kept in the database, so they hold for one reviewer whose
// requests land on two server processes at once. (PGlite belongs to one process, so this runs on PostgreSQL.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { insertCase, insertManyCases } from "../support/fixtures.ts";

const BURST = 40;
const MAX_HELD = 5;

describe("request limits across two server processes", () => {
  let db: Database;
  let url: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ db, url } = await createSharedPostgresDatabase("limits", { seedReference: true }));
    // One token a minute after the burst: within this test's requests the refill adds at most one.
    const env = {
      DATABASE_URL: url,
      VIGIL_MUTATIONS_PER_MINUTE: "1",
      VIGIL_MUTATION_BURST: String(BURST),
      VIGIL_MAX_HELD_CASES: String(MAX_HELD),
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
  });

  // The server processes run on the real clock, so the session is opened on it too.
  const cookieFor = async (name: string) =>
    `vigil_session=${await sessionTokenFor(db, await createStaff(db, "moderator", name), new Date())}`;
  const mutate = (i: number, cookie: string, path: string, input: unknown) =>
    fetch(`${servers[i % 2]!.url}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(input),
    });

  it(
    "100 concurrent notes by one reviewer over both servers: the burst and no more",
    { timeout: 120_000 },
    async () => {
      const cookie = await cookieFor("Ana Lima");
      const c = await insertCase(db, { deadlineAt: null });
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => mutate(i, cookie, "case.addNote", { caseId: c.id, body: `note ${i}` })),
      );
      const accepted = answers.filter((r) => r.status === 200).length;
      expect(accepted).toBeGreaterThanOrEqual(BURST);
      expect(accepted).toBeLessThanOrEqual(BURST + 1);
      expect(answers.filter((r) => r.status === 429)).toHaveLength(100 - accepted);
      expect(answers.filter((r) => r.status === 429).every((r) => Number(r.headers.get("retry-after")) >= 1)).toBe(
        true,
      );
      expect(await db.prisma.caseNote.count({ where: { caseId: c.id } })).toBe(accepted);
    },
  );

  it(
    "100 concurrent next-case requests by one reviewer over both servers claim at most the cap",
    { timeout: 120_000 },
    async () => {
      await insertManyCases(db, 120, "user_report");
      const cookie = await cookieFor("Ben Okoro");
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => mutate(i, cookie, "case.next", { queue: "user_report" })),
      );
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as {
        result?: { data: { caseId: string | null } };
        error?: { message: string };
      }[];
      const claimed = bodies.flatMap((b) => (b.result?.data.caseId ? [b.result.data.caseId] : []));
      expect(claimed).toHaveLength(MAX_HELD);
      expect(new Set(claimed).size).toBe(MAX_HELD);
      expect(answers.every((r) => [200, 412, 429].includes(r.status))).toBe(true);
      const capped = bodies.filter((_, i) => answers[i]!.status === 412);
      expect(capped.length).toBeGreaterThan(0);
      expect(
        capped.every((b) => b.error?.message.startsWith(`You hold ${MAX_HELD} cases; decide or release one first`)),
      ).toBe(true);
      const held = await db.prisma.case.count({
        where: { status: "claimed", claimedBy: { displayName: "Ben Okoro" } },
      });
      expect(held).toBe(MAX_HELD);
    },
  );
});
