// No log line ever carries a credential. The whole staff account life runs over real HTTP against a logger that
// records everything down to trace level: sign-ins (right, wrong, with a code and a recovery code), enrolment,
// an admin's reset, password changes, refusals, and signed platform requests; then every line is searched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { createTestDatabase } from "../support/db.ts";
import { startTestApp } from "../support/app-server.ts";
import { capturedLogger } from "../support/captured-log.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { postEvents, TEST_KEY, worldEvents } from "../support/platform.ts";
import { testClock, totpCodeAt } from "../support/session-caller.ts";

describe("logs hold no secrets", () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const { log, lines } = capturedLogger("trace");
  const clock = testClock("2026-11-20T10:00:05Z");
  /** everything that must never reach a log line */
  const secrets = new Set<string>([TEST_PASSWORD, TEST_KEY.secret]);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { log, now: clock.now });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  async function trpc(path: string, input: unknown, cookie?: string, method: "GET" | "POST" = "POST") {
    const url = new URL(`${app.base}/trpc/${path}`);
    if (method === "GET" && input !== undefined) url.searchParams.set("input", JSON.stringify(input));
    const headers = { "content-type": "application/json", ...(cookie ? { cookie } : {}) };
    const res =
      method === "GET"
        ? await fetch(url, { headers })
        : await fetch(url, { method: "POST", headers, body: input === undefined ? undefined : JSON.stringify(input) });
    const setCookie = res.headers.get("set-cookie") ?? "";
    const token = /vigil_session=([^;]+)/.exec(setCookie)?.[1];
    if (token) secrets.add(token);
    const body = (await res.json()) as { result?: { data: Record<string, unknown> }; error?: { message: string } };
    return {
      status: res.status,
      data: body.result?.data,
      error: body.error,
      cookie: token ? `vigil_session=${token}` : undefined,
    };
  }

  it("signs in, enrols, resets, changes passwords and takes platform requests without logging a secret", async () => {
    const admin = await createStaff(db, "admin");
    const adminCookie = (await trpc("auth.signIn", { email: admin.email, password: TEST_PASSWORD })).cookie!;

    const firstPassword = "lee's very first passphrase";
    secrets.add(firstPassword);
    const created = await trpc(
      "staffUser.create",
      { email: "lee@vigil.test", displayName: "Lee", role: "staff", password: firstPassword },
      adminCookie,
    );
    expect(created.status).toBe(200);
    expect((await trpc("auth.signIn", { email: "lee@vigil.test", password: "a wrong guess at it" })).status).toBe(401);
    let lee = (await trpc("auth.signIn", { email: "lee@vigil.test", password: firstPassword })).cookie!;

    // Enrolment: the secret comes back once; the recovery codes once.
    const enrolment = await trpc("secondFactor.beginEnrolment", undefined, lee);
    const secret = enrolment.data!.secret as string;
    secrets.add(secret);
    secrets.add(enrolment.data!.uri as string);
    const confirmed = await trpc("secondFactor.confirmEnrolment", { code: await totpCodeAt(secret, clock.now()) }, lee);
    const recoveryCodes = confirmed.data!.recoveryCodes as string[];
    for (const code of recoveryCodes) {
      secrets.add(code);
      secrets.add(code.replaceAll("-", ""));
    }
    expect((await trpc("secondFactor.status", undefined, lee, "GET")).data).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    expect((await trpc("auth.signOut", undefined, lee)).status).toBe(200);

    // The code step: a wrong code, a right one, a recovery code.
    clock.advance(30_000);
    expect((await trpc("auth.signIn", { email: "lee@vigil.test", password: firstPassword })).data).toEqual({
      secondFactorRequired: true,
    });
    expect(
      (await trpc("auth.signIn", { email: "lee@vigil.test", password: firstPassword, code: "000000" })).status,
    ).toBe(401);
    lee = (
      await trpc("auth.signIn", {
        email: "lee@vigil.test",
        password: firstPassword,
        code: await totpCodeAt(secret, clock.now()),
      })
    ).cookie!;
    expect(
      (await trpc("auth.signIn", { email: "lee@vigil.test", password: firstPassword, code: recoveryCodes[0] })).status,
    ).toBe(200);

    // Lee changes the password; then the admin resets it and Lee must choose another.
    const secondPassword = "lee's second passphrase here";
    secrets.add(secondPassword);
    expect(
      (await trpc("auth.changePassword", { currentPassword: "wrong current one", newPassword: secondPassword }, lee))
        .status,
    ).toBe(400);
    expect(
      (await trpc("auth.changePassword", { currentPassword: firstPassword, newPassword: secondPassword }, lee)).status,
    ).toBe(200);
    const sessions = await trpc("session.list", undefined, lee, "GET");
    expect(sessions.status).toBe(200);

    const reset = await trpc("staffUser.resetPassword", { id: created.data!.id }, adminCookie);
    const temporaryPassword = reset.data!.temporaryPassword as string;
    secrets.add(temporaryPassword);
    clock.advance(30_000);
    const held = (
      await trpc("auth.signIn", {
        email: "lee@vigil.test",
        password: temporaryPassword,
        code: await totpCodeAt(secret, clock.now()),
      })
    ).cookie!;
    expect((await trpc("case.queues", undefined, held, "GET")).status).toBe(403);
    const thirdPassword = "lee's third and final passphrase";
    secrets.add(thirdPassword);
    expect(
      (await trpc("auth.changePassword", { currentPassword: temporaryPassword, newPassword: thirdPassword }, held))
        .status,
    ).toBe(200);
    expect((await trpc("secondFactor.disable", { password: "not it at all", code: "123456" }, held)).status).toBe(400);

    // The platform: a signed batch, a signed feed read, and a request with a bad signature.
    expect((await postEvents(app.base, { events: worldEvents() }, { now: clock.now() })).status).toBe(200);
    const feed = await fetch(`${app.base}/api/v1/hash-bank`, {
      headers: signedHeaders(TEST_KEY, { method: "GET", path: "/api/v1/hash-bank", body: "" }, clock.now()),
    });
    expect(feed.status).toBe(200);
    expect(
      (
        await postEvents(
          app.base,
          { events: worldEvents() },
          { now: clock.now(), key: { id: TEST_KEY.id, secret: "not-the-secret-at-all" } },
        )
      ).status,
    ).toBe(401);

    // The log was written (so an empty capture cannot pass), and names what happened without its secrets.
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.some((l) => l.includes('"procedure":"auth.signIn"'))).toBe(true);
    expect(lines.some((l) => l.includes('"procedure":"secondFactor.confirmEnrolment"'))).toBe(true);
    expect(lines.some((l) => l.includes('"path":"/api/v1/events"'))).toBe(true);
    expect(secrets.size).toBeGreaterThan(25);
    const leaks = [...secrets].flatMap((secret) =>
      lines.filter((l) => l.includes(secret)).map((l) => `${secret.slice(0, 4)}… in ${l}`),
    );
    expect(leaks).toEqual([]);
  });
});
