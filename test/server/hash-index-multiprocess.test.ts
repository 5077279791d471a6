// Every web process keeps its own in-memory index of the banks' frame hashes and reads the banks' changes every
// second. Two real server processes on one PostgreSQL: an entry imported through one is matched by the other's
// match API within 5 s, and an entry deactivated through one stops matching on the other within 5 s. (PGlite
// belongs to one process, so this runs on PostgreSQL.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { REMOVED_CONTENT_BANK_ID } from "../../server/domain/hashbank/bank.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { flip, hex } from "../support/hashes.ts";

const KEY = { id: "platform", secret: "multiprocess-secret-0123456789" };
/** The acceptance bound: a change on one server is seen by every other within this. */
const WITHIN_MS = 5_000;

describe("the hash index across two server processes", () => {
  let db: Database;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    let url: string;
    ({ db, url } = await createSharedPostgresDatabase("hashindex", { seedReference: true }));
    const env = { DATABASE_URL: url, VIGIL_ROLE: "web", VIGIL_PLATFORM_KEYS: `${KEY.id}:${KEY.secret}` };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
  });

  /** The signed match API of server `i` for one PDQ hash: the banked item ids it answers with in the bank. */
  const matchOn = async (i: number, pdq: string, bankName: string) => {
    const path = "/api/v1/match";
    const body = JSON.stringify({ signal_type: "pdq", signal: pdq });
    const res = await fetch(`${servers[i]!.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders(KEY, { method: "POST", path, body }, new Date()),
      },
      body,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Record<string, { entry_id: string; distance: number }[]>;
    return answer[bankName] ?? [];
  };

  /** Asks server `i` until `done` holds of its answer; the milliseconds that took, or fails after the bound. */
  const untilAnswer = async (
    i: number,
    pdq: string,
    bankName: string,
    done: (hits: { entry_id: string; distance: number }[]) => boolean,
  ) => {
    const started = Date.now();
    for (;;) {
      const hits = await matchOn(i, pdq, bankName);
      if (done(hits)) return Date.now() - started;
      if (Date.now() - started > WITHIN_MS) return Infinity;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it(
    "an entry imported through one server is matched by the other within 5 s, and stops matching within 5 s of its deactivation there",
    { timeout: 60_000 },
    async () => {
      // The server processes run on the real clock, so the session is opened on it too.
      const admin = await createStaff(db, "admin", "Ines Duarte");
      const cookie = `vigil_session=${await sessionTokenFor(db, admin, new Date())}`;
      const bank = await db.prisma.hashBank.findUniqueOrThrow({ where: { id: REMOVED_CONTENT_BANK_ID } });
      const banked = hex(32);
      const query = flip(banked, 3);

      // both servers have loaded the (empty) bank and answer nothing for the query
      expect(await matchOn(0, query, bank.name)).toEqual([]);
      expect(await matchOn(1, query, bank.name)).toEqual([]);

      const imported = await fetch(
        `${servers[0]!.url}/hash-lists/import?bankId=${bank.id}&source=${encodeURIComponent("two-server test")}`,
        { method: "POST", headers: { cookie, "content-type": "text/csv" }, body: `pdq,${banked}\n` },
      );
      expect(imported.status).toBe(200);
      const entry = await db.prisma.hashBankEntry.findFirstOrThrow({ where: { hash: banked } });

      const seenIn = await untilAnswer(1, query, bank.name, (hits) => hits.some((h) => h.entry_id === entry.id));
      expect(seenIn).toBeLessThanOrEqual(WITHIN_MS);
      const [hit] = await matchOn(1, query, bank.name);
      expect(hit).toMatchObject({ entry_id: entry.id, distance: 3 });

      const deactivated = await fetch(`${servers[0]!.url}/trpc/hashBank.deactivate`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ entryIds: [entry.id], reason: "imported by mistake" }),
      });
      expect(deactivated.status).toBe(200);
      const goneIn = await untilAnswer(1, query, bank.name, (hits) => hits.length === 0);
      expect(goneIn).toBeLessThanOrEqual(WITHIN_MS);
      // and the server it went through does not match it either
      expect(await matchOn(0, query, bank.name)).toEqual([]);
    },
  );
});
