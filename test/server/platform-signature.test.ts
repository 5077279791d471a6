// Signature scheme v2 binds a platform request's method, path (with its query), timestamp and body: a signature
// captured from one request opens no other. v1, which covers the body alone, is accepted during the transition,
// counted in /healthz, and refused once switched off.
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../server/lib/logger.ts";
import { enqueueOutbox } from "../../server/domain/outbox/outbox.ts";
import { deliverDueEvents } from "../../server/domain/outbox/delivery.ts";
import { signatureV1, signatureV2, verifySignature, type SignedRequest } from "../../server/platform/signature.ts";
import { useTestApp } from "../support/app-server.ts";
import { startReceiver } from "../support/webhook-receiver.ts";
import { getSigned, platformHeaders, postEvents, TEST_KEY, TEST_KEYS, worldEvents } from "../support/platform.ts";

const NOW = new Date("2026-11-20T10:00:00Z");
const SECONDS = Math.floor(NOW.getTime() / 1000);

describe("verifySignature", () => {
  const feed: SignedRequest = { method: "GET", path: "/api/v1/protected-likenesses", body: "" };
  const headersFor = (signature: string) => ({ keyId: TEST_KEY.id, timestamp: String(SECONDS), signature });
  const verify = (signature: string, req: SignedRequest, v1: "accept" | "refuse" = "accept") =>
    verifySignature(TEST_KEYS, headersFor(signature), { ...req, body: Buffer.from(req.body) }, NOW, { v1 });

  it("v2 holds only for the method, path, query and body it was made for", () => {
    const signature = signatureV2(TEST_KEY.secret, SECONDS, feed);
    expect(verify(signature, feed)).toEqual({ ok: true, keyId: TEST_KEY.id, scheme: "v2" });
    const refusal = { ok: false, reason: "Signature v2 does not match the method, path, timestamp and body." };
    expect(verify(signature, { ...feed, path: "/api/v1/hash-bank" })).toEqual(refusal);
    expect(verify(signature, { ...feed, path: "/api/v1/protected-likenesses?x=1" })).toEqual(refusal);
    expect(verify(signature, { ...feed, method: "POST" })).toEqual(refusal);
    expect(verify(signature, { ...feed, body: "{}" })).toEqual(refusal);
    // The parts cannot slide into each other: a dot or a line feed moved between path and body changes the string.
    const dotted = { method: "POST", path: "/api/v1/events.", body: "x" };
    expect(
      verify(signatureV2(TEST_KEY.secret, SECONDS, dotted), { ...dotted, path: "/api/v1/events", body: ".x" }),
    ).toEqual(refusal);
  });

  it("v1 is accepted while the transition lasts, refused once switched off, and never rescues a wrong v2", () => {
    const v1 = signatureV1(TEST_KEY.secret, SECONDS, "");
    expect(verify(v1, feed)).toEqual({ ok: true, keyId: TEST_KEY.id, scheme: "v1" });
    expect(verify(v1, feed, "refuse")).toEqual({
      ok: false,
      reason: "Signature scheme v1 is no longer accepted: sign with v2 over the method, path, timestamp and body.",
    });
    const wrongV2 = signatureV2(TEST_KEY.secret, SECONDS, { ...feed, path: "/api/v1/hash-bank" });
    expect(verify(`${wrongV2},${v1}`, feed)).toMatchObject({ ok: false });
    expect(verify(`${signatureV2(TEST_KEY.secret, SECONDS, feed)},${v1}`, feed, "refuse")).toMatchObject({
      ok: true,
      scheme: "v2",
    });
    expect(verify(`v3=${"0".repeat(64)}`, feed)).toEqual({
      ok: false,
      reason: 'X-Vigil-Signature must carry "v2=<hex>".',
    });
  });
});

describe("platform API signatures (v1 accepted during the transition)", () => {
  const app = useTestApp({ now: () => NOW });

  it("a v2 signature for an empty-body GET of one feed opens that feed and not the other", async () => {
    const captured = platformHeaders("GET", "/api/v1/protected-likenesses", "", { now: NOW });
    expect((await fetch(`${app.base}/api/v1/protected-likenesses`, { headers: captured })).status).toBe(200);
    const replayed = await fetch(`${app.base}/api/v1/hash-bank`, { headers: captured });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({
      error: "Signature v2 does not match the method, path, timestamp and body.",
    });

    // The query is covered too: a signature for a small page does not fetch a big one.
    const page = platformHeaders("GET", "/api/v1/hash-bank?limit=2", "", { now: NOW });
    expect((await fetch(`${app.base}/api/v1/hash-bank?limit=2`, { headers: page })).status).toBe(200);
    expect((await fetch(`${app.base}/api/v1/hash-bank?limit=500`, { headers: page })).status).toBe(401);
    expect((await getSigned(app.base, "/api/v1/hash-bank?limit=500", { now: NOW })).status).toBe(200);
  });

  it("a v1 request is accepted, and /healthz counts it so operators know when to switch v1 off", async () => {
    const before = (await (await fetch(`${app.base}/healthz`)).json()) as {
      platformSignatures: { v1: string; v1Requests: number; lastV1At: string | null };
    };
    expect(before.platformSignatures).toEqual({ v1: "accept", v1Requests: 0, lastV1At: null });

    await postEvents(app.base, { events: worldEvents() }, { now: NOW });
    expect((await getSigned(app.base, "/api/v1/protected-likenesses", { now: NOW, schemes: ["v1"] })).status).toBe(200);
    expect((await postEvents(app.base, { events: worldEvents() }, { now: NOW, schemes: ["v1"] })).status).toBe(200);

    const after = (await (await fetch(`${app.base}/healthz`)).json()) as typeof before;
    expect(after.platformSignatures).toEqual({ v1: "accept", v1Requests: 2, lastV1At: NOW.toISOString() });
    expect(
      await app.db.prisma.platformSignatureUse.findMany({ select: { keyId: true, scheme: true, requests: true } }),
    ).toEqual([{ keyId: TEST_KEY.id, scheme: "v1", requests: 2n }]);
  });

  it("signs webhooks with v2 over POST and the webhook path, with v1 beside it for receivers in transition", async () => {
    const receiver = await startReceiver(TEST_KEYS);
    try {
      await app.db.prisma.$transaction((tx) =>
        enqueueOutbox(tx, [{ type: "post.held", subject: { type: "post", id: "sig-1" }, data: {} }], NOW),
      );
      const round = await deliverDueEvents({
        db: app.db,
        log: silentLogger,
        webhookUrl: receiver.url,
        key: TEST_KEY,
        now: () => NOW,
        signatureSchemes: ["v2", "v1"],
      });
      expect(round).toEqual({ attempted: 1, delivered: 1 });
      const [delivered] = receiver.received;
      expect(delivered!.signature).toMatch(/^v2=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      // The test receiver checked v2 (it refuses v1); a receiver still on v1 finds a valid v1 beside it.
      expect(receiver.state.badSignatures).toBe(0);
      const { id, type, occurredAt, subject, data } = delivered!;
      const body = JSON.stringify({ id, type, occurredAt, subject, data });
      expect(delivered!.signature.split(",")[1]).toBe(signatureV1(TEST_KEY.secret, delivered!.timestamp, body));
    } finally {
      await receiver.close();
    }
  });
});

describe("platform API signatures with v1 switched off", () => {
  const app = useTestApp({ now: () => NOW, platformSignatureV1: "refuse" });

  it("refuses a v1 request with why, takes v2, and counts nothing", async () => {
    const v1 = await getSigned(app.base, "/api/v1/protected-likenesses", { now: NOW, schemes: ["v1"] });
    expect(v1.status).toBe(401);
    expect(await v1.json()).toEqual({
      error: "Signature scheme v1 is no longer accepted: sign with v2 over the method, path, timestamp and body.",
    });
    expect((await getSigned(app.base, "/api/v1/protected-likenesses", { now: NOW })).status).toBe(200);
    const health = (await (await fetch(`${app.base}/healthz`)).json()) as { platformSignatures: unknown };
    expect(health.platformSignatures).toEqual({ v1: "refuse", v1Requests: 0, lastV1At: null });
  });
});
