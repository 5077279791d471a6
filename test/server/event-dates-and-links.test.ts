// Platform events: every date lies within its window of the ingest's own clock (things that happened: 2000-01-01
// to a day ahead; deadlines: to ten years ahead), and every evidence or content link is https. The app's clock
// is injected and moved by the test, so the window is shown to follow it.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app-server.ts";
import { postEvents, worldEvents } from "../support/platform.ts";
import { callerFor } from "../support/caller.ts";
import type * as zc from "zod/v4/core";
import { DATE_WINDOWS, PlatformEvent } from "../../server/contracts/platform-events.ts";

const START = new Date("2026-11-25T09:00:00Z");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Every date-time schema inside a schema, however it is wrapped. */
function dateSchemas(schema: zc.$ZodType, found: zc.$ZodType[] = []): zc.$ZodType[] {
  const def = schema._zod.def as unknown as {
    format?: string;
    shape?: Record<string, zc.$ZodType>;
    element?: zc.$ZodType;
    innerType?: zc.$ZodType;
    options?: zc.$ZodType[];
  };
  if (def.format === "datetime") found.push(schema);
  for (const child of [...Object.values(def.shape ?? {}), def.element, def.innerType, ...(def.options ?? [])])
    if (child) dateSchemas(child, found);
  return found;
}

describe("event dates and links", () => {
  let clock = START;
  const t = useTestApp({ now: () => clock });
  let seq = 0;

  /** An account event with the given dates, under a fresh id. */
  const account = (occurredAt: string, createdAt = occurredAt): PlatformEvent => {
    const n = ++seq;
    return {
      id: `dl-e${n}`,
      type: "account.upserted",
      occurredAt,
      data: { id: `dl-a${n}`, handle: `dl_a${n}`, displayName: "Dee", createdAt },
    };
  };
  const send = (events: PlatformEvent[]) => postEvents(t.base, { events }, { now: clock });

  it("every date in every event type has a window", () => {
    const dates = dateSchemas(PlatformEvent as unknown as zc.$ZodType);
    expect(dates.length).toBeGreaterThan(12);
    for (const schema of dates) expect(DATE_WINDOWS.has(schema)).toBe(true);
  });

  it.each([
    { when: "year 0001", at: "0001-01-01T00:00:00Z" },
    { when: "year 9999", at: "9999-12-31T23:59:59Z" },
    { when: "just before 2000", at: "1999-12-31T23:59:59Z" },
    { when: "25 hours ahead of the clock", at: iso(START.getTime() + 25 * HOUR) },
  ])("refuses an occurredAt in $when, naming the event and field", async ({ at }) => {
    clock = START;
    const res = await send([account(START.toISOString()), account(at, START.toISOString())]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        index: 1,
        path: "occurredAt",
        message: `Must lie between 2000-01-01T00:00:00.000Z and ${iso(START.getTime() + 24 * HOUR)} (from 2000-01-01 to one day past Vigil's clock)`,
      },
    ]);
  });

  it("accepts 2000-01-01 and 23 hours ahead; dates inside event data are checked too", async () => {
    clock = START;
    expect((await send([account("2000-01-01T00:00:00Z"), account(iso(START.getTime() + 23 * HOUR))])).status).toBe(200);
    const res = await send([account(START.toISOString(), "0001-01-01T00:00:00Z")]);
    expect(res.body.errors).toEqual([
      { index: 0, path: "data.createdAt", message: expect.stringContaining("Must lie between") },
    ]);
  });

  it("an order's deadline may lie years ahead, but not in year 9999", async () => {
    clock = START;
    const world = worldEvents("dl").map((e) => ({ ...e, occurredAt: START.toISOString() }));
    expect((await send(world)).status).toBe(200);
    const order = (orderDeadline: string): PlatformEvent => ({
      id: `dl-order-${++seq}`,
      type: "takedown.requested",
      occurredAt: START.toISOString(),
      data: {
        requestId: `dl-req-${seq}`,
        legalType: "court_order",
        authority: "authority",
        postIds: ["dl-post"],
        issuingAuthority: "District Court",
        orderReference: "12 O 345/26",
        orderDeadline,
        contentUrls: [],
        goodFaith: false,
        perjuryStatement: false,
        isTrustedFlagger: false,
      },
    });
    expect((await send([order(iso(START.getTime() + 60 * 24 * HOUR))])).status).toBe(200);
    const far = await send([order("9999-01-01T00:00:00Z")]);
    expect(far.body.errors).toEqual([
      { index: 0, path: "data.orderDeadline", message: expect.stringContaining("ten years past Vigil's clock") },
    ]);
  });

  it.each([
    "javascript:alert(document.cookie)",
    "http://evidence.example/id.jpg",
    "data:text/html,<script>alert(1)</script>",
    "https:evidence.example/id.jpg",
  ])("refuses the evidence link %s with a field error, storing nothing", async (url) => {
    clock = START;
    const prefix = `dlx${++seq}`;
    const world = worldEvents(prefix).map((e) => ({ ...e, occurredAt: START.toISOString() }));
    const complaint: PlatformEvent = {
      id: `${prefix}-lc`,
      type: "likeness.complaint.filed",
      occurredAt: START.toISOString(),
      data: {
        complainantName: "Ada",
        depictedPerson: "Ada",
        authority: "self",
        postIds: [`${prefix}-post`],
        text: "That is me.",
        evidence: [{ kind: "id_document", url }],
      },
    };
    const takedown: PlatformEvent = {
      id: `${prefix}-td`,
      type: "takedown.requested",
      occurredAt: START.toISOString(),
      data: {
        requestId: `${prefix}-req`,
        legalType: "dmca",
        authority: "rightsholder",
        postIds: [`${prefix}-post`],
        contentUrls: ["https://app.example/p/1", url],
        goodFaith: true,
        perjuryStatement: true,
        isTrustedFlagger: false,
      },
    };
    const before = await t.db.prisma.platformEvent.count();
    const res = await send([...world, complaint, takedown]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { index: 4, path: "data.evidence[0].url", message: "Use an https:// link" },
      { index: 5, path: "data.contentUrls[1]", message: "Use an https:// link" },
    ]);
    expect(await t.db.prisma.platformEvent.count()).toBe(before);
  });

  it.each(["javascript:alert(1)", "http://app.example/p/abc"])(
    "the public takedown form refuses the link %s, naming it",
    async (url) => {
      clock = START;
      const caller = callerFor(t.db, null, { now: () => clock });
      const input = {
        type: "take_it_down",
        contentUrls: ["https://app.example/p/abc", url],
        requesterName: "Rel Doe",
        requesterEmail: "rel@example.com",
        authority: "self",
        description: "An image of me shared without consent",
        signature: "Rel Doe",
        goodFaith: true,
      };
      const err = await caller.takedown.submit(input as never).then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code).toBe("BAD_REQUEST");
      expect(err?.message).toBe("contentUrls[1]: Enter a full link, starting with https://");
    },
  );

  // Last: the clock only moves forward, as the rate limiter's clock must.
  it("the window moves with the ingest's clock, not the real one", async () => {
    const ahead = iso(START.getTime() + 30 * HOUR);
    clock = START;
    expect((await send([account(ahead)])).status).toBe(400);
    clock = new Date(START.getTime() + 12 * HOUR);
    expect((await send([account(ahead)])).status).toBe(200);
  });
});
