// Redeeming an invite code for the platform. The use is taken by one conditional UPDATE (useCount < maxUses and
// every other rule in its WHERE), in the same statement as the Redemption insert, so concurrent redemptions of
// one code can never exceed its uses; Redemption.accountId is unique, so an account joins once. Only when the
// UPDATE matches nothing is the code read again, to say why. The Redemption row is the platform's record of the
// action; its audit-log row follows within seconds from the invite worker (auditRedemptions), exactly once,
// because the audit chain's lock would otherwise serialise every sign-up.
import { isUniqueViolation } from "../../lib/unique-violation.ts";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { readCode, type CodeShape } from "./code-format.ts";
import { insertCodes } from "./issuing.ts";
import {
  DEFAULT_GUESS_LIMITS,
  guessWindowSql,
  prismaQuery,
  recordRedeemFailure,
  redeemPrecheck,
  waitSeconds,
  type GuessLimits,
  type RunQuery,
} from "./rate-limit.ts";
import type { RedeemRefusal, RedeemRequest } from "../../contracts/invites.ts";
import { sql } from "../../db/sql.ts";

export interface RedeemOptions {
  keyId: string;
  requestId?: string | null;
  now: Date;
  limits?: GuessLimits;
}

export interface Redeemed {
  redemptionId: string;
  code: string;
  codeId: string;
  waveId: string;
  accountId: string;
  /** the member who shared the code, when it was one of their allotment */
  inviterAccountId: string | null;
  usesLeft: number;
  /** codes the new member may now share (the wave's allotment) */
  allotment: string[];
  /** true when this account had already redeemed this same code: a repeated request, answered again */
  replayed: boolean;
}

export type RedeemOutcome =
  | { ok: true; redeemed: Redeemed }
  | { ok: false; status: 422; reason: RedeemRefusal; message: string; suggestion?: string }
  | { ok: false; status: 429; reason: "rate_limited"; message: string; retryAfterSeconds: number };

type Refusal = Extract<RedeemOutcome, { status: 422 }>;

const refuse = (reason: RedeemRefusal, message: string, suggestion?: string): Refusal => ({
  ok: false,
  status: 422,
  reason,
  message,
  ...(suggestion ? { suggestion } : {}),
});

const unknownAccount = (accountId: string) =>
  refuse(
    "unknown_account",
    `Vigil does not know account ${accountId} yet: send its account.upserted event first, then redeem.`,
  );

/** Refusals that say nothing about guessing: the platform's own integration mistakes. */
const NOT_A_GUESS: ReadonlySet<string> = new Set(["unknown_account"]);

export async function redeemInvite(db: Database, req: RedeemRequest, opts: RedeemOptions): Promise<RedeemOutcome> {
  const scopes = { account: req.accountId, key: opts.keyId };
  const limits = opts.limits ?? DEFAULT_GUESS_LIMITS;
  const shape = readCode(req.code);
  let outcome: RedeemOutcome;
  if (shape.kind === "valid") {
    outcome = await redeemWellFormed(db, shape.code, req, opts, limits);
  } else {
    const pre = await redeemPrecheck(hotQuery(db), scopes, limits, opts.now);
    // Before anything about the code: an unknown account learns nothing, so it cannot be used to probe codes.
    if (!pre.accountKnown) return unknownAccount(req.accountId);
    if (pre.waitSeconds > 0) return rateLimited(pre.waitSeconds);
    outcome = await refuseMistyped(db, shape);
  }
  if (!outcome.ok && outcome.status === 422 && !NOT_A_GUESS.has(outcome.reason))
    await recordRedeemFailure(db.prisma, scopes, opts.now);
  return outcome;
}

const rateLimited = (wait: number): RedeemOutcome => ({
  ok: false,
  status: 429,
  reason: "rate_limited",
  retryAfterSeconds: wait,
  message: `Too many refused redemptions for this account or key; try again in ${wait} s.`,
});

async function refuseMistyped(db: Database, shape: Exclude<CodeShape, { kind: "valid" }>): Promise<Refusal> {
  if (shape.kind === "malformed") {
    return refuse("unknown", "No invite code matches: codes have 12 letters and digits, like ABCD-EFGH-JK23.");
  }
  const found = shape.candidates.length
    ? await db.prisma.inviteCode.findMany({
        where: { code: { in: shape.candidates } },
        select: { code: true },
        take: 2,
      })
    : [];
  const suggestion = found.length === 1 ? found[0]!.code : undefined;
  return refuse(
    "unknown",
    suggestion
      ? `No invite code matches; did you mean ${suggestion}?`
      : "No invite code matches: one or more characters are mistyped.",
    suggestion,
  );
}

async function redeemWellFormed(
  db: Database,
  code: string,
  req: RedeemRequest,
  opts: RedeemOptions,
  limits: GuessLimits,
): Promise<RedeemOutcome> {
  for (let round = 0; round < 2; round++) {
    let row: TakenRow | undefined;
    try {
      // One statement takes the use, records the redemption and links the account: atomic without a transaction
      // and one round trip on the hot path. A concurrent redemption by the same account makes the INSERT fail,
      // which undoes the use too.
      const now = opts.now;
      const accountId = req.accountId;
      const region = req.region ?? null;
      const platform = req.platform ?? null;
      [row] = await hotQuery(db)<TakenRow>(
        sql`WITH gate AS (
           SELECT ${guessWindowSql({ account: accountId, key: opts.keyId }, limits, now)},
                  EXISTS (SELECT 1 FROM "Account" WHERE "id" = ${accountId}) AS known
         ),
         prior AS (
           SELECT rc."code" FROM "Redemption" r JOIN "InviteCode" rc ON rc."id" = r."codeId" WHERE r."accountId" = ${accountId}
         ),
         taken AS (
           UPDATE "InviteCode" c SET "useCount" = c."useCount" + 1
             FROM "InviteWave" w
            WHERE c."code" = ${code} AND w."id" = c."waveId"
              AND c."status" = 'active' AND w."status" = 'active' AND c."useCount" < c."maxUses"
              AND (c."expiresAt" IS NULL OR c."expiresAt" > ${now}::timestamptz)
              AND (w."expiresAt" IS NULL OR w."expiresAt" > ${now}::timestamptz)
              AND (cardinality(w."regions") = 0 OR ${region}::text = ANY(w."regions"))
              AND (cardinality(w."platforms") = 0 OR ${platform}::text = ANY(w."platforms"))
              AND NOT EXISTS (SELECT 1 FROM "Account" i WHERE i."id" = c."issuerAccountId" AND i."status" IN ('suspended', 'banned'))
              AND NOT EXISTS (SELECT 1 FROM prior)
              AND EXISTS (SELECT 1 FROM gate WHERE gate.known AND gate.a IS NULL AND gate.k IS NULL)
           RETURNING c."id", c."waveId", c."issuerAccountId", c."maxUses" - c."useCount" AS "usesLeft", w."allotment", w."expiresAt"
         ),
         redeemed AS (
           INSERT INTO "Redemption" ("id", "codeId", "accountId", "region", "platform", "keyId", "redeemedAt")
           SELECT ${uuidv7(now.getTime())}::uuid, taken."id", ${accountId}, ${region}, ${platform}, ${opts.keyId}, ${now}::timestamptz FROM taken
           RETURNING "id", "codeId"
         ),
         linked AS (
           UPDATE "Account" a SET "invitedByCodeId" = redeemed."codeId" FROM redeemed WHERE a."id" = ${accountId} AND a."invitedByCodeId" IS NULL RETURNING a."id"
         )
         SELECT gate.known, gate.a, gate.k, (SELECT "code" FROM prior) AS "priorCode", taken.*, redeemed."id" AS "redemptionId"
           FROM gate LEFT JOIN taken ON true LEFT JOIN redeemed ON true`,
      );
    } catch (err) {
      // The same account redeeming another code at this very moment: its Redemption row won.
      if (isUniqueViolation(err)) return alreadyRedeemed(req.accountId);
      throw err;
    }
    // Before anything about the code: an unknown account learns nothing, so it cannot be used to probe codes.
    if (!row?.known) return unknownAccount(req.accountId);
    const wait = waitSeconds(row.a, row.k, limits, opts.now);
    if (wait > 0) return rateLimited(wait);
    if (row.priorCode) {
      if (row.priorCode === code) return { ok: true, redeemed: await replay(db, req.accountId, opts.now) };
      return alreadyRedeemed(req.accountId);
    }
    if (!row?.id || !row.redemptionId) {
      const why = await whyRefused(db.prisma, code, req, opts.now);
      if (why) return why;
      continue;
    }
    return {
      ok: true,
      redeemed: {
        redemptionId: row.redemptionId,
        code,
        codeId: row.id,
        waveId: row.waveId,
        accountId: req.accountId,
        inviterAccountId: row.issuerAccountId,
        usesLeft: Number(row.usesLeft),
        allotment: await grantAllotment(
          db.prisma,
          req.accountId,
          { waveId: row.waveId, allotment: row.allotment, expiresAt: row.expiresAt },
          [],
          opts.now,
        ),
        replayed: false,
      },
    };
  }
  // The code changed between the refused UPDATE and the read that explains it, twice: say the likeliest.
  return refuse("exhausted", "This invite code has no uses left.");
}

interface TakenRow {
  known: boolean;
  a: Date | null;
  k: Date | null;
  priorCode: string | null;
  id: string | null;
  waveId: string;
  issuerAccountId: string | null;
  usesLeft: number;
  allotment: number;
  expiresAt: Date | null;
  redemptionId: string | null;
}

/**
 * The new member's codes to share, topped up to the wave's allotment. Written after the redemption: should that
 * step fail, the platform's retry of the same request (answered as a replay) issues what is missing.
 */
async function grantAllotment(
  tx: Tx,
  accountId: string,
  wave: { waveId: string; allotment: number; expiresAt: Date | null },
  have: string[],
  now: Date,
): Promise<string[]> {
  const codes = [...have];
  while (codes.length < wave.allotment) {
    codes.push(
      ...(await insertCodes(
        tx,
        wave.allotment - codes.length,
        { waveId: wave.waveId, batchId: null, issuerAccountId: accountId, maxUses: 1, expiresAt: wave.expiresAt },
        now,
      )),
    );
  }
  return codes.sort();
}

/** Redemptions not yet in the audit log get their row, up to `limit` per call, exactly once across processes. */
export async function auditRedemptions(db: Database, now: Date, limit = 2_000): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        codeId: string;
        accountId: string;
        region: string | null;
        platform: string | null;
        keyId: string | null;
        redeemedAt: Date;
      }[]
    >`
      SELECT "id", "codeId", "accountId", "region", "platform", "keyId", "redeemedAt" FROM "Redemption"
       WHERE "auditedAt" IS NULL ORDER BY "redeemedAt", "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    await appendAudit(
      tx,
      rows.map((r) => ({
        actorType: "platform" as const,
        action: "invite.redeem",
        subjectType: "invite_code",
        subjectId: r.codeId,
        details: {
          redemptionId: r.id,
          accountId: r.accountId,
          region: r.region,
          platform: r.platform,
          keyId: r.keyId,
          redeemedAt: r.redeemedAt.toISOString(),
        },
      })),
      now,
    );
    await tx.$executeRaw(
      sql`UPDATE "Redemption" SET "auditedAt" = ${now}::timestamptz WHERE "id" = ANY(string_to_array(${rows.map((r) => r.id).join(",")}, ',')::uuid[])`,
    );
    return rows.length;
  });
}

/**
 * The redemption statement is atomic on its own, so on PostgreSQL it goes straight to the pool (a Prisma round
 * trip costs several times the query). PGlite is one session shared with Prisma's transactions, so it stays there.
 */
function hotQuery(db: Database): RunQuery {
  return db.kind === "postgresql" ? (statement) => db.sql.query(statement) : prismaQuery(db.prisma);
}

const alreadyRedeemed = (accountId: string) =>
  refuse("already_redeemed", `Account ${accountId} already joined with an invite code; an account redeems once.`);

async function replay(db: Database, accountId: string, now: Date): Promise<Redeemed> {
  const r = await db.prisma.redemption.findUniqueOrThrow({
    where: { accountId },
    select: {
      id: true,
      code: {
        select: {
          id: true,
          code: true,
          waveId: true,
          issuerAccountId: true,
          maxUses: true,
          useCount: true,
          wave: { select: { allotment: true, expiresAt: true } },
        },
      },
    },
  });
  const have = await db.prisma.inviteCode.findMany({
    where: { issuerAccountId: accountId, waveId: r.code.waveId, batchId: null },
    select: { code: true },
  });
  return {
    redemptionId: r.id,
    code: r.code.code,
    codeId: r.code.id,
    waveId: r.code.waveId,
    accountId,
    inviterAccountId: r.code.issuerAccountId,
    usesLeft: r.code.maxUses - r.code.useCount,
    allotment: await grantAllotment(
      db.prisma,
      accountId,
      { waveId: r.code.waveId, allotment: r.code.wave.allotment, expiresAt: r.code.wave.expiresAt },
      have.map((c) => c.code),
      now,
    ),
    replayed: true,
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Why the conditional UPDATE matched nothing, most fundamental reason first; null when nothing is wrong now. */
async function whyRefused(tx: Tx, code: string, req: RedeemRequest, now: Date): Promise<Refusal | null> {
  const [c] = await tx.$queryRaw<
    {
      status: string;
      useCount: number;
      maxUses: number;
      expiresAt: Date | null;
      waveStatus: string;
      waveExpiresAt: Date | null;
      regions: string[];
      platforms: string[];
      issuerStatus: string | null;
    }[]
  >`SELECT c."status"::text AS "status", c."useCount", c."maxUses", c."expiresAt", w."status"::text AS "waveStatus", w."expiresAt" AS "waveExpiresAt",
           w."regions", w."platforms", i."status"::text AS "issuerStatus"
      FROM "InviteCode" c JOIN "InviteWave" w ON w."id" = c."waveId" LEFT JOIN "Account" i ON i."id" = c."issuerAccountId"
     WHERE c."code" = ${code}`;
  if (!c) return refuse("unknown", `No invite code ${code} exists.`);
  if (c.status === "revoked") return refuse("revoked", "This invite code was revoked and no longer works.");
  if (c.waveStatus === "closed")
    return refuse("wave_closed", "This invite code's wave is closed; it no longer admits new members.");
  if (c.waveStatus === "draft") return refuse("wave_not_open", "This invite code's wave has not opened yet.");
  if (c.waveStatus === "paused")
    return refuse("wave_paused", "Invites from this wave are on hold (wave paused); try again later.");
  const expiry = [c.expiresAt, c.waveExpiresAt].filter((d): d is Date => d !== null && d.getTime() <= now.getTime())[0];
  if (expiry) return refuse("expired", `This invite code expired on ${day(expiry)}.`);
  if (c.issuerStatus === "suspended" || c.issuerStatus === "banned") {
    return refuse(
      "inviter_suspended",
      "The member who shared this code can no longer invite people, so the code does not work.",
    );
  }
  if (c.regions.length && !(req.region && c.regions.includes(req.region))) {
    return refuse(
      "region_not_allowed",
      `This invite code is only valid in ${c.regions.join(", ")}${req.region ? `, not in ${req.region}` : "; send the sign-up's region"}.`,
    );
  }
  if (c.platforms.length && !(req.platform && c.platforms.includes(req.platform))) {
    return refuse(
      "platform_not_allowed",
      `This invite code is only valid on ${c.platforms.join(", ")}${req.platform ? `, not on ${req.platform}` : "; send the platform"}.`,
    );
  }
  if (c.useCount >= c.maxUses)
    return refuse("exhausted", `This invite code has been used ${c.useCount} of ${c.maxUses} times.`);
  return null;
}
