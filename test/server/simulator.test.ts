// The platform simulator: its traffic must always be valid for the ingest contract (schema and the rule that an
// event only references what Vigil already knows), its sender must retry without losing or doubling events, and
// its webhook receiver must verify signatures and notice out-of-order delivery.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { EventBatch, REPORT_REASONS, type PlatformEvent } from "../../server/contracts/platform-events.ts";
import type { WebhookEvent } from "../../server/contracts/platform-webhooks.ts";
import { SIGNATURE_HEADERS, signedHeaders, verifySignature } from "../../server/platform/signature.ts";
import {
  BatchRefusedError,
  ServerUnreachableError,
  createSender,
  createTraffic,
  resolveKeys,
  startReceiver,
  startSimulation,
  type Receiver,
  type Traffic,
} from "../../scripts/simulator/index.ts";

const KEY = { id: "sim-test", secret: "s3cret-s3cret-s3cret" };
const KEYS = new Map([[KEY.id, KEY.secret]]);
const fixedClock = () => new Date("2026-11-25T09:30:00Z");

/** Ids an event needs Vigil to know already, as "kind:id". */
function references(e: PlatformEvent): string[] {
  const d = e.data as Record<string, unknown>;
  const refs: string[] = [];
  const add = (kind: string, id: unknown) => typeof id === "string" && refs.push(`${kind}:${id}`);
  switch (e.type) {
    case "post.published":
      add("account", e.data.creatorId);
      add("post", e.data.remixOfId);
      e.data.cameoIds.forEach((id) => add("cameo", id));
      break;
    case "post.updated":
    case "post.deleted":
      add("post", e.data.id);
      break;
    case "cameo.upserted":
      add("account", e.data.ownerId);
      break;
    case "cameo.grant.changed":
      add("cameo", e.data.cameoId);
      add("account", e.data.granteeId);
      break;
    case "cameo.appearance.added":
    case "flag.raised":
      add("post", d.postId);
      add("cameo", d.cameoId);
      break;
    case "report.filed":
      add(e.data.subject.type, e.data.subject.id);
      add("account", e.data.reporterId);
      break;
    case "likeness.complaint.filed":
      add("account", e.data.complainantId);
      add("cameo", e.data.cameoId);
      e.data.postIds.forEach((id) => add("post", id));
      break;
    case "takedown.requested":
      e.data.postIds.forEach((id) => add("post", id));
      break;
    case "appeal.filed":
      add("decision", e.data.decisionId);
      add("account", e.data.appellantId);
      break;
  }
  return refs;
}

function creates(e: PlatformEvent): string | null {
  if (e.type === "account.upserted") return `account:${e.data.id}`;
  if (e.type === "post.published") return `post:${e.data.id}`;
  if (e.type === "cameo.upserted") return `cameo:${e.data.id}`;
  return null;
}

/** Walks a stream the way Vigil would and returns every reference to something not yet created. */
function danglingReferences(events: PlatformEvent[], known = new Set<string>()): string[] {
  const dangling: string[] = [];
  for (const e of events) {
    for (const ref of references(e)) if (!known.has(ref)) dangling.push(`${e.id} ${e.type} → ${ref}`);
    const created = creates(e);
    if (created) known.add(created);
  }
  return dangling;
}

function webhook(
  type: WebhookEvent["type"],
  subject: WebhookEvent["subject"],
  occurredAt = new Date().toISOString(),
): WebhookEvent {
  return { id: crypto.randomUUID(), type, occurredAt, subject, data: { decisionId: crypto.randomUUID() } };
}

async function deliver(receiver: Receiver, event: unknown, key = KEY): Promise<number> {
  const body = JSON.stringify(event);
  const res = await fetch(receiver.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...signedHeaders(key, { method: "POST", path: new URL(receiver.url).pathname, body }, new Date()),
    },
    body,
  });
  await res.body?.cancel();
  return res.status;
}

describe("traffic generator", () => {
  it("is deterministic for a seed", () => {
    const a = createTraffic(7, { now: fixedClock }).take(3_000);
    const b = createTraffic(7, { now: fixedClock }).take(3_000);
    const c = createTraffic(8, { now: fixedClock }).take(3_000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("produces batches that pass the contract and only reference what came before", () => {
    const traffic = createTraffic(1);
    const events = traffic.take(6_000);
    for (let i = 0; i < events.length; i += 1_000) {
      const parsed = EventBatch.safeParse({ events: events.slice(i, i + 1_000) });
      expect(parsed.success, parsed.error?.message).toBe(true);
    }
    expect(danglingReferences(events)).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const handles = events.flatMap((e) => (e.type === "account.upserted" ? [`${e.data.id}=${e.data.handle}`] : []));
    expect(new Set(handles.map((h) => h.split("=")[1])).size).toBe(new Set(handles.map((h) => h.split("=")[0])).size);
  });

  it("sends a realistic mix of signals", () => {
    const events = createTraffic(3).take(8_000);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      "account.upserted",
      "post.published",
      "post.updated",
      "cameo.upserted",
      "cameo.grant.changed",
      "cameo.appearance.added",
      "flag.raised",
      "report.filed",
      "likeness.complaint.filed",
      "takedown.requested",
    ]) {
      expect(types, t).toContain(t);
    }
    const legalTypes = new Set(events.flatMap((e) => (e.type === "takedown.requested" ? [e.data.legalType] : [])));
    expect([...legalTypes].sort()).toEqual(["court_order", "dmca", "dsa_notice", "likeness", "take_it_down"]);
    const reasons = new Set(events.flatMap((e) => (e.type === "report.filed" ? [e.data.reason] : [])));
    expect(reasons).toContain("deepfake");
    expect(reasons).toContain("likeness");
    for (const r of reasons) expect(REPORT_REASONS).toContain(r);
    const models = new Set(events.flatMap((e) => (e.type === "flag.raised" ? [e.data.model] : [])));
    expect(models).toContain("vigil-nsfw-v3");
    expect(models).toContain("likeness-match-v2");
    const remixes = events.filter((e) => e.type === "post.published" && e.data.remixOfId);
    expect(remixes.length).toBeGreaterThan(100);
  });

  it("puts the run tag in every id and handle so runs never collide", () => {
    const events = createTraffic(1, { run: "abc12" }).take(200);
    expect(events.every((e) => e.id.startsWith("sim-1-abc12-"))).toBe(true);
    const accounts = events.filter((e) => e.type === "account.upserted");
    expect(accounts.every((e) => e.data.id.startsWith("sim-1-abc12-") && e.data.handle.endsWith(".abc12"))).toBe(true);
  });

  it("follows Vigil's decisions: removed posts and suspended accounts go quiet, and some decisions are appealed", () => {
    const traffic = createTraffic(5);
    const known = new Set<string>();
    const events = traffic.take(2_000);
    expect(danglingReferences(events, known)).toEqual([]);
    const suspended = traffic.world.accounts.slice(0, 10).map((a) => a.id);
    const removed = traffic.world.posts.slice(0, 100).map((p) => p.id);
    for (const id of suspended) traffic.world.applyWebhook(webhook("account.suspended", { type: "account", id }));
    for (const id of removed) traffic.world.applyWebhook(webhook("post.taken_down", { type: "post", id }));
    for (const d of traffic.world.newDecisions) known.add(`decision:${d.decisionId}`);

    const later = traffic.take(4_000);
    expect(danglingReferences(later, known)).toEqual([]);
    expect(later.filter((e) => e.type === "appeal.filed").length).toBeGreaterThan(5);
    expect(later.filter((e) => e.type === "post.published" && suspended.includes(e.data.creatorId))).toEqual([]);
    expect(
      later.filter(
        (e) =>
          (e.type === "flag.raised" || e.type === "post.updated") &&
          removed.includes("postId" in e.data ? e.data.postId : e.data.id),
      ),
    ).toEqual([]);
  });
});

describe("webhook receiver", () => {
  const open: Receiver[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  async function receiver(mode: string, traffic?: Traffic, now?: () => Date) {
    const r = await startReceiver({
      port: 0,
      host: "127.0.0.1",
      keys: KEYS,
      mode,
      seed: 1,
      world: traffic?.world,
      now,
    });
    open.push(r);
    return r;
  }

  it("acknowledges a correctly signed event with 204, counts it and applies it", async () => {
    const traffic = createTraffic(1);
    traffic.take(200);
    const post = traffic.world.posts[0]!;
    const r = await receiver("up", traffic);
    const event = webhook("post.taken_down", { type: "post", id: post.id });
    expect(await deliver(r, event)).toBe(204);
    expect(await deliver(r, event)).toBe(204);
    expect(post.visibility).toBe("taken_down");
    expect(r.stats).toMatchObject({
      received: 2,
      acknowledged: 2,
      duplicates: 1,
      byType: { "post.taken_down": 1 },
      orderingViolations: [],
    });
    expect(await deliver(r, webhook("account.warned", { type: "account", id: "not-ours" }))).toBe(204);
    expect(r.stats.unknownSubjects).toBe(1);
  });

  it("refuses bad signatures with 401 and malformed events with 400", async () => {
    const r = await receiver("up");
    const event = webhook("post.held", { type: "post", id: "p1" });
    expect(await deliver(r, event, { id: KEY.id, secret: "wrong-secret-wrong-secret" })).toBe(401);
    expect(await deliver(r, event, { id: "unknown", secret: KEY.secret })).toBe(401);
    const unsigned = await fetch(r.url, { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(401);
    const body = JSON.stringify(event);
    const tampered = await fetch(r.url, {
      method: "POST",
      headers: signedHeaders(KEY, { method: "POST", path: new URL(r.url).pathname, body }, new Date()),
      body: body.replace("p1", "p2"),
    });
    expect(tampered.status).toBe(401);
    expect(await deliver(r, { ...event, type: "post.exploded" })).toBe(400);
    expect(r.stats).toMatchObject({ badSignature: 4, invalid: 1, acknowledged: 0 });
  });

  it("answers 503 while down, and again 204 once a timed outage is over", async () => {
    let t = Date.now();
    const r = await receiver("down:30", undefined, () => new Date(t));
    expect(await deliver(r, webhook("post.held", { type: "post", id: "p1" }))).toBe(503);
    t += 31_000;
    const res = await fetch(r.url, {
      method: "POST",
      headers: signedHeaders(KEY, { method: "POST", path: new URL(r.url).pathname, body: "{}" }, new Date(t)),
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(r.stats.refused).toBe(1);
  });

  it("refuses about 30% in flaky mode, the same ones for the same seed, and takes every retry eventually", async () => {
    const events = Array.from({ length: 120 }, (_, i) => webhook("post.held", { type: "post", id: `p${i}` }));
    const outcomes = async () => {
      const r = await receiver("flaky");
      const first = [];
      for (const e of events) first.push(await deliver(r, e));
      for (const e of events) while ((await deliver(r, e)) !== 204);
      return { first, stats: r.stats };
    };
    const a = await outcomes();
    const b = await outcomes();
    expect(b.first).toEqual(a.first);
    const refused = a.first.filter((s) => s === 503).length;
    expect(refused).toBeGreaterThan(20);
    expect(refused).toBeLessThan(60);
    expect(a.stats.byType["post.held"]).toBe(120);
    expect(a.stats.orderingViolations).toEqual([]);
  });

  it("catches out-of-order delivery for a subject", async () => {
    const r = await receiver("up");
    const early = webhook("post.taken_down", { type: "post", id: "p1" }, "2026-11-25T09:00:00.000Z");
    const late = webhook("post.restored", { type: "post", id: "p1" }, "2026-11-25T10:00:00.000Z");
    expect(await deliver(r, late)).toBe(204);
    expect(await deliver(r, early)).toBe(204);
    expect(r.stats.orderingViolations).toMatchObject([{ subject: "post:p1", eventId: early.id }]);
    // Other subjects are independent: their order relative to p1 does not matter.
    expect(await deliver(r, webhook("post.held", { type: "post", id: "p2" }, "2026-11-25T08:00:00.000Z"))).toBe(204);
    expect(r.stats.orderingViolations).toHaveLength(1);
  });

  it("catches an event that overtakes an earlier refused one of the same subject", async () => {
    let t = Date.now();
    const r = await receiver("down:10", undefined, () => new Date(t));
    const at = new Date(t).toISOString();
    const first = webhook("account.warned", { type: "account", id: "a1" }, at);
    const second = webhook("account.suspended", { type: "account", id: "a1" }, at);
    const other = webhook("account.warned", { type: "account", id: "a2" }, at);
    expect(await deliver(r, first)).toBe(503);
    expect(await deliver(r, other)).toBe(503);
    t += 11_000;
    expect(await deliver(r, other)).toBe(204);
    expect(r.stats.orderingViolations).toEqual([]);
    expect(await deliver(r, second)).toBe(204);
    expect(r.stats.orderingViolations).toMatchObject([{ subject: "account:a1", eventId: second.id }]);
  });
});

/** A stand-in for Vigil's ingest endpoint with the contract's rules; `script` makes requests fail on purpose. */
async function fakeIngest(script: (req: number, events: PlatformEvent[]) => "ok" | "drop" | number = () => "ok") {
  const stored = new Map<string, PlatformEvent>();
  const known = new Set<string>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const h = (n: string) => req.headers[n] as string | undefined;
      // The simulator signs v2 only: this stand-in refuses anything else.
      const sig = verifySignature(
        KEYS,
        {
          keyId: h(SIGNATURE_HEADERS.keyId),
          timestamp: h(SIGNATURE_HEADERS.timestamp),
          signature: h(SIGNATURE_HEADERS.signature),
        },
        { method: req.method ?? "", path: req.url ?? "", body: raw },
        new Date(),
        { v1: "refuse" },
      );
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
      if (!sig.ok) return send(401, { error: sig.reason });
      const parsed = EventBatch.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success)
        return send(400, { error: "invalid", errors: [{ index: null, path: "", message: parsed.error.message }] });
      const action = script(++requests, parsed.data.events);
      if (typeof action === "number")
        return send(action, { error: "scripted" }, action === 429 ? { "retry-after": "0" } : {});
      const dangling = danglingReferences(
        parsed.data.events.filter((e) => !stored.has(e.id)),
        known,
      );
      if (dangling.length > 0)
        return send(400, {
          error: "unknown reference",
          errors: dangling.map((m) => ({ index: null, path: "", message: m })),
        });
      let accepted = 0;
      for (const e of parsed.data.events) if (!stored.has(e.id) && ++accepted) stored.set(e.id, e);
      if (action === "drop") return res.destroy();
      send(200, { accepted, duplicates: parsed.data.events.length - accepted });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stored, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("sender", () => {
  const fast = { baseBackoffMs: 5, maxBackoffMs: 20 };

  it("retries the same batch through 503, 429 and a lost response: nothing lost, nothing doubled", async () => {
    const ingest = await fakeIngest((n) => (n === 1 ? 503 : n === 2 ? 429 : n === 3 ? "drop" : "ok"));
    const sender = createSender({ url: ingest.url, key: KEY, ...fast });
    const events = createTraffic(2).take(300);
    await sender.send(events.slice(0, 150));
    await sender.send(events.slice(150));
    expect(ingest.stored.size).toBe(300);
    expect(sender.stats).toMatchObject({ sent: 300, accepted: 150, duplicates: 150, retries: 3, errors: 3 });
    await ingest.close();
  });

  it("stops on 400 with the server's errors, and splits a batch Vigil calls too large", async () => {
    const bad = await fakeIngest(() => 400);
    await expect(createSender({ url: bad.url, key: KEY }).send(createTraffic(1).take(3))).rejects.toBeInstanceOf(
      BatchRefusedError,
    );
    await bad.close();
    const small = await fakeIngest((_, events) => (events.length > 40 ? 413 : "ok"));
    const sender = createSender({ url: small.url, key: KEY });
    expect(await sender.send(createTraffic(1).take(100))).toEqual({ accepted: 100, duplicates: 0 });
    await small.close();
  });

  it("gives up when Vigil cannot be reached", async () => {
    const ingest = await fakeIngest();
    await ingest.close();
    const sender = createSender({ url: ingest.url, key: KEY, giveUpAfterMs: 200, ...fast });
    await expect(sender.send(createTraffic(1).take(1))).rejects.toBeInstanceOf(ServerUnreachableError);
    expect(sender.stats.errors).toBeGreaterThan(1);
  });

  it("runs at the chosen rate until the duration ends", async () => {
    const ingest = await fakeIngest((n) => (n % 3 === 0 ? 503 : "ok"));
    const sim = startSimulation({
      url: ingest.url,
      key: KEY,
      rate: 400,
      durationSeconds: 0.6,
      batchSize: 50,
      seed: 4,
      flushMs: 100,
      sender: fast,
    });
    const result = await sim.done;
    expect(result.generated).toBe(240);
    expect(ingest.stored.size).toBe(240);
    expect(sim.sender.stats.accepted).toBe(240);
    await ingest.close();
  });
});

describe("key lookup", () => {
  it("prefers --key, then VIGIL_PLATFORM_KEYS, then the server's demo key file", () => {
    expect(resolveKeys("k1:0123456789abcdef", {}).key).toEqual({ id: "k1", secret: "0123456789abcdef" });
    expect(resolveKeys(undefined, { VIGIL_PLATFORM_KEYS: "k2:0123456789abcdef,k3:fedcba9876543210" }).keys.size).toBe(
      2,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-sim-"));
    fs.writeFileSync(path.join(dir, "platform-keys.txt"), "demo:abcdefghijklmnop\n");
    expect(resolveKeys(undefined, { VIGIL_DATA_DIR: dir }).key.id).toBe("demo");
    expect(() => resolveKeys(undefined, { VIGIL_DATA_DIR: path.join(dir, "none") })).toThrow(/--key keyId:secret/);
    expect(() => resolveKeys("k1:short", {})).toThrow(/--key/);
  });
});
