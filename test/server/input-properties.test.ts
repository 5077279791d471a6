// Properties over generated input: arbitrary Unicode text (NUL and lone surrogates included, in values and field
// names) in every field of every procedure's input and of every platform event type never gets a 5xx, never shows
// internals, and text that breaks the text rule is refused with 400 naming where it is. The procedures and event
// types are read from the router and the contract, so new ones are covered without editing this file.
import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as zc from "zod/v4/core";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { insertCase } from "../support/fixtures.ts";
import { listProcedures } from "../support/procedures.ts";
import { trpcHttp, type TrpcErrorBody } from "../support/http.ts";
import { useTestApp } from "../support/app-server.ts";
import { postEvents, worldEvents } from "../support/platform.ts";
import { arbitraryFor, textRuleBreaches } from "../support/input-arbitrary.ts";

const NOW = new Date("2026-11-25T09:00:00Z");
const DAY = 86_400_000;
/** Runs per procedure and per event type: about 450 requests in all. */
const RUNS = { procedure: 4, event: 15 };
/** What an answer must never show: ORM calls, the server's files, SQL. */
const INTERNALS = /invocation|node_modules|\.ts:\d|\bSELECT\b|\bINSERT\b|\bUPDATE\b.*\bSET\b/;

const ALWAYS_TRIED = [
  "",
  "x",
  "abc",
  "a@b.example",
  "https://app.example/p/abc",
  "javascript:alert(1)",
  "DE",
  "a".repeat(64),
  NOW.toISOString(),
];
const DATES = [
  NOW.toISOString(),
  new Date(NOW.getTime() - 3 * DAY).toISOString(),
  "2026-11-24",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
];

describe("every procedure, with generated input", () => {
  let db: Database;
  let admin: SessionUser;
  let samples: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await createStaff(db, "admin");
    const c = await insertCase(db, {
      createdAt: new Date(NOW.getTime() - DAY),
      deadlineAt: new Date(NOW.getTime() + DAY),
      creatorHandle: "prop_creator",
    });
    const post = await db.prisma.post.findUniqueOrThrow({ where: { id: c.postId! } });
    const policies = await db.prisma.policy.findMany({ select: { code: true }, take: 3 });
    // Ids of records that exist let generated calls reach the domain; the admin's own id is left out so no
    // generated call demotes the caller.
    samples = [
      ...ALWAYS_TRIED,
      ...DATES,
      c.id,
      post.id,
      post.creatorId,
      "@prop_creator",
      `https://app.example/p/${post.id}`,
      crypto.randomUUID(),
      ...policies.map((p) => p.code),
    ];
  });
  afterAll(() => db.close());

  const withInput = listProcedures().filter((p) => p.input);

  it("finds the procedures that take input", () => {
    expect(withInput.length).toBeGreaterThan(50);
  });

  it.each(withInput)("$path: no 5xx; text breaking the rule → 400 naming the field", async ({ path, type, input }) => {
    const arbitrary = arbitraryFor(input as unknown as zc.$ZodType, { samples, strayKeys: true });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        // A session per run: a generated auth.signOut must not sign out the next run.
        const cookie = `vigil_session=${await sessionTokenFor(db, admin, NOW)}`;
        const res = await trpcHttp(db, path, type as "query" | "mutation", value, { cookie, now: () => NOW });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
        expect(JSON.stringify(res.body)).not.toContain(process.cwd());
        const breaches = textRuleBreaches(value);
        if (breaches.values.length === 0 && breaches.keys === 0) return;
        expect(res.status).toBe(400);
        const err = (res.body as TrpcErrorBody).error;
        expect(err.data.code).toBe("BAD_REQUEST");
        const named = Object.keys(err.data.fieldErrors ?? {});
        expect(named.length).toBeGreaterThan(0);
        for (const messages of Object.values(err.data.fieldErrors ?? {}))
          expect(messages.join(" ")).toMatch(/NUL character|unpaired surrogate/);
        for (const field of breaches.values.slice(0, 10)) expect(named).toContain(field);
      }),
      { numRuns: RUNS.procedure },
    );
  });
});

describe("every platform event type, with generated events", () => {
  const t = useTestApp({ now: () => NOW });
  const world = worldEvents("prop");
  const samples = [
    ...ALWAYS_TRIED,
    ...DATES,
    ...world.map((e) => (e.data as { id: string }).id),
    "prop-e9",
    crypto.randomUUID(),
  ];

  beforeAll(async () => {
    const at = NOW.toISOString();
    const res = await postEvents(t.base, { events: world.map((e) => ({ ...e, occurredAt: at })) }, { now: NOW });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  const types = PlatformEvent.options.map((schema) => ({ type: schema.shape.type.value, schema }));

  it.each(types)("$type: no 5xx; text breaking the rule → 400 naming { index, path }", async ({ schema }) => {
    const arbitrary = arbitraryFor(schema as unknown as zc.$ZodType, { samples, strayKeys: true });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (event) => {
        const res = await postEvents(t.base, { events: [event] }, { now: NOW });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
        expect(JSON.stringify(res.body)).not.toContain(process.cwd());
        const breaches = textRuleBreaches(event);
        if (breaches.values.length === 0 && breaches.keys === 0) return;
        expect(res.status).toBe(400);
        const errors = res.body.errors as { index: number | null; path: string; message: string }[];
        expect(errors.length).toBeGreaterThan(0);
        for (const field of breaches.values.slice(0, 10)) {
          expect(errors).toContainEqual({
            index: 0,
            path: field,
            message: expect.stringMatching(/NUL character|unpaired surrogate/),
          });
        }
      }),
      { numRuns: RUNS.event },
    );
  });
});
