// The platform redeems invite codes through the signed API: atomic under concurrency, retry-safe, and every
// refusal a reason the platform can show. Runs on PGlite, and on PostgreSQL (a pool of real connections) when
// TEST_DATABASE_URL is set.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { signedHeaders, type PlatformKey } from "../../server/platform/signature.ts";
import { TEST_KEY } from "../support/platform.ts";
import { useTestApp } from "../support/app-server.ts";
import { insertAccount } from "../support/fixtures.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { bareCode, CODE_ALPHABET, formatCode, generateCodes } from "../../server/domain/invites/code-format.ts";
import { auditRedemptions, redeemInvite } from "../../server/domain/invites/redeem.ts";
import type { Database } from "../../server/db/client.ts";
import { buildOpenApiDocument } from "../../server/platform/openapi.ts";
import { REDEEM_REFUSALS } from "../../server/contracts/invites.ts";

type Body = { error?: string; reason?: string; suggestion?: string; retryAfterSeconds?: number; [k: string]: unknown };

async function redeem(base: string, body: unknown, key: PlatformKey = TEST_KEY) {
  const raw = JSON.stringify(body);
  const res = await fetch(`${base}/api/v1/invites/redeem`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...signedHeaders(key, { method: "POST", path: "/api/v1/invites/redeem", body: raw }, new Date()),
    },
    body: raw,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

async function waveWithCodes(db: Database, settings: Record<string, unknown> = {}, count = 5) {
  const admin = await createStaff(db, "admin");
  const api = callerFor(db, admin);
  const wave = await api.inviteWave.create({
    name: `Wave ${crypto.randomUUID().slice(0, 6)}`,
    targetSize: 1_000,
    usesPerCode: 1,
    ...settings,
  });
  await api.inviteWave.setStatus({ waveId: wave.id, status: "active" });
  const batch = await api.inviteWave.issueBatch({ waveId: wave.id, count });
  const codes = (await db.prisma.inviteCode.findMany({ where: { batchId: batch.id }, orderBy: { id: "asc" } })).map(
    (c) => c.code,
  );
  return { api, wave, codes };
}

const accounts = async (db: Database, n: number) =>
  Promise.all(Array.from({ length: n }, () => insertAccount(db))).then((a) => a.map((x) => x.id));

/** The code with the character at `i` replaced by the next one in the alphabet: a single typo. */
function typo(code: string, i: number): string {
  const bare = bareCode(code);
  const next = CODE_ALPHABET[(CODE_ALPHABET.indexOf(bare[i]!) + 1) % CODE_ALPHABET.length]!;
  return formatCode(bare.slice(0, i) + next + bare.slice(i + 1));
}

describe("POST /api/v1/invites/redeem", () => {
  const app = useTestApp();

  it("redeems a code: one use taken, the redemption recorded and audited, the member's allotment issued", async () => {
    const { wave, codes } = await waveWithCodes(app.db, { allotment: 2, regions: ["US"], platforms: ["ios"] });
    const [accountId] = await accounts(app.db, 1);
    const res = await redeem(app.base, {
      code: codes[0]!.toLowerCase().replace(/-/g, " "),
      accountId,
      region: "US",
      platform: "ios",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: codes[0],
      waveId: wave.id,
      accountId,
      inviterAccountId: null,
      usesLeft: 0,
      replayed: false,
    });
    expect(res.body.allotment).toHaveLength(2);
    const code = await app.db.prisma.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } });
    expect(code.useCount).toBe(1);
    expect(await app.db.prisma.redemption.findUniqueOrThrow({ where: { accountId: accountId! } })).toMatchObject({
      codeId: code.id,
      region: "US",
      platform: "ios",
      keyId: TEST_KEY.id,
    });
    expect((await app.db.prisma.account.findUniqueOrThrow({ where: { id: accountId! } })).invitedByCodeId).toBe(
      code.id,
    );
    // the audit row follows from the invite worker, exactly once however often it runs
    expect(await auditRedemptions(app.db, new Date())).toBeGreaterThanOrEqual(1);
    expect(await auditRedemptions(app.db, new Date())).toBe(0);
    const audits = await app.db.prisma.auditLog.findMany({
      where: { action: "invite.redeem", subjectId: code.id, actorType: "platform" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ accountId, region: "US", platform: "ios", keyId: TEST_KEY.id });
    expect(await app.db.prisma.redemption.count({ where: { auditedAt: null } })).toBe(0);
    const shared = await app.db.prisma.inviteCode.findMany({ where: { issuerAccountId: accountId! } });
    expect(shared.map((c) => c.code).sort()).toEqual((res.body.allotment as string[]).sort());
    expect(shared.every((c) => c.maxUses === 1 && c.waveId === wave.id)).toBe(true);

    // the platform lost the answer and sends the same request again: the same answer, nothing taken twice
    const again = await redeem(app.base, { code: codes[0], accountId, region: "US", platform: "ios" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      redemptionId: res.body.redemptionId,
      replayed: true,
      allotment: res.body.allotment,
    });
    expect((await app.db.prisma.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } })).useCount).toBe(1);
  });

  it("lets exactly 5 of 50 concurrent redemptions of a 5-use code through", async () => {
    const { codes } = await waveWithCodes(app.db, { usesPerCode: 5 }, 1);
    const ids = await accounts(app.db, 50);
    const results = await Promise.all(ids.map((accountId) => redeem(app.base, { code: codes[0], accountId })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(5);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.reason === "exhausted")).toBe(true);
    const code = await app.db.prisma.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } });
    expect(code.useCount).toBe(5);
    expect(await app.db.prisma.redemption.count({ where: { codeId: code.id } })).toBe(5);
  });

  it("lets an account redeem once, even when it tries two codes at the same moment", async () => {
    const { codes } = await waveWithCodes(app.db, {}, 4);
    const [accountId] = await accounts(app.db, 1);
    const [a, b] = await Promise.all([
      redeem(app.base, { code: codes[0], accountId }),
      redeem(app.base, { code: codes[1], accountId }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    expect([a, b].find((r) => r.status === 422)!.body.reason).toBe("already_redeemed");
    expect(
      await app.db.prisma.inviteCode.aggregate({
        where: { code: { in: codes.slice(0, 2) } },
        _sum: { useCount: true },
      }),
    ).toMatchObject({ _sum: { useCount: 1 } });
    expect((await redeem(app.base, { code: codes[2], accountId })).body.reason).toBe("already_redeemed");
  });

  it("refuses with a reason for each rule, and changes nothing", async () => {
    const { api, wave, codes } = await waveWithCodes(
      app.db,
      { regions: ["US", "CA"], platforms: ["ios"], expiresAt: "2030-01-01T00:00:00Z" },
      6,
    );
    const ids = await accounts(app.db, 12);
    const body = (code: string, i: number, extra: Record<string, unknown> = {}) => ({
      code,
      accountId: ids[i],
      region: "US",
      platform: "ios",
      ...extra,
    });
    const reasonOf = async (b: unknown) => {
      const r = await redeem(app.base, b);
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      return r.body;
    };

    expect(await reasonOf(body(codes[0]!, 0, { region: "DE" }))).toMatchObject({
      reason: "region_not_allowed",
      error: expect.stringContaining("US, CA"),
    });
    expect((await reasonOf(body(codes[0]!, 0, { platform: "android" }))).reason).toBe("platform_not_allowed");

    await api.inviteWave.setStatus({ waveId: wave.id, status: "paused" });
    const paused = await reasonOf(body(codes[0]!, 1));
    expect(paused.reason).toBe("wave_paused");
    expect(paused.error).toContain("wave paused");
    await api.inviteWave.setStatus({ waveId: wave.id, status: "active" });

    await api.inviteWave.revoke({ type: "code", codes: [codes[1]!], reason: "Leaked" });
    expect((await reasonOf(body(codes[1]!, 2))).reason).toBe("revoked");

    expect((await redeem(app.base, body(codes[2]!, 3))).status).toBe(200);
    expect((await reasonOf(body(codes[2]!, 4))).reason).toBe("exhausted");

    await app.db.prisma.inviteCode.update({
      where: { code: codes[3]! },
      data: { expiresAt: new Date("2020-01-01T00:00:00Z") },
    });
    expect(await reasonOf(body(codes[3]!, 5))).toMatchObject({
      reason: "expired",
      error: expect.stringContaining("2020-01-01"),
    });

    const inviter = await insertAccount(app.db);
    await app.db.prisma.inviteCode.update({ where: { code: codes[4]! }, data: { issuerAccountId: inviter.id } });
    await app.db.prisma.account.update({ where: { id: inviter.id }, data: { status: "suspended" } });
    expect((await reasonOf(body(codes[4]!, 6))).reason).toBe("inviter_suspended");

    const notFound = await reasonOf(body(generateCodes(1)[0]!, 7));
    expect(notFound.reason).toBe("unknown");
    expect(notFound).not.toHaveProperty("suggestion");
    expect((await reasonOf(body("HELLO", 7))).reason).toBe("unknown");
    expect(await reasonOf(body(codes[5]!, 8, { accountId: "acc_never_sent" }))).toMatchObject({
      reason: "unknown_account",
      error: expect.stringContaining("account.upserted"),
    });

    await api.inviteWave.setStatus({ waveId: wave.id, status: "closed" });
    expect((await reasonOf(body(codes[5]!, 9))).reason).toBe("wave_closed");

    const draft = await api.inviteWave.create({ name: "Not yet", targetSize: 10, usesPerCode: 1 });
    const draftBatch = await api.inviteWave.issueBatch({ waveId: draft.id, count: 1 });
    const draftCode = (await app.db.prisma.inviteCode.findFirstOrThrow({ where: { batchId: draftBatch.id } })).code;
    expect((await reasonOf(body(draftCode, 10))).reason).toBe("wave_not_open");

    // only the one successful redemption above changed anything
    expect(await app.db.prisma.redemption.count({ where: { accountId: { in: ids } } })).toBe(1);
    expect(
      await app.db.prisma.inviteCode.aggregate({ where: { waveId: wave.id }, _sum: { useCount: true } }),
    ).toMatchObject({ _sum: { useCount: 1 } });
  });

  it("suggests the code a single typo or swap came from", async () => {
    const { codes } = await waveWithCodes(app.db, {}, 3);
    const [accountId] = await accounts(app.db, 1);
    const wrong = typo(codes[0]!, 5);
    const r = await redeem(app.base, { code: wrong, accountId });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      reason: "unknown",
      suggestion: codes[0],
      error: `No invite code matches; did you mean ${codes[0]}?`,
    });
    const bare = bareCode(codes[1]!);
    const i = [...bare].findIndex((c, j) => j < 11 && c !== bare[j + 1]);
    const swapped = bare.slice(0, i) + bare[i + 1] + bare[i] + bare.slice(i + 2);
    expect((await redeem(app.base, { code: swapped, accountId })).body.suggestion).toBe(codes[1]);
    // the suggestion is only a hint: the typo itself redeemed nothing
    expect((await app.db.prisma.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } })).useCount).toBe(0);
  });

  it("refuses unsigned and malformed requests without a 500", async () => {
    const unsigned = await fetch(`${app.base}/api/v1/invites/redeem`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(unsigned.status).toBe(401);
    const wrongKey = await redeem(
      app.base,
      { code: "X", accountId: "a" },
      { id: TEST_KEY.id, secret: "not-the-secret-at-all" },
    );
    expect(wrongKey.status).toBe(401);
    const bad = await redeem(app.base, {
      code: "ABCD-EFGH-JKLM",
      accountId: "has spaces",
      region: "usa",
      platform: "nokia",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/accountId: .*region: .*platform: /);
    const raw = "{not json";
    const notJson = await fetch(`${app.base}/api/v1/invites/redeem`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders(TEST_KEY, { method: "POST", path: "/api/v1/invites/redeem", body: raw }, new Date()),
      },
      body: raw,
    });
    expect(notJson.status).toBe(400);
  });

  it("rate-limits failed redemptions per account with 429 and Retry-After, without touching other accounts", async () => {
    const { codes } = await waveWithCodes(app.db, {}, 1);
    const [guesser, honest] = await accounts(app.db, 2);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await redeem(app.base, { code: generateCodes(1)[0], accountId: guesser })).status);
    expect(statuses).toEqual([...Array(10).fill(422), 429, 429]);
    const limited = await redeem(app.base, { code: codes[0], accountId: guesser });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3_000);
    expect(limited.body).toMatchObject({
      reason: "rate_limited",
      retryAfterSeconds: Number(limited.headers.get("retry-after")),
    });
    expect((await redeem(app.base, { code: codes[0], accountId: honest })).status).toBe(200);
  });
});

describe("the published contract for redemption", () => {
  it("documents the endpoint, every refusal reason and that the account must be sent first", () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, { post: { description: string; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties: { reason: { enum: string[] } } }> };
    };
    const redeemPath = doc.paths["/api/v1/invites/redeem"]!.post;
    expect(Object.keys(redeemPath.responses)).toEqual(
      expect.arrayContaining(["200", "400", "401", "422", "429", "503"]),
    );
    expect(redeemPath.description).toContain("account.upserted");
    expect(doc.components.schemas.InviteRedeemRefusal!.properties.reason.enum).toEqual(
      expect.arrayContaining([...REDEEM_REFUSALS, "rate_limited"]),
    );
  });
});

describe("guessing invite codes", () => {
  const app = useTestApp();

  it(
    "10,000 random guesses find nothing and are cut off by the per-account and per-key windows",
    { timeout: 180_000 },
    async () => {
      await waveWithCodes(app.db, {}, 2_000);
      const guessers = await accounts(app.db, 40);
      const now = new Date();
      const limits = { perAccount: { limit: 10, windowSeconds: 3_600 }, perKey: { limit: 300, windowSeconds: 600 } };
      const guesses = generateCodes(10_000).map((code, i) => (i % 2 ? code : typo(code, i % 12)));
      const outcomes: string[] = [];
      for (let i = 0; i < guesses.length; i += 50) {
        const slice = guesses.slice(i, i + 50);
        const results = await Promise.all(
          slice.map((code, j) =>
            redeemInvite(
              app.db,
              { code, accountId: guessers[(i + j) % guessers.length]! },
              { keyId: "guesser-key", now, limits },
            ),
          ),
        );
        for (const r of results) {
          expect(r.ok, "a guess redeemed a code").toBe(false);
          if (!r.ok) {
            outcomes.push(r.reason);
            if (r.reason === "unknown") expect(r).not.toHaveProperty("suggestion");
          }
        }
      }
      const unknown = outcomes.filter((o) => o === "unknown").length;
      // 40 accounts × 10 would allow 400; the key's window stops the whole key at 300 (a few more may race in)
      expect(unknown).toBeGreaterThanOrEqual(300);
      expect(unknown).toBeLessThan(360);
      expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(10_000 - unknown);
      expect(await app.db.prisma.redemption.count()).toBe(0);

      // another key (another platform integration) is not affected, and successes do not spend the budget
      const { codes } = await waveWithCodes(app.db, {}, 5);
      const fresh = await accounts(app.db, 6);
      const small = { perAccount: { limit: 10, windowSeconds: 3_600 }, perKey: { limit: 2, windowSeconds: 600 } };
      const at = (key: string, code: string, accountId: string) =>
        redeemInvite(app.db, { code, accountId }, { keyId: key, now, limits: small });
      expect((await at("other-key", generateCodes(1)[0]!, fresh[0]!)).ok).toBe(false);
      for (let i = 0; i < 5; i++) expect((await at("other-key", codes[i]!, fresh[i + 1]!)).ok).toBe(true);
      expect(await at("other-key", generateCodes(1)[0]!, fresh[0]!)).toMatchObject({ ok: false, reason: "unknown" });
      expect(await at("other-key", generateCodes(1)[0]!, fresh[0]!)).toMatchObject({ ok: false, status: 429 });
    },
  );
});
