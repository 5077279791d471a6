// Two moderators on two server processes sharing one PostgreSQL ask for "Next case" 200 times each at the same
// time: nobody ever receives a case the other holds. (PGlite belongs to one process, so this runs on PostgreSQL.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { insertManyCases } from "../support/fixtures.ts";

describe("next case across two server processes", () => {
  let db: Database;
  let url: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ db, url } = await createSharedPostgresDatabase("next", { seedReference: true }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
  });

  it("two moderators, 200 requests each, never the same case", { timeout: 120_000 }, async () => {
    await insertManyCases(db, 450, "deepfake_report");
    const ana = await createStaff(db, "moderator", "Ana");
    const ben = await createStaff(db, "moderator", "Ben");
    const cookies = [
      `vigil_session=${await sessionTokenFor(db, ana)}`,
      `vigil_session=${await sessionTokenFor(db, ben)}`,
    ];
    // Each moderator ends up holding 200 cases: lift the per-reviewer caps, which have their own multi-process test.
    const env = {
      DATABASE_URL: url,
      VIGIL_MAX_HELD_CASES: "1000",
      VIGIL_MUTATIONS_PER_MINUTE: "100000",
      VIGIL_MUTATION_BURST: "100000",
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));

    const ask = async (who: 0 | 1) => {
      const got: string[] = [];
      for (let i = 0; i < 200; i++) {
        // Alternate servers too: a moderator's requests may land on any instance behind a load balancer.
        const server = servers[(who + i) % 2]!;
        const res = await fetch(`${server.url}/trpc/case.next`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: cookies[who]! },
          body: JSON.stringify({ queue: "deepfake_report" }),
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { result: { data: { caseId: string | null } } };
        if (body.result.data.caseId) got.push(body.result.data.caseId);
      }
      return got;
    };
    const [a, b] = await Promise.all([ask(0), ask(1)]);
    expect(a).toHaveLength(200);
    expect(b).toHaveLength(200);
    expect(new Set([...a, ...b]).size).toBe(400);
    const claimedByTwo = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Case" WHERE "status" = 'claimed'`,
    );
    expect(claimedByTwo[0]!.n).toBe(400);
  });
});
