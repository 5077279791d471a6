// The text rule: NUL characters and unpaired surrogates are refused wherever text arrives, in values and field
// names, with 400 naming the place, before anything reaches the database. The calls are the ones that used to
// answer 500 with Prisma's message, a file path or SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { findMalformedText } from "../../server/lib/text-rule.ts";
import { createTestDatabase } from "../support/db.ts";
import { startTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { insertCase } from "../support/fixtures.ts";
import { postEvents, worldEvents } from "../support/platform.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { TEST_KEY } from "../support/platform.ts";
import type { TrpcErrorBody } from "../support/http.ts";

const NOW = new Date("2026-11-25T09:00:00Z");
const BAD = { nul: "Rel \u0000", high: "Rel \ud800", low: "\udc00 Rel" };

describe("findMalformedText", () => {
  it("accepts any well-formed text, paired surrogates (emoji) included", () => {
    expect(
      findMalformedText({ a: "Grüße 😀 \ud83d\ude00", b: ["ok", { "naïve key": "☃" }], n: 1, z: null, t: true }),
    ).toEqual([]);
  });

  it("names every place, value or field name, in document order", () => {
    expect(findMalformedText({ a: "x\u0000", b: [{ c: "ok" }, { d: "\ud800" }], ["k\udfff"]: "v" })).toEqual([
      { path: ["a"], message: "Contains a NUL character (U+0000), which is not allowed in text" },
      { path: ["b", 1, "d"], message: "Contains an unpaired surrogate (U+D800), which is not valid Unicode text" },
      {
        path: ["k\ufffd"],
        message: "The field name contains an unpaired surrogate (U+DFFF), which is not valid Unicode text",
      },
    ]);
  });

  it("walks input nested far deeper than the call stack, and stops at the limit", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const [problem] = findMalformedText(deep);
    expect(problem!.path).toHaveLength(33);
    expect(
      findMalformedText(
        Array.from({ length: 100 }, () => "\u0000"),
        20,
      ),
    ).toHaveLength(20);
  });
});

describe("the text rule over HTTP", () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let cookie: string;
  let caseId: string;
  let policyId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    cookie = `vigil_session=${await sessionTokenFor(db, await createStaff(db, "admin"), NOW)}`;
    caseId = (await insertCase(db, { createdAt: NOW, deadlineAt: new Date(NOW.getTime() + 86_400_000) })).id;
    policyId = (await db.prisma.policy.findFirstOrThrow()).id;
    app = await startTestApp(db, { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  async function trpc(path: string, type: "query" | "mutation", input: unknown, signedIn = true) {
    const headers: Record<string, string> = { "content-type": "application/json", ...(signedIn ? { cookie } : {}) };
    const res =
      type === "query"
        ? await fetch(`${app.base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : await fetch(`${app.base}/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
    const text = await res.text();
    return { status: res.status, text, error: (JSON.parse(text) as TrpcErrorBody).error };
  }

  const takedown = {
    type: "take_it_down",
    contentUrls: ["https://app.example/p/abc"],
    requesterEmail: "rel@example.com",
    authority: "self",
    description: "An image of me shared without consent",
    signature: "Rel Doe",
    goodFaith: true,
  };
  const attacks = [
    {
      name: "anonymous takedown.submit",
      path: "takedown.submit",
      type: "mutation",
      field: "requesterName",
      input: (bad: string) => ({ ...takedown, requesterName: bad }),
      signedIn: false,
    },
    {
      name: "case.addNote",
      path: "case.addNote",
      type: "mutation",
      field: "body",
      input: (bad: string) => ({ caseId, body: bad }),
    },
    {
      name: "case.decide",
      path: "case.decide",
      type: "mutation",
      field: "reason",
      input: (bad: string) => ({ caseId, action: "take_down", policyId, reason: bad, expectedVersion: 1 }),
    },
    {
      name: "case.list",
      path: "case.list",
      type: "query",
      field: "promptContains",
      input: (bad: string) => ({ promptContains: bad }),
    },
    {
      name: "likeness.protectedAdd",
      path: "likeness.protectedAdd",
      type: "mutation",
      field: "aliases[1]",
      input: (bad: string) => ({ name: "Ada Lovelace", kind: "deceased", aliases: ["Ada", bad] }),
    },
    {
      name: "account.search",
      path: "account.search",
      type: "query",
      field: "query",
      input: (bad: string) => ({ query: bad }),
    },
  ] as const;

  it.each(attacks.flatMap((a) => Object.entries(BAD).map(([kind, bad]) => ({ ...a, kind, bad }))))(
    "$name with $kind text → 400 naming $field, nothing stored",
    async ({ path, type, field, input, bad, ...rest }) => {
      const notes = await db.prisma.caseNote.count();
      const requests = await db.prisma.takedownRequest.count();
      const res = await trpc(path, type, input(bad), !("signedIn" in rest));
      expect(res.status, res.text).toBe(400);
      expect(res.error.data.code).toBe("BAD_REQUEST");
      expect(Object.keys(res.error.data.fieldErrors ?? {})).toEqual([field]);
      expect(res.error.message).toMatch(
        new RegExp(`^${field.replace(/[[\]]/g, "\\$&")}: Contains (a NUL character|an unpaired surrogate)`),
      );
      expect(res.text).not.toMatch(/invocation|\.ts\b|SELECT/);
      expect(res.text).not.toContain(process.cwd());
      expect(await db.prisma.caseNote.count()).toBe(notes);
      expect(await db.prisma.takedownRequest.count()).toBe(requests);
    },
  );

  // Twelve UTF-16 units, so it is grouped like a code; the groups of four would cut surrogate pairs in half.
  it("text the server cuts itself stays well-formed: revoking astral text of a code's length reports it missing", async () => {
    const res = await trpc("inviteWave.revoke", "mutation", {
      type: "code",
      codes: [`a${"𐀀".repeat(5)}b`, `x${"\u{1F600}".repeat(5)}y`],
      reason: "test",
    });
    expect(res.status, res.text).toBe(404);
    expect(res.error.data.fieldErrors).toEqual({ codes: ["none of these codes exist."] });
  });

  it.each(["constructor", "__proto__", "toString"])("a field named %s holding a NUL → 400 naming it", async (key) => {
    const res = await trpc("account.search", "query", JSON.parse(`{"query":"rel",${JSON.stringify(key)}:"\\u0000"}`));
    expect(res.status, res.text).toBe(400);
    expect(Object.keys(res.error.data.fieldErrors ?? {})).toEqual([key]);
  });

  it("a field name with a lone surrogate in a GET query string → 400 naming it", async () => {
    const res = await trpc("account.search", "query", { query: "rel", ["x\ud800y"]: 1 });
    expect(res.status).toBe(400);
    expect(res.error.data.fieldErrors).toEqual({
      "x\ufffdy": [expect.stringContaining("The field name contains an unpaired surrogate")],
    });
  });

  it("platform: one bad event gets 400 naming { index, path }, and the corrected batch is accepted", async () => {
    const events = worldEvents("nul").map((e) => ({ ...e, occurredAt: NOW.toISOString() }));
    (events[1]!.data as { displayName: string }).displayName = "Reporter \u0000";
    const before = await db.prisma.platformEvent.count();
    const refused = await postEvents(app.base, { events }, { now: NOW });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        index: 1,
        path: "data.displayName",
        message: "Contains a NUL character (U+0000), which is not allowed in text",
      },
    ]);
    expect(await db.prisma.platformEvent.count()).toBe(before);
    (events[1]!.data as { displayName: string }).displayName = "Reporter 1";
    const accepted = await postEvents(app.base, { events }, { now: NOW });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toEqual({ accepted: events.length, duplicates: 0 });
  });

  it("platform: a field name with a lone surrogate inside event data is named too", async () => {
    const [account] = worldEvents("key").map((e) => ({ ...e, occurredAt: NOW.toISOString() }));
    const res = await postEvents(
      app.base,
      { events: [{ ...account!, data: { ...account!.data, ["\udc00"]: "x" } }] },
      { now: NOW },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        index: 0,
        path: "data.\ufffd",
        message: expect.stringContaining("The field name contains an unpaired surrogate"),
      },
    ]);
  });

  it("platform: invite redemption and the hash bank feed follow the same rule", async () => {
    const body = JSON.stringify({ code: "K7MX-Q2PH\u0000", accountId: "acct_1" });
    const redeem = await fetch(`${app.base}/api/v1/invites/redeem`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders(TEST_KEY, { method: "POST", path: "/api/v1/invites/redeem", body }, NOW),
      },
      body,
    });
    expect(redeem.status).toBe(400);
    expect(await redeem.json()).toMatchObject({
      reason: "invalid_request",
      errors: [{ path: "code", message: expect.stringContaining("NUL character") }],
    });
    const feed = await fetch(`${app.base}/api/v1/hash-bank?after=%00`, {
      headers: signedHeaders(TEST_KEY, { method: "GET", path: "/api/v1/hash-bank?after=%00", body: "" }, NOW),
    });
    expect(feed.status).toBe(400);
    expect(await feed.json()).toMatchObject({ field: "after", error: expect.stringContaining("NUL character") });
  });
});
