// The per-staff mutation budget and the cap on calls per HTTP request, attacked over real HTTP: a loop of notes,
// a burst of concurrent notes, and one request carrying 500 mutations.
import { describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_LIMITS } from "../../server/config.ts";
import { useTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { insertCase } from "../support/fixtures.ts";

const clock = { now: new Date("2026-11-20T10:00:00Z") };
const { mutationBurst: BURST, mutationsPerMinute: PER_MINUTE, maxBatch: MAX_BATCH } = DEFAULT_REQUEST_LIMITS;

interface TrpcError {
  message: string;
  data: { code: string; httpStatus: number; retryAfterSeconds?: number };
}

describe("tRPC request budgets", () => {
  const app = useTestApp({ now: () => clock.now, limits: DEFAULT_REQUEST_LIMITS });

  async function moderator() {
    const user = await createStaff(app.db, "moderator");
    return { user, cookie: `vigil_session=${await sessionTokenFor(app.db, user, clock.now)}` };
  }

  const post = (cookie: string, path: string, body: unknown) =>
    fetch(`${app.base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    });

  const addNote = (cookie: string, caseId: string, i: number) =>
    post(cookie, "case.addNote", { caseId, body: `note ${i}` });

  it(
    "300 notes in a loop: the burst goes through, the rest get 429 with Retry-After, and time refills the budget",
    { timeout: 120_000 },
    async () => {
      const { user, cookie } = await moderator();
      const c = await insertCase(app.db, { createdAt: clock.now, deadlineAt: null });
      const statuses: number[] = [];
      let refused: { retryAfter: string | null; error: TrpcError } | undefined;
      for (let i = 0; i < 300; i++) {
        const res = await addNote(cookie, c.id, i);
        statuses.push(res.status);
        const body = (await res.json()) as { error?: TrpcError };
        if (res.status === 429) refused ??= { retryAfter: res.headers.get("retry-after"), error: body.error! };
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(BURST);
      expect(statuses.slice(BURST).every((s) => s === 429)).toBe(true);
      expect(await app.db.prisma.caseNote.count({ where: { caseId: c.id, authorId: user.id } })).toBe(BURST);
      expect(await app.db.prisma.auditLog.count({ where: { action: "case.note", caseId: c.id } })).toBe(BURST);

      const waitSeconds = Math.ceil(60 / PER_MINUTE);
      expect(refused!.retryAfter).toBe(String(waitSeconds));
      expect(refused!.error.data).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        httpStatus: 429,
        retryAfterSeconds: waitSeconds,
      });
      expect(refused!.error.message).toBe(
        `Too many changes in a short time (at most ${PER_MINUTE} a minute); nothing was changed. Try again in ${waitSeconds} second${waitSeconds === 1 ? "" : "s"}.`,
      );

      // Reading is not budgeted, and another reviewer's budget is their own.
      const list = await fetch(
        `${app.base}/trpc/case.list?input=${encodeURIComponent(JSON.stringify({ queue: "flagged_generation" }))}`,
        { headers: { cookie } },
      );
      expect(list.status).toBe(200);
      expect((await addNote((await moderator()).cookie, c.id, 0)).status).toBe(200);

      // Waiting as told refills what the rate gives back in that time, and no more.
      clock.now = new Date(clock.now.getTime() + waitSeconds * 1_000);
      const given = Math.floor((waitSeconds * PER_MINUTE) / 60);
      const afterWait: number[] = [];
      for (let i = 0; i <= given; i++) afterWait.push((await addNote(cookie, c.id, 300 + i)).status);
      expect(afterWait).toEqual([...Array<number>(given).fill(200), 429]);
      clock.now = new Date(clock.now.getTime() + 60_000);
      const refilled: number[] = [];
      for (let i = 0; i <= BURST; i++) refilled.push((await addNote(cookie, c.id, 400 + i)).status);
      expect(refilled).toEqual([...Array<number>(BURST).fill(200), 429]);
    },
  );

  it("one request carrying 500 mutations is refused with 429 and runs none of them", async () => {
    const { user, cookie } = await moderator();
    const c = await insertCase(app.db, { createdAt: clock.now, deadlineAt: null });
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => "case.addNote").join(",");
      const input = Object.fromEntries(
        Array.from({ length: n }, (_, i) => [String(i), { caseId: c.id, body: `batched ${i}` }]),
      );
      return post(cookie, `${paths}?batch=1`, input);
    };

    const res = await batch(500);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    const answers = (await res.json()) as { error: TrpcError }[];
    expect(answers).toHaveLength(500);
    expect(answers.every((a) => a.error.data.code === "TOO_MANY_REQUESTS")).toBe(true);
    expect(answers[0]!.error.message).toBe(
      `One request may carry at most ${MAX_BATCH} calls; this one carried 500, so none of them ran. Send them in smaller batches.`,
    );
    expect(await app.db.prisma.caseNote.count({ where: { caseId: c.id } })).toBe(0);
    // Nothing was spent either: the refusal comes before the session is read.
    expect(await app.db.prisma.requestBudget.count({ where: { scope: `mutation:${user.id}` } })).toBe(0);

    const atCap = await batch(MAX_BATCH);
    expect(atCap.status).toBe(200);
    expect(await app.db.prisma.caseNote.count({ where: { caseId: c.id } })).toBe(MAX_BATCH);
    expect((await batch(MAX_BATCH + 1)).status).toBe(429);
  });
});

describe("tRPC request budgets under concurrency", () => {
  // A small burst, so the accepted notes' own transactions do not queue for the connection pool.
  const limits = { ...DEFAULT_REQUEST_LIMITS, mutationBurst: 10 };
  const app = useTestApp({ now: () => clock.now, limits });

  it("150 concurrent notes by one reviewer: exactly the burst is accepted", { timeout: 120_000 }, async () => {
    const user = await createStaff(app.db, "moderator");
    const cookie = `vigil_session=${await sessionTokenFor(app.db, user, clock.now)}`;
    const c = await insertCase(app.db, { createdAt: clock.now, deadlineAt: null });
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        fetch(`${app.base}/trpc/case.addNote`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ caseId: c.id, body: `note ${i}` }),
        }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(limits.mutationBurst);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(150 - limits.mutationBurst);
    expect(answers.filter((r) => r.status === 429).every((r) => Number(r.headers.get("retry-after")) >= 1)).toBe(true);
    expect(await app.db.prisma.caseNote.count({ where: { caseId: c.id, authorId: user.id } })).toBe(
      limits.mutationBurst,
    );
  });
});
