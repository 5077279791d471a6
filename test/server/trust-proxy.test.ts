// VIGIL_TRUST_PROXY: only a hop count or the proxies' subnets, never "trust everyone"; and behind one trusted hop
// a client rotating X-Forwarded-For still meets the per-address sign-in limit, because only the hop the proxy
// appended is believed. Also the start-up checks of the sign-in limit settings.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG, loadConfig } from "../../server/config.ts";
import type { TrustProxy } from "../../server/http/trust-proxy.ts";
import { createTestDatabase } from "../support/db.ts";
import { startTestApp } from "../support/app-server.ts";
import { startServerProcess } from "../support/server-process.ts";
import { createStaff } from "../support/staff.ts";

const configError = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe("VIGIL_TRUST_PROXY", () => {
  it.each(["true", "TRUE", "yes", "*"])("refuses %s: any client could choose its own IP address", (value) => {
    const message = configError({ VIGIL_TRUST_PROXY: value });
    expect(message).toContain("VIGIL_TRUST_PROXY");
    expect(message).toContain("would let any client choose its own IP address with an X-Forwarded-For header");
    expect(message).toContain(
      "Set the number of proxies in front of Vigil (for example 1) or their addresses or subnets",
    );
  });

  it.each([
    ["garbage", '"garbage" is not an IP address, a subnet (address/prefix) or one of loopback, linklocal, uniquelocal'],
    ["false", '"false" is not an IP address'],
    ["10.0.0.1, not-a-proxy", '"not-a-proxy" is not an IP address'],
    ["10.0.0.0/33", '"10.0.0.0/33" needs a prefix length from 1 to 32'],
    ["fd00::/abc", '"fd00::/abc" needs a prefix length from 1 to 128'],
    ["0.0.0.0/0", '"0.0.0.0/0" is every address, which would let any client choose its own IP address'],
    ["::/0", '"::/0" is every address'],
    ["10.0.0.1,,10.0.0.2", "an empty entry in the list"],
    ["0", "a hop count must be from 1 to 10"],
    ["11", "a hop count must be from 1 to 10"],
  ])("refuses %s and says why", (value, reason) => {
    expect(configError({ VIGIL_TRUST_PROXY: value })).toContain(reason);
  });

  it.each<[string | undefined, TrustProxy]>([
    [undefined, false],
    ["", false],
    ["1", 1],
    ["3", 3],
    ["10.0.0.0/8", ["10.0.0.0/8"]],
    ["10.1.2.3, 192.168.0.0/16,fd00::/8", ["10.1.2.3", "192.168.0.0/16", "fd00::/8"]],
    ["loopback, linklocal, uniquelocal", ["loopback", "linklocal", "uniquelocal"]],
  ])("accepts %s", (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { VIGIL_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it("stops the server at start with the reason", { timeout: 60_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-trust-proxy-"));
    try {
      const outcome = await startServerProcess({
        VIGIL_TRUST_PROXY: "true",
        DATABASE_URL: "",
        VIGIL_DATA_DIR: dataDir,
      }).then(
        async (server) => {
          await server.stop();
          return "started";
        },
        (err: Error) => err.message,
      );
      expect(outcome).toMatch(
        /^server exited with 2:[\s\S]*VIGIL_TRUST_PROXY "true" is refused: trusting every proxy would let any client choose its own IP address/,
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("sign-in limit settings", () => {
  it("have defaults and read each variable", () => {
    expect(loadConfig({}).auth).toMatchObject({
      maxFailures: 10,
      maxFailuresPerIp: 50,
      maxFailuresPerAccount: 100,
      slowdownSeconds: 5,
      windowMinutes: 15,
    });
    const env = {
      VIGIL_SIGNIN_MAX_FAILURES: "5",
      VIGIL_SIGNIN_MAX_FAILURES_PER_IP: "20",
      VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT: "40",
      VIGIL_SIGNIN_SLOWDOWN_SECONDS: "3",
      VIGIL_SIGNIN_WINDOW_MINUTES: "30",
    };
    expect(loadConfig(env).auth).toMatchObject({
      maxFailures: 5,
      maxFailuresPerIp: 20,
      maxFailuresPerAccount: 40,
      slowdownSeconds: 3,
      windowMinutes: 30,
    });
  });

  it("refuse an account ceiling that one address could reach, a slow-down as long as the window, and non-numbers", () => {
    expect(configError({ VIGIL_SIGNIN_MAX_FAILURES: "10", VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT: "10" })).toContain(
      "VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT: VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT (10) must be larger than VIGIL_SIGNIN_MAX_FAILURES (10), or failures from one address would lock the account for everyone",
    );
    expect(configError({ VIGIL_SIGNIN_SLOWDOWN_SECONDS: "60", VIGIL_SIGNIN_WINDOW_MINUTES: "1" })).toContain(
      "VIGIL_SIGNIN_SLOWDOWN_SECONDS: VIGIL_SIGNIN_SLOWDOWN_SECONDS (60) must be shorter than the window of VIGIL_SIGNIN_WINDOW_MINUTES (60 seconds)",
    );
    expect(configError({ VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT: "many" })).toContain(
      'VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT must be a positive whole number, got "many"',
    );
  });
});

describe("behind one trusted proxy hop, a rotating X-Forwarded-For", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  // The proxy appends the address it saw (the attacker's) to whatever X-Forwarded-For the client sent.
  it.each<[string, TrustProxy, string]>([
    ["a hop count", 1, "198.51.100.200"],
    ["the proxy's subnet", ["loopback"], "198.51.100.201"],
  ])("still meets the per-address limit with %s configured", async (_, trustProxy, attacker) => {
    const start = new Date("2026-05-04T09:00:00Z").getTime();
    const now = () => new Date(start);
    const auth = { ...DEFAULT_AUTH_CONFIG, maxFailuresPerIp: 5 };
    const app = await startTestApp(db, { trustProxy, auth, now });
    const accounts = await Promise.all(Array.from({ length: 6 }, () => createStaff(db, "moderator")));
    try {
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (const [i, account] of accounts.entries()) {
        const res = await fetch(`${app.base}/trpc/auth.signIn`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `10.${i}.${i}.${i}, ${attacker}` },
          body: JSON.stringify({ email: account.email, password: "not their password" }),
        });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect(limited!.headers.get("retry-after")).toBe("900");
      expect(((await limited!.json()) as { error: { message: string } }).error.message).toBe(
        "Too many failed sign-ins from your network. Try again in 15 minutes.",
      );
      const recorded = await db.prisma.signInAttempt.findMany({
        where: { email: { in: accounts.map((a) => a.email) } },
        select: { ip: true },
      });
      expect(recorded.map((r) => r.ip)).toEqual(Array(5).fill(attacker));
    } finally {
      await app.close();
    }
  });
});
