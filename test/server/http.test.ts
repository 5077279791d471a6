// The HTTP edge: health, security headers, request limits, cookies over https, staff-only media, the SPA
// fallback, structured logs without secrets, and a shutdown that lets in-flight requests finish.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { loadConfig } from "../../server/config.ts";
import { startTestApp } from "../support/app-server.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { startServer } from "../../server/boot.ts";
import { createTestDatabase, dropPostgresDatabase } from "../support/db.ts";
import { createStaff, sessionTokenFor, TEST_PASSWORD } from "../support/staff.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { TEST_AUDIT_KEY_HEX, temporaryCheckpointFile } from "../support/audit.ts";

describe("HTTP app", () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let base: string;
  let clientDir: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-client-"));
    fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>Vigil</title>");
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    app = await startTestApp(db, { log: createLogger("info", sink), clientDir });
    base = app.base;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  it("reports health with the database kind", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: db.kind });
  });

  it("sends a strict CSP and refuses framing on every response", async () => {
    for (const url of [`${base}/`, `${base}/queues/appeal`, `${base}/trpc/auth.me`]) {
      const res = await fetch(url);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("serves the client for any page path", async () => {
    const res = await fetch(`${base}/queues/deepfake_report?sort=oldest`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>Vigil</title>");
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers unknown API paths with JSON 404, not the client", async () => {
    const res = await fetch(`${base}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "No such API endpoint." });
  });

  it("refuses bodies over 1 MB with 413", async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.co", password: "x".repeat(1_200_000) }),
    });
    expect(res.status).toBe(413);
  });

  it("refuses cross-origin and non-JSON posts", async () => {
    const cross = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: "{}",
    });
    expect(cross.status).toBe(403);
    const form = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a&password=b",
    });
    expect(form.status).toBe(415);
  });

  it("serves media to signed-in staff only", async () => {
    const post = await insertPost(db, (await insertAccount(db)).id, "a lighthouse keeper & her <cat>");
    const anonymous = await fetch(`${base}${post.posterUrl}`);
    expect(anonymous.status).toBe(401);
    const staff = await createStaff(db, "moderator");
    const cookie = `vigil_session=${await sessionTokenFor(db, staff)}`;
    const res = await fetch(`${base}${post.posterUrl}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    expect(await res.text()).toContain("&lt;cat&gt;");
  });

  it("logs each request and procedure as JSON with request id, user and duration, never the password", async () => {
    const staff = await createStaff(db, "staff");
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-under-test" },
      body: JSON.stringify({ email: staff.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const mine = logLines.filter((l) => l.requestId === "req-under-test");
    expect(mine.find((l) => l.msg === "procedure")).toMatchObject({
      procedure: "auth.signIn",
      durationMs: expect.any(Number),
    });
    expect(mine.find((l) => l.msg === "request")).toMatchObject({
      method: "POST",
      path: "/trpc/auth.signIn",
      status: 200,
    });
    expect(JSON.stringify(logLines)).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(logLines)).not.toContain("vigil_session=");
  });

  it("marks the session cookie Secure behind an https proxy, and not over plain http", async () => {
    const staff = await createStaff(db, "moderator");
    const signIn = (url: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ email: staff.email, password: TEST_PASSWORD }),
      });
    expect((await signIn(base)).headers.get("set-cookie")).not.toContain("Secure");

    const behindProxy = await startTestApp(db, { trustProxy: 1 });
    try {
      const res = await signIn(behindProxy.base, { "x-forwarded-proto": "https" });
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
    } finally {
      await behindProxy.close();
    }
  });
});

describe("graceful shutdown", () => {
  it("finishes a request that is in flight, then closes the database", async () => {
    const checkpoint = temporaryCheckpointFile();
    onTestFinished(() => checkpoint.remove());
    const env = {
      PORT: "1",
      HOST: "127.0.0.1",
      VIGIL_SEED_DEMO: "false",
      VIGIL_AUDIT_KEY: TEST_AUDIT_KEY_HEX,
      VIGIL_AUDIT_CHECKPOINT_FILE: checkpoint.file,
    };
    const config = { ...loadConfig(env), port: 0, clientDir: "/nonexistent" };
    config.database = process.env.TEST_DATABASE_URL
      ? { kind: "postgresql", url: `${process.env.TEST_DATABASE_URL.replace(/\/[^/]*$/, "")}/vigil_t_shutdown` }
      : { kind: "pglite", dataDir: null };
    const running = await startServer(config, createLogger("silent"));
    const url = new URL(running.url!);

    // Send the headers and half of the body, ask the server to stop, then send the rest.
    const body = JSON.stringify({ email: "nobody@vigil.test", password: "not the password" });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: "/trpc/auth.signIn",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let data = "";
          res.on("data", (d) => (data += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = running.stop();
    const answer = await response;
    expect(answer.status).toBe(401);
    expect(answer.body).toContain("Email or password is incorrect.");
    await stopped;
    await expect(running.db.sql.query("SELECT 1")).rejects.toThrow();
    if (process.env.TEST_DATABASE_URL) await dropPostgresDatabase(process.env.TEST_DATABASE_URL, "vigil_t_shutdown");
  });
});
