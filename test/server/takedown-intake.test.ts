// The public takedown form's server side: every element each law requires is checked (the field is named, nothing
// is stored), links are matched to posts, the legal clock starts, and abuse is held back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { createTestDatabase } from "../support/db.ts";
import { callerFor, fakeRequest } from "../support/caller.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { TakedownIntake } from "../../server/contracts/takedown-intake.ts";

const now = new Date("2026-11-25T09:00:00Z");
const url = (postId: string) => `https://app.example/p/${postId}`;

function complete(type: string, urls: string[]): Record<string, unknown> {
  const person = { requesterName: "Dana Doe", requesterEmail: "dana@example.com" };
  switch (type) {
    case "take_it_down":
      return {
        type,
        contentUrls: urls,
        ...person,
        authority: "self",
        description: "An AI-generated nude image of me",
        signature: "Dana Doe",
        goodFaith: true,
      };
    case "dmca":
      return {
        type,
        contentUrls: urls,
        ...person,
        requesterAddress: "1 Main St, Springfield",
        requesterPhone: "+1 555 0100",
        authority: "rightsholder",
        workDescription: "My short film 'Dunes' (2025)",
        signature: "Dana Doe",
        goodFaith: true,
        perjuryStatement: true,
      };
    case "dsa_notice":
      return {
        type,
        contentUrls: urls,
        ...person,
        isCsamOffence: false,
        explanation: "This video incites violence against a named group, illegal under national law.",
        goodFaith: true,
      };
    case "likeness":
      return {
        type,
        contentUrls: urls,
        ...person,
        depictedPerson: "Dana Doe",
        authority: "self",
        description: "My face is used in videos I never agreed to",
        signature: "Dana Doe",
      };
    default:
      return {
        type,
        contentUrls: urls,
        ...person,
        issuingAuthority: "District Court Berlin",
        orderReference: "12 O 345/26",
        orderDeadline: "2026-11-27T12:00:00Z",
      };
  }
}

/** The fields a type's schema requires (not optional), read from the schema itself. */
function requiredFields(type: string): string[] {
  const option = (
    TakedownIntake as unknown as {
      _zod: { def: { options: { _zod: { def: { shape: Record<string, { _zod: { optin?: string } }> } } }[] } };
    }
  )._zod.def.options.find(
    (o) => (o._zod.def.shape.type as unknown as { _zod: { def: { values: string[] } } })._zod.def.values[0] === type,
  )!;
  return Object.entries(option._zod.def.shape)
    .filter(([name, schema]) => name !== "type" && schema._zod.optin !== "optional")
    .map(([name]) => name);
}

describe("public takedown intake", () => {
  let db: Database;
  let posts: string[];
  let ipCounter = 0;
  const anonymous = () =>
    callerFor(db, null, { now: () => now, req: fakeRequest({ ip: `198.51.100.${++ipCounter}` }) });

  beforeAll(async () => {
    db = await createTestDatabase();
    const creator = await insertAccount(db);
    posts = [];
    for (let i = 0; i < 3; i++) posts.push((await insertPost(db, creator.id)).id);
  });
  afterAll(() => db.close());

  it("stores a TAKE IT DOWN request for two posts with a 48-hour clock and puts it in the takedown queue", async () => {
    const { reference } = await anonymous().takedown.submit(
      complete("take_it_down", [url(posts[0]!), url(posts[1]!)]) as never,
    );
    expect(reference).toMatch(/^TD-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const request = await db.prisma.takedownRequest.findUniqueOrThrow({
      where: { reference },
      include: { posts: true, case: true },
    });
    expect(request).toMatchObject({
      type: "take_it_down",
      status: "valid",
      source: "web_form",
      requesterEmail: "dana@example.com",
      goodFaith: true,
    });
    expect(request.dueAt?.toISOString()).toBe("2026-11-27T09:00:00.000Z");
    expect(request.posts.map((p) => p.postId).sort()).toEqual([posts[0], posts[1]].sort());
    expect(request.case).toMatchObject({ queue: "takedown", status: "open", category: "ncii" });
    // The case keeps the strictest clock: here the takedown queue's 24-hour review target, inside the legal 48 hours.
    expect(request.case!.deadlineAt?.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    expect(
      await db.prisma.auditLog.count({
        where: { action: "takedown.submitted", subjectId: request.id, actorType: "public" },
      }),
    ).toBe(1);
  });

  const missingCases = ["take_it_down", "dmca", "dsa_notice", "likeness", "court_order"].flatMap((type) =>
    requiredFields(type)
      .filter((f) => f !== "isCsamOffence")
      .map((field) => ({ type, field })),
  );

  it.each(missingCases)(
    "$type without $field is refused naming $field, and nothing is stored",
    async ({ type, field }) => {
      const before = await db.prisma.takedownRequest.count();
      const payload = complete(type, [url(posts[2]!)]);
      delete payload[field];
      await expect(anonymous().takedown.submit(payload as never)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(field),
      });
      expect(await db.prisma.takedownRequest.count()).toBe(before);
    },
  );

  it("a DSA notice needs a name and email unless it concerns child sexual abuse", async () => {
    const payload = {
      ...complete("dsa_notice", [url(posts[2]!)]),
      requesterName: undefined,
      requesterEmail: undefined,
    };
    await expect(anonymous().takedown.submit(payload as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("requesterName"),
    });
    const { reference } = await anonymous().takedown.submit({ ...payload, isCsamOffence: true } as never);
    expect(await db.prisma.takedownRequest.findUniqueOrThrow({ where: { reference } })).toMatchObject({
      isCsamOffence: true,
      requesterName: null,
    });
  });

  it("answers a bot that fills the hidden field like a person, and stores nothing", async () => {
    const before = await db.prisma.takedownRequest.count();
    const res = await anonymous().takedown.submit({
      ...complete("dmca", [url(posts[2]!)]),
      website: "http://spam.example",
    } as never);
    expect(res.reference).toMatch(/^TD-/);
    expect(await db.prisma.takedownRequest.count()).toBe(before);
  });

  it("limits requests per address", async () => {
    const sameIp = callerFor(db, null, { now: () => now, req: fakeRequest({ ip: "203.0.113.99" }) });
    for (let i = 0; i < 5; i++) await sameIp.takedown.submit(complete("likeness", [url(posts[2]!)]) as never);
    await expect(sameIp.takedown.submit(complete("likeness", [url(posts[2]!)]) as never)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });
});

describe("receipt email", () => {
  it("queues a receipt with the reference and writes it as an .eml file when there is no SMTP server", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { sendDueNotices } = await import("../../server/domain/notices/mailer.ts");
    const { silentLogger } = await import("../../server/lib/logger.ts");
    const db = await createTestDatabase();
    const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-mail-"));
    try {
      const creator = await insertAccount(db);
      const post = await insertPost(db, creator.id);
      const { reference } = await callerFor(db, null, { now: () => now }).takedown.submit(
        complete("take_it_down", [url(post.id)]) as never,
      );
      const notice = await db.prisma.emailNotice.findFirstOrThrow({ where: { kind: "receipt" } });
      expect(notice).toMatchObject({ to: "dana@example.com", status: "pending" });
      expect(notice.text).toContain(reference);
      expect(notice.text).toContain("2026-11-27 09:00 UTC");

      const sent = await sendDueNotices({
        db,
        log: silentLogger,
        from: "T&S <ts@vigil.test>",
        smtpUrl: null,
        mailDir,
        now: () => now,
      });
      expect(sent).toBe(1);
      const eml = fs.readFileSync(path.join(mailDir, `${notice.id}.eml`), "utf8");
      expect(eml).toContain("To: dana@example.com");
      expect(eml).toContain(`Subject: We received your request ${reference}`);
      expect((await db.prisma.emailNotice.findUniqueOrThrow({ where: { id: notice.id } })).status).toBe("sent");
      expect(
        await sendDueNotices({ db, log: silentLogger, from: "x@y.z", smtpUrl: null, mailDir, now: () => now }),
      ).toBe(0);
    } finally {
      fs.rmSync(mailDir, { recursive: true, force: true });
      await db.close();
    }
  });
});

describe("requests entered by staff", () => {
  it("records who entered it, with the same required elements and no abuse limit", async () => {
    const db = await createTestDatabase();
    try {
      const { createStaff } = await import("../support/staff.ts");
      const staff = await createStaff(db, "staff", "Lee Counsel");
      const as = callerFor(db, staff, { now: () => now });
      const payload = complete("court_order", ["https://app.example/p/unknown-post"]);
      for (let i = 0; i < 7; i++) await as.takedown.enter(payload as never);
      const entered = await db.prisma.takedownRequest.findMany({ where: { source: "staff" } });
      expect(entered).toHaveLength(7);
      expect(entered[0]).toMatchObject({
        enteredById: staff.id,
        type: "court_order",
        issuingAuthority: "District Court Berlin",
      });
      expect(await db.prisma.auditLog.count({ where: { action: "takedown.entered", actorId: staff.id } })).toBe(7);
      const incomplete = { ...payload };
      delete incomplete.orderReference;
      await expect(as.takedown.enter(incomplete as never)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("orderReference"),
      });
      await expect(callerFor(db, null).takedown.enter(payload as never)).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    } finally {
      await db.close();
    }
  });
});
