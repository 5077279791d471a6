// A reviewer holds at most a few cases at once: "Next case" and opening a case refuse beyond the cap and say why,
// and concurrent requests by one reviewer cannot pass it together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_REQUEST_LIMITS } from "../../server/config.ts";
import { LEASE_MS } from "../../server/domain/cases/claims.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor, UNTHROTTLED_LIMITS } from "../support/caller.ts";
import { insertCase, insertManyCases } from "../support/fixtures.ts";

const NOW = new Date("2026-11-20T10:00:00Z");
const MAX = DEFAULT_REQUEST_LIMITS.maxHeldCases;
// Only the held-case cap is under test here; the mutation budget has its own tests.
const limits = { ...UNTHROTTLED_LIMITS, maxHeldCases: MAX };

describe("held-case cap", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const as = (user: SessionUser, now = NOW) => callerFor(db, user, { now: () => now, limits }).case;
  const heldBy = (user: SessionUser) => db.prisma.case.count({ where: { claimedById: user.id, status: "claimed" } });

  it("next case refuses the reviewer who holds the cap, saying why; releasing one or a lapsed lease frees a place", async () => {
    await insertManyCases(db, MAX + 5, "user_report");
    const ana = await createStaff(db, "moderator", "Ana Lima");
    const claimed: string[] = [];
    for (let i = 0; i < MAX; i++) claimed.push((await as(ana).next({ queue: "user_report" })).caseId!);
    expect(new Set(claimed).size).toBe(MAX);

    const refused = await as(ana)
      .next({ queue: "user_report" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: `You hold ${MAX} cases; decide or release one first (a reviewer holds at most ${MAX} at a time).`,
    });
    expect(await heldBy(ana)).toBe(MAX);
    expect(await db.prisma.auditLog.count({ where: { actorId: ana.id, action: "case.claim" } })).toBe(MAX);

    await as(ana).release({ caseId: claimed[0]! });
    expect((await as(ana).next({ queue: "user_report" })).caseId).not.toBeNull();
    await expect(as(ana).next({ queue: "user_report" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    // Leases that ran out are no longer held.
    const later = new Date(NOW.getTime() + LEASE_MS + 1_000);
    expect((await as(ana, later).next({ queue: "user_report" })).caseId).not.toBeNull();
  });

  it("opening a case beyond the cap is refused with the reason; renewing a case already held still works", async () => {
    const ben = await createStaff(db, "moderator", "Ben Okoro");
    const cases = await Promise.all(
      Array.from({ length: MAX + 1 }, () =>
        insertCase(db, { queue: "deepfake_report", createdAt: NOW, deadlineAt: null }),
      ),
    );
    for (const c of cases.slice(0, MAX)) expect(await as(ben).claim({ caseId: c.id })).toMatchObject({ claimed: true });

    const extra = cases[MAX]!;
    expect(await as(ben).claim({ caseId: extra.id })).toEqual({
      claimed: false,
      reason: `You hold ${MAX} cases; decide or release one first (a reviewer holds at most ${MAX} at a time).`,
    });
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: extra.id } })).status).toBe("open");
    const renewed = await as(ben, new Date(NOW.getTime() + 60_000)).claim({ caseId: cases[0]!.id });
    expect(renewed).toMatchObject({ claimed: true, leaseUntil: new Date(NOW.getTime() + 60_000 + LEASE_MS) });
    expect(await heldBy(ben)).toBe(MAX);
  });

  it("100 concurrent next-case requests by one reviewer claim at most the cap", async () => {
    await insertManyCases(db, 150, "likeness_complaint");
    const cleo = await createStaff(db, "moderator", "Cleo Park");
    const answers = await Promise.allSettled(
      Array.from({ length: 100 }, () => as(cleo).next({ queue: "likeness_complaint" })),
    );
    const got = answers.flatMap((a) => (a.status === "fulfilled" && a.value.caseId ? [a.value.caseId] : []));
    expect(got).toHaveLength(MAX);
    expect(new Set(got).size).toBe(MAX);
    const refusals = answers.flatMap((a) => (a.status === "rejected" ? [a.reason as TRPCError] : []));
    expect(refusals).toHaveLength(100 - MAX);
    expect(refusals.every((e) => e.code === "PRECONDITION_FAILED")).toBe(true);
    expect(await heldBy(cleo)).toBe(MAX);
  });
});
