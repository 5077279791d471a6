// Likeness complaints arrive from the platform with identity evidence; staff verify and link them; the evidence is
// for staff and admins only and each view is audited. The protected-likeness register reaches the platform through
// a signed GET with an ETag.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app-server.ts";
import { postEvents, TEST_KEY, worldEvents } from "../support/platform.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";

const at = "2026-11-20T10:00:00Z";

describe("likeness complaints and the protected-likeness register", () => {
  const t = useTestApp();

  async function fileComplaint(prefix: string) {
    const events: PlatformEvent[] = [
      ...worldEvents(prefix),
      {
        id: `${prefix}-cam`,
        type: "cameo.upserted",
        occurredAt: at,
        data: { id: `${prefix}-cameo`, ownerId: `${prefix}-r1`, permission: "approved", createdAt: at },
      } as PlatformEvent,
      {
        id: `${prefix}-lc`,
        type: "likeness.complaint.filed",
        occurredAt: at,
        data: {
          complainantId: `${prefix}-r1`,
          complainantName: "Ada Lovelace",
          complainantEmail: "ada@example.com",
          depictedPerson: "Ada Lovelace",
          authority: "self",
          cameoId: `${prefix}-cameo`,
          postIds: [`${prefix}-post`],
          text: "That is me and I did not agree.",
          evidence: [{ kind: "id_document", url: "https://evidence.example/ada/passport.jpg", note: "Passport" }],
        },
      },
    ];
    const res = await postEvents(t.base, { events });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return t.db.prisma.signal.findUniqueOrThrow({ where: { platformEventId: `${prefix}-lc` } });
  }

  it("lists a complaint without its evidence, reveals the evidence to staff with an audit record, then verifies and links it", async () => {
    const signal = await fileComplaint("lc1");
    const staff = await createStaff(t.db, "staff", "Lee Counsel");
    const as = callerFor(t.db, staff);

    const list = await as.likeness.complaints({ verification: "pending", cameoId: "lc1-cameo" });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      signalId: signal.id,
      complainantName: "Ada Lovelace",
      authority: "self",
      evidenceCount: 1,
      verification: "pending",
    });
    expect(JSON.stringify(list)).not.toContain("passport.jpg");
    expect(JSON.stringify(list)).not.toContain("ada@example.com");

    const before = await t.db.prisma.auditLog.count({
      where: { action: "likeness.evidence_viewed", subjectId: signal.id },
    });
    const evidence = await as.likeness.viewEvidence({ signalId: signal.id });
    expect(evidence).toEqual({
      signalId: signal.id,
      complainantEmail: "ada@example.com",
      evidence: [{ kind: "id_document", url: "https://evidence.example/ada/passport.jpg", note: "Passport" }],
    });
    await as.likeness.viewEvidence({ signalId: signal.id });
    const views = await t.db.prisma.auditLog.findMany({
      where: { action: "likeness.evidence_viewed", subjectId: signal.id },
    });
    expect(views.length - before).toBe(2);
    expect(views.every((v) => v.actorId === staff.id)).toBe(true);

    // A moderator may not see identity evidence.
    const moderator = await createStaff(t.db, "moderator");
    await expect(callerFor(t.db, moderator).likeness.viewEvidence({ signalId: signal.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    await expect(as.likeness.verify({ signalId: signal.id, verification: "verified", note: "" })).rejects.toThrow(
      /note/,
    );
    const verified = await as.likeness.verify({
      signalId: signal.id,
      verification: "verified",
      note: "Passport name and selfie match the cameo",
    });
    expect(verified).toMatchObject({ verification: "verified", reviewedBy: "Lee Counsel" });
    expect(
      (await as.likeness.complaints({ verification: "verified", cameoId: "lc1-cameo" })).items.map((c) => c.signalId),
    ).toEqual([signal.id]);

    await expect(as.likeness.link({ signalId: signal.id, target: "cameo", cameoId: "no-such-cameo" })).rejects.toThrow(
      /cameoId/,
    );
    const linked = await as.likeness.link({ signalId: signal.id, target: "cameo", cameoId: "lc1-cameo" });
    expect(linked).toMatchObject({ linkedCameoId: "lc1-cameo", verification: "verified" });
    expect(
      await t.db.prisma.auditLog.count({
        where: { subjectId: signal.id, action: { in: ["likeness.complaint_verified", "likeness.complaint_linked"] } },
      }),
    ).toBe(2);
  });

  it("keeps the register and serves it to the platform signed, with an ETag", async () => {
    const staff = await createStaff(t.db, "staff");
    const as = callerFor(t.db, staff);
    const entry = await as.likeness.protectedAdd({
      name: "Marguerite Vale",
      kind: "deceased",
      aliases: ["Maggie Vale", "Maggie Vale"],
      requestedBy: "The Vale Estate",
    });
    await expect(as.likeness.protectedAdd({ name: "marguerite vale", kind: "deceased", aliases: [] })).rejects.toThrow(
      /already on the register/,
    );
    expect((await as.likeness.protectedList({ search: "maggie" })).map((e) => e.id)).toEqual([entry.id]);
    expect((await as.likeness.protectedList({ search: "VALE" })).map((e) => e.id)).toEqual([entry.id]);
    expect(await as.likeness.protectedList({ search: "nobody" })).toEqual([]);
    await expect(as.likeness.protectedAdd({ name: "X", kind: "deceased", aliases: [] })).rejects.toThrow(/name/);

    const get = (headers: Record<string, string> = {}) =>
      fetch(`${t.base}/api/v1/protected-likenesses`, {
        headers: {
          ...signedHeaders(TEST_KEY, { method: "GET", path: "/api/v1/protected-likenesses", body: "" }, new Date()),
          ...headers,
        },
      });
    const res = await get();
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      version: string;
      entries: { id: string; name: string; aliases: string[]; kind: string }[];
    };
    expect(body.entries).toContainEqual(
      expect.objectContaining({ id: entry.id, name: "Marguerite Vale", kind: "deceased", aliases: ["Maggie Vale"] }),
    );
    const etag = res.headers.get("etag")!;
    expect(etag).toBe(`"${body.version}"`);
    expect((await get({ "If-None-Match": etag })).status).toBe(304);

    // A complaint about a public figure links to the register entry.
    const signal = await fileComplaint("lc2");
    const linked = await as.likeness.link({
      signalId: signal.id,
      target: "protected_likeness",
      protectedLikenessId: entry.id,
    });
    expect(linked.linkedProtectedLikeness).toMatchObject({ id: entry.id, name: "Marguerite Vale" });

    await as.likeness.protectedRemove({ id: entry.id, reason: "The estate withdrew its opt-out" });
    const after = await get({ "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(((await after.json()) as typeof body).entries.map((e) => e.id)).not.toContain(entry.id);
    await expect(as.likeness.protectedRemove({ id: entry.id, reason: "Again" })).rejects.toThrow(/already removed/);

    // Unsigned or wrongly signed requests learn nothing.
    expect((await fetch(`${t.base}/api/v1/protected-likenesses`)).status).toBe(401);
    expect((await get({ "X-Vigil-Signature": `v1=${"0".repeat(64)}` })).status).toBe(401);
  });
});
