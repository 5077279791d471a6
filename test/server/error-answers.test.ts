// What clients are told when something fails. Our own failures (forced here with a database whose every call throws
// an error naming a source file, an ORM call and SQL) answer 500 with a generic message and the request id, and
// nothing of the error; they are logged at error level. A client's mistake (a body that is not JSON) answers 400
// and is logged as an ordinary refusal, without a stack.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { createTestDatabase } from "../support/db.ts";
import { startTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { postEvents, worldEvents } from "../support/platform.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { TEST_KEY } from "../support/platform.ts";

const NOW = new Date("2026-11-25T09:00:00Z");
/** What the failing database says: Prisma's shape, with this checkout's own path in it. */
const LEAK =
  `\nInvalid \`prisma.takedownRequest.create()\` invocation in\n${process.cwd()}/server/domain/takedowns/intake.ts:104:30\n` +
  'SELECT "id", "handle" FROM "Account" WHERE "id" = $1';
const INTERNALS = /invocation|\.ts\b|SELECT|"Account"|stack/;

/** Any property, at any depth, is a function whose call rejects with LEAK: every ORM call fails. */
function throwingClient(): unknown {
  const fail: unknown = new Proxy(function failing() {}, {
    get: (_target, prop) => (prop === "then" ? undefined : fail),
    apply: () => Promise.reject(new Error(LEAK)),
  });
  return fail;
}

function brokenDatabase(db: Database): Database {
  return {
    ...db,
    prisma: throwingClient() as Database["prisma"],
    sql: { query: () => Promise.reject(new Error(LEAK)) } as unknown as Database["sql"],
  };
}

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger("info", sink) };
}

const takedown = {
  type: "take_it_down",
  contentUrls: ["https://app.example/p/abc"],
  requesterName: "Rel Doe",
  requesterEmail: "rel@example.com",
  authority: "self",
  description: "An image of me shared without my consent",
  signature: "Rel Doe",
  goodFaith: true,
};

describe("unexpected failures", () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let cookie: string;
  const logs = captureLogs();

  beforeAll(async () => {
    db = await createTestDatabase();
    cookie = `vigil_session=${await sessionTokenFor(db, await createStaff(db, "admin"), NOW)}`;
    app = await startTestApp(brokenDatabase(db), { now: () => NOW, log: logs.log });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  async function expectGeneric500(res: Response) {
    const text = await res.text();
    expect(res.status, text).toBe(500);
    const requestId = res.headers.get("x-request-id")!;
    expect(requestId).toBeTruthy();
    expect(text).toContain(requestId);
    expect(text).toContain("Something went wrong on the server.");
    expect(text).not.toMatch(INTERNALS);
    expect(text).not.toContain(process.cwd());
    return { requestId, body: JSON.parse(text) as Record<string, unknown> };
  }

  it("a procedure that fails answers 500 with the request id and nothing of the error; the log has it", async () => {
    const res = await fetch(`${app.base}/trpc/takedown.submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(takedown),
    });
    const { requestId, body } = await expectGeneric500(res);
    expect((body.error as { data: { requestId: string } }).data.requestId).toBe(requestId);
    const logged = logs.lines.filter((l) => l.requestId === requestId && l.level === 50);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).toContain("invocation");
  });

  it("the same through a batched GET query", async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { query: "rel" } }));
    const res = await fetch(`${app.base}/trpc/account.search?batch=1&input=${input}`, { headers: { cookie } });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toMatch(INTERNALS);
    expect(text).toContain(res.headers.get("x-request-id")!);
  });

  it("a session that cannot be read (the context fails) answers the same way", async () => {
    const res = await fetch(`${app.base}/trpc/auth.me`, { headers: { cookie } });
    await expectGeneric500(res);
  });

  it("a failure outside tRPC (staff media) reaches the last-resort handler: 500, request id, nothing else", async () => {
    const res = await fetch(`${app.base}/media/posts/abc/poster.svg`, { headers: { cookie } });
    const { requestId, body } = await expectGeneric500(res);
    expect(body.requestId).toBe(requestId);
    expect(logs.lines.some((l) => l.requestId === requestId && l.level === 50 && l.msg === "unhandled error")).toBe(
      true,
    );
  });

  it("the platform API answers 503 (retry) for a batch it could not store, and says nothing of why", async () => {
    const events = worldEvents("broken").map((e) => ({ ...e, occurredAt: NOW.toISOString() }));
    const res = await postEvents(app.base, { events }, { now: NOW });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  });
});

describe("client mistakes", () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const logs = captureLogs();

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { now: () => NOW, log: logs.log });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it("a tRPC body that is not JSON answers 400 and is logged at info, without a stack", async () => {
    const res = await fetch(`${app.base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(res.status).toBe(400);
    const requestId = res.headers.get("x-request-id");
    const lines = logs.lines.filter((l) => l.requestId === requestId);
    expect(lines.find((l) => l.msg === "procedure refused")).toMatchObject({ level: 30, code: "BAD_REQUEST" });
    expect(lines.every((l) => (l.level as number) < 40)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("stack");
  });

  it("platform bodies that are not JSON, too large or in an unknown encoding are 4xx logged below warn, without a stack", async () => {
    const events = `${app.base}/api/v1/events`;
    const bad = await fetch(events, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders(TEST_KEY, { method: "POST", path: new URL(events).pathname, body: "{nope" }, NOW),
      },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    const huge = await fetch(events, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(6 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    const encoded = await fetch(events, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "bogus" },
      body: "{}",
    });
    expect(encoded.status).toBe(415);
    expect(
      logs.lines.find((l) => l.requestId === encoded.headers.get("x-request-id") && l.msg === "request refused"),
    ).toMatchObject({ level: 30, status: 415 });
    for (const res of [bad, huge, encoded]) {
      const lines = logs.lines.filter((l) => l.requestId === res.headers.get("x-request-id"));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => (l.level as number) < 40)).toBe(true);
      expect(JSON.stringify(lines)).not.toContain("stack");
    }
  });
});
