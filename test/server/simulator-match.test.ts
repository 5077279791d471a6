// The simulator as a platform integrated with the match API: it looks each upload's file up before posting and
// refuses re-uploads of content a take-down bank holds; a re-upload sent anyway is taken down by Vigil's matcher
// on its own, and that decision reaches the simulator's receiver marked automated.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { EventOf, PlatformEvent } from "../../server/contracts/platform-events.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { deliverDueEvents } from "../../server/domain/outbox/delivery.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { hashIndexFor } from "../../server/domain/hashbank/index-service.ts";
import {
  createMatchCheck,
  createSender,
  createTraffic,
  screenUpload,
  startReceiver,
  statusLine,
  summary,
  type Traffic,
} from "../../scripts/simulator/index.ts";
import { TEST_KEY, TEST_KEYS } from "../support/platform.ts";
import { useTestApp } from "../support/app-server.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { violenceTakeDown } from "../support/fixtures.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const now = () => NOW;

/** The generator's events up to and including its next upload. */
function untilUpload(traffic: Traffic): { before: PlatformEvent[]; upload: EventOf<"post.published"> } {
  const before: PlatformEvent[] = [];
  for (let i = 0; i < 5_000; i++) {
    const event = traffic.next();
    if (event.type === "post.published") return { before, upload: event };
    before.push(event);
  }
  throw new Error("the generator published no post");
}

describe("the simulator's match pre-check", () => {
  const t = useTestApp({ now });

  it("refuses a banked file before posting; a copy sent anyway is taken down automatically and arrives marked automated", async () => {
    const admin = await createStaff(t.db, "admin", "Ada Admin");
    const secondAdmin = await createStaff(t.db, "admin", "Bo Admin");
    const moderator = await createStaff(t.db, "moderator");
    const api = (user: typeof admin) => callerFor(t.db, user, { now });

    // A bank that takes down, approved by a second admin, fed by the violence policy's take-downs.
    const bank = await api(admin).hashBank.createBank({ name: "Simulated take-downs", kind: "violent_extremism" });
    await api(admin).hashBank.updateBank({ bankId: bank.id, action: "take_down", reason: "Known re-uploads" });
    await api(secondAdmin).hashBank.decideBankAction({ bankId: bank.id, approve: true, reason: "Checked the list" });
    const policy = await t.db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } });
    await api(admin).hashBank.setPolicyBank({ policyId: policy.id, bankId: bank.id, reason: "Bank its take-downs" });

    const traffic = createTraffic(21, { run: "match", now });
    const sender = createSender({ url: t.base, key: TEST_KEY, now, baseBackoffMs: 1, giveUpAfterMs: 0 });
    const check = createMatchCheck({ url: t.base, key: TEST_KEY, now });
    const receiver = await startReceiver({
      port: 0,
      host: "127.0.0.1",
      keys: TEST_KEYS,
      mode: "up",
      world: traffic.world,
      // Vigil signs webhooks at the wall clock's time (freshness on the wire), so the receiver checks by it too.
    });
    try {
      // The original is posted (the bank is empty, so the check lets it through) and taken down by a moderator.
      const first = untilUpload(traffic);
      expect(await screenUpload(traffic, check, first.upload)).toBe(true);
      await sender.send([...first.before, first.upload]);
      const original = first.upload.data;
      const c = await t.db.prisma.case.create({
        data: { queue: "user_report", subjectType: "post", subjectKey: `post:${original.id}`, postId: original.id },
      });
      await api(moderator).case.decide({
        caseId: c.id,
        expectedVersion: c.version,
        policyId: policy.id,
        ...violenceTakeDown(),
      });
      expect(await t.db.prisma.hashBankEntry.count({ where: { bankId: bank.id, hash: original.contentHash } })).toBe(1);
      await hashIndexFor(t.db).sync();

      // (a) A re-upload of the same file: the match API answers take_down and the simulator keeps it off.
      const second = untilUpload(traffic);
      const reupload = {
        ...second.upload,
        data: { ...second.upload.data, contentHash: original.contentHash },
      } satisfies EventOf<"post.published">;
      expect(await screenUpload(traffic, check, reupload)).toBe(false);
      expect(check.stats).toMatchObject({ checked: 2, refused: 1, held: 0, failed: 0 });
      expect(traffic.world.postById.get(reupload.data.id)?.visibility).toBe("deleted");
      expect(statusLine(0, { traffic, sender: sender.stats, matchCheck: check.stats })).toContain(
        "uploads checked 2, refused 1, held 0, check failures 0",
      );
      expect(await t.db.prisma.post.findUnique({ where: { id: reupload.data.id } })).toBeNull();

      // (b) The same upload sent without the check: the matcher takes it down by itself.
      await sender.send([...second.before, reupload]);
      const entriesBefore = await t.db.prisma.hashBankEntry.count();
      for (let round = 0; round < 20 && (await scanNewPosts(t.db, { now: NOW })).scanned > 0; round++);
      expect((await t.db.prisma.post.findUniqueOrThrow({ where: { id: reupload.data.id } })).visibility).toBe(
        "taken_down",
      );
      const decisions = await t.db.prisma.decision.findMany({ where: { postId: reupload.data.id } });
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({
        type: "take_down_post",
        authority: "automated",
        automatedDecision: true,
        actorId: null,
      });
      const outbox = await t.db.prisma.outboxEvent.findMany({ where: { decisionId: decisions[0]!.id } });
      expect(outbox.map((e) => e.type)).toEqual(["post.taken_down"]);
      expect(await t.db.prisma.hashBankEntry.count()).toBe(entriesBefore);

      // Delivery: the moderator's take-down and the automatic one reach the simulator's receiver.
      for (let round = 0; round < 5; round++) {
        const r = await deliverDueEvents({ db: t.db, log: silentLogger, webhookUrl: receiver.url, key: TEST_KEY, now });
        if (r.attempted === 0) break;
      }
      expect(await t.db.prisma.outboxEvent.count({ where: { status: { not: "delivered" } } })).toBe(0);
      expect(receiver.stats.byType["post.taken_down"]).toBe(2);
      expect(receiver.stats.automated).toEqual({ "post.taken_down": 1 });
      expect(traffic.world.postById.get(original.id)?.visibility).toBe("taken_down");
      expect(statusLine(0, { traffic, sender: sender.stats, receiver })).toContain("automated take-downs received 1");
      expect(summary(0, { traffic, sender: sender.stats, receiver, matchCheck: check.stats })).toEqual(
        expect.arrayContaining([
          "Upload check: uploads checked 2, refused 1, held 0, check failures 0.",
          expect.stringMatching(/^ {2}post\.taken_down +1$/),
        ]),
      );
    } finally {
      await receiver.close();
    }
  });

  it("posts anyway when the match API fails or does not answer in time, counting each failure", async () => {
    // A stand-in Vigil that answers the lookup with 503, then not at all within the check's time limit.
    let calls = 0;
    const server = http.createServer((req, res) => {
      calls++;
      req.resume();
      if (calls === 1) res.writeHead(503, { "content-type": "application/json" }).end('{"error":"down"}');
      // the second request is left unanswered until the server closes
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const traffic = createTraffic(22, { now });
      const check = createMatchCheck({ url: base, key: TEST_KEY, now, timeoutMs: 200 });
      expect(await screenUpload(traffic, check, untilUpload(traffic).upload)).toBe(true);
      expect(check.stats).toMatchObject({ checked: 1, failed: 1, refused: 0, lastError: "HTTP 503" });
      expect(await screenUpload(traffic, check, untilUpload(traffic).upload)).toBe(true);
      expect(check.stats).toMatchObject({ checked: 2, failed: 2, lastError: "timed out" });
      expect(
        statusLine(0, { traffic, sender: createSender({ url: base, key: TEST_KEY }).stats, matchCheck: check.stats }),
      ).toContain("check failures 2");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("a refused upload", () => {
  it("is never referred to again: the events queued with it are dropped and later ones pick other posts", () => {
    const traffic = createTraffic(23, { now });
    const refused: string[] = [];
    const later: PlatformEvent[] = [];
    for (let i = 0; i < 3_000; i++) {
      const event = traffic.next();
      // every fifth upload is refused, as a match would; the founding posts go through
      if (event.type === "post.published" && traffic.world.posts.length > 15 && traffic.world.posts.length % 5 === 0) {
        traffic.refuse(event.data.id);
        refused.push(event.data.id);
      } else if (refused.length > 0) later.push(event);
    }
    expect(refused.length).toBeGreaterThan(10);
    const mentions = later.filter((e) => refused.some((id) => JSON.stringify(e.data).includes(JSON.stringify(id))));
    expect(mentions).toEqual([]);
    expect(later.some((e) => e.type === "flag.raised")).toBe(true);
  });
});
