// Who invited whom. The edges are redemptions of codes that belong to an inviting member: account → the code it
// redeemed (Redemption) → that code's issuer (InviteCode.issuerAccountId). Redemptions are the record even for
// accounts Vigil mirrors later; depth is bounded so a corrupt cycle cannot loop.
import type { Database } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { AbuseSignalsInput, TopInvitersInput, TreeInput } from "../../contracts/invites.ts";

const MAX_DEPTH = 64;
const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

export async function inviteTree({ prisma: tx }: Database, raw: unknown) {
  const input = parseInput(TreeInput, raw);
  const limit = input.limit ?? 100;
  // Staff know members by handle as often as by id: either finds them.
  const account = await tx.account.findFirst({
    where: { OR: [{ id: input.accountId }, { handle: input.accountId.replace(/^@/, "") }] },
    orderBy: { createdAt: "asc" },
    select: { id: true, handle: true, displayName: true, status: true, createdAt: true },
  });
  const accountId = account?.id ?? input.accountId;
  const joined = await tx.redemption.findUnique({
    where: { accountId: accountId },
    select: {
      redeemedAt: true,
      region: true,
      platform: true,
      code: { select: { id: true, code: true, issuerAccountId: true, wave: { select: { id: true, name: true } } } },
    },
  });
  const issuedCount = await tx.inviteCode.count({ where: { issuerAccountId: accountId } });
  if (!account && !joined && issuedCount === 0) throw notFound("Account");

  // Up the tree: the inviter, the inviter's inviter, … (depth 1 = the direct inviter).
  const inviters = await tx.$queryRaw<
    {
      depth: number;
      accountId: string;
      handle: string | null;
      displayName: string | null;
      status: string | null;
      code: string | null;
      waveId: string | null;
    }[]
  >`
    WITH RECURSIVE up("depth", "accountId", "path") AS (
      SELECT 1, c."issuerAccountId", ARRAY[r."accountId"]
        FROM "Redemption" r JOIN "InviteCode" c ON c."id" = r."codeId"
       WHERE r."accountId" = ${accountId} AND c."issuerAccountId" IS NOT NULL
      UNION ALL
      SELECT up."depth" + 1, c."issuerAccountId", up."path" || up."accountId"
        FROM up JOIN "Redemption" r ON r."accountId" = up."accountId" JOIN "InviteCode" c ON c."id" = r."codeId"
       WHERE c."issuerAccountId" IS NOT NULL AND up."depth" < ${MAX_DEPTH} AND NOT c."issuerAccountId" = ANY(up."path")
    )
    SELECT up."depth", up."accountId", a."handle", a."displayName", a."status"::text AS "status", jc."code", jc."waveId"
      FROM up LEFT JOIN "Account" a ON a."id" = up."accountId"
      LEFT JOIN "Redemption" jr ON jr."accountId" = up."accountId" LEFT JOIN "InviteCode" jc ON jc."id" = jr."codeId"
     ORDER BY up."depth"`;

  // Down one level, with each invitee's own fan-out.
  const invitees = await tx.$queryRaw<
    {
      accountId: string;
      handle: string | null;
      status: string | null;
      code: string;
      redeemedAt: Date;
      region: string | null;
      invitees: bigint;
    }[]
  >`
    SELECT r."accountId", a."handle", a."status"::text AS "status", c."code", r."redeemedAt", r."region",
           (SELECT count(*) FROM "InviteCode" c2 JOIN "Redemption" r2 ON r2."codeId" = c2."id" WHERE c2."issuerAccountId" = r."accountId") AS "invitees"
      FROM "InviteCode" c JOIN "Redemption" r ON r."codeId" = c."id" LEFT JOIN "Account" a ON a."id" = r."accountId"
     WHERE c."issuerAccountId" = ${accountId}
     ORDER BY r."redeemedAt", r."accountId"
     LIMIT ${limit}`;

  const [counts] = await tx.$queryRaw<
    { direct: bigint; descendants: bigint; suspended: bigint; maxDepth: number | null }[]
  >`
    WITH RECURSIVE down("accountId", "depth") AS (
      SELECT r."accountId", 1 FROM "InviteCode" c JOIN "Redemption" r ON r."codeId" = c."id" WHERE c."issuerAccountId" = ${accountId}
      UNION
      SELECT r."accountId", down."depth" + 1
        FROM down JOIN "InviteCode" c ON c."issuerAccountId" = down."accountId" JOIN "Redemption" r ON r."codeId" = c."id"
       WHERE down."depth" < ${MAX_DEPTH}
    )
    SELECT count(DISTINCT d."accountId") FILTER (WHERE d."depth" = 1) AS "direct",
           count(DISTINCT d."accountId") AS "descendants",
           count(DISTINCT d."accountId") FILTER (WHERE d."depth" = 1 AND a."status" IN ('suspended', 'banned')) AS "suspended",
           max(d."depth") AS "maxDepth"
      FROM down d LEFT JOIN "Account" a ON a."id" = d."accountId"`;

  const [codes] = await tx.$queryRaw<{ total: bigint; used: bigint; revoked: bigint }[]>`
    SELECT count(*) AS total, count(*) FILTER (WHERE "useCount" > 0) AS used, count(*) FILTER (WHERE "status" = 'revoked') AS revoked
      FROM "InviteCode" WHERE "issuerAccountId" = ${accountId}`;

  return {
    account: account ?? { id: accountId, handle: null, displayName: null, status: null, createdAt: null },
    joinedWith: joined
      ? {
          code: joined.code.code,
          codeId: joined.code.id,
          wave: joined.code.wave,
          inviterAccountId: joined.code.issuerAccountId,
          redeemedAt: joined.redeemedAt,
          region: joined.region,
          platform: joined.platform,
        }
      : null,
    /** 0 = joined with an admin-issued code (or before the console kept records) */
    depth: inviters.length,
    inviters: inviters.map((i) => ({ ...i, depth: n(i.depth) })),
    invitees: invitees.map((i) => ({ ...i, invitees: n(i.invitees) })),
    counts: {
      directInvitees: n(counts?.direct),
      allDescendants: n(counts?.descendants),
      suspendedInvitees: n(counts?.suspended),
      generationsBelow: n(counts?.maxDepth),
    },
    codes: { issued: n(codes?.total), used: n(codes?.used), revoked: n(codes?.revoked) },
  };
}

/** Members of a wave whose shared codes brought in the most people. */
export async function topInviters({ prisma: tx }: Database, raw: unknown) {
  const input = parseInput(TopInvitersInput, raw);
  const rows = await tx.$queryRaw<
    {
      accountId: string;
      handle: string | null;
      status: string | null;
      codes: bigint;
      invitees: bigint;
      suspendedInvitees: bigint;
    }[]
  >`
    SELECT c."issuerAccountId" AS "accountId", a."handle", a."status"::text AS "status",
           count(DISTINCT c."id") AS "codes", count(r."id") AS "invitees",
           count(r."id") FILTER (WHERE ia."status" IN ('suspended', 'banned')) AS "suspendedInvitees"
      FROM "InviteCode" c
      JOIN "Redemption" r ON r."codeId" = c."id"
      LEFT JOIN "Account" a ON a."id" = c."issuerAccountId"
      LEFT JOIN "Account" ia ON ia."id" = r."accountId"
     WHERE c."waveId" = ${input.waveId}::uuid AND c."issuerAccountId" IS NOT NULL
     GROUP BY 1, 2, 3
     ORDER BY "invitees" DESC, 1
     LIMIT ${input.limit ?? 20}`;
  return rows.map((r) => ({
    ...r,
    codes: n(r.codes),
    invitees: n(r.invitees),
    suspendedInvitees: n(r.suspendedInvitees),
  }));
}

/**
 * Three patterns worth a look: codes whose redeemers were later suspended or banned; codes redeemed from many
 * regions within a short time (resold); inviters with many suspended or banned invitees.
 */
export async function abuseSignals({ prisma: tx }: Database, raw: unknown) {
  const input = parseInput(AbuseSignalsInput, raw);
  const limit = input.limit ?? 50;
  const minRegions = input.resaleMinRegions ?? 3;
  const windowHours = input.resaleWindowHours ?? 24;
  const minSuspended = input.minSuspendedInvitees ?? 3;
  const wave = input.waveId ?? null;

  const suspendedRedeemers = await tx.$queryRaw<
    {
      codeId: string;
      code: string;
      waveId: string;
      issuerAccountId: string | null;
      redemptions: bigint;
      suspendedRedeemers: bigint;
    }[]
  >`
    SELECT c."id" AS "codeId", c."code", c."waveId", c."issuerAccountId",
           count(*) AS "redemptions", count(*) FILTER (WHERE a."status" IN ('suspended', 'banned')) AS "suspendedRedeemers"
      FROM "InviteCode" c JOIN "Redemption" r ON r."codeId" = c."id" JOIN "Account" a ON a."id" = r."accountId"
     WHERE (${wave}::uuid IS NULL OR c."waveId" = ${wave}::uuid)
     GROUP BY c."id"
    HAVING count(*) FILTER (WHERE a."status" IN ('suspended', 'banned')) > 0
     ORDER BY "suspendedRedeemers" DESC, c."id"
     LIMIT ${limit}`;

  // Each redemption opens a window; the widest spread of regions in any window is the code's score.
  const resold = await tx.$queryRaw<
    {
      codeId: string;
      code: string;
      waveId: string;
      issuerAccountId: string | null;
      useCount: number;
      regions: bigint;
      regionList: string[] | null;
      windowStart: Date;
    }[]
  >`
    SELECT * FROM (
      SELECT DISTINCT ON (c."id") c."id" AS "codeId", c."code", c."waveId", c."issuerAccountId", c."useCount",
             w."regions", w."regionList", r."redeemedAt" AS "windowStart"
        FROM "InviteCode" c
        JOIN "Redemption" r ON r."codeId" = c."id"
        CROSS JOIN LATERAL (
          SELECT count(DISTINCT r2."region") AS "regions", array_agg(DISTINCT r2."region") FILTER (WHERE r2."region" IS NOT NULL) AS "regionList"
            FROM "Redemption" r2
           WHERE r2."codeId" = c."id" AND r2."redeemedAt" >= r."redeemedAt" AND r2."redeemedAt" < r."redeemedAt" + make_interval(hours => ${windowHours}::int)
        ) w
       WHERE c."useCount" >= ${minRegions}::int AND (${wave}::uuid IS NULL OR c."waveId" = ${wave}::uuid) AND w."regions" >= ${minRegions}::int
       ORDER BY c."id", w."regions" DESC, r."redeemedAt"
    ) x
    ORDER BY x."regions" DESC, x."codeId"
    LIMIT ${limit}`;

  const inviters = await tx.$queryRaw<
    { accountId: string; handle: string | null; status: string | null; invitees: bigint; suspendedInvitees: bigint }[]
  >`
    SELECT c."issuerAccountId" AS "accountId", a."handle", a."status"::text AS "status",
           count(*) AS "invitees", count(*) FILTER (WHERE ia."status" IN ('suspended', 'banned')) AS "suspendedInvitees"
      FROM "InviteCode" c
      JOIN "Redemption" r ON r."codeId" = c."id"
      LEFT JOIN "Account" ia ON ia."id" = r."accountId"
      LEFT JOIN "Account" a ON a."id" = c."issuerAccountId"
     WHERE c."issuerAccountId" IS NOT NULL AND (${wave}::uuid IS NULL OR c."waveId" = ${wave}::uuid)
     GROUP BY 1, 2, 3
    HAVING count(*) FILTER (WHERE ia."status" IN ('suspended', 'banned')) >= ${minSuspended}::int
     ORDER BY "suspendedInvitees" DESC, 1
     LIMIT ${limit}`;

  return {
    codesWithSuspendedRedeemers: suspendedRedeemers.map((r) => ({
      ...r,
      redemptions: n(r.redemptions),
      suspendedRedeemers: n(r.suspendedRedeemers),
    })),
    resoldCodes: resold.map((r) => ({ ...r, regions: n(r.regions), regionList: r.regionList ?? [] })),
    invitersWithSuspendedInvitees: inviters.map((r) => ({
      ...r,
      invitees: n(r.invitees),
      suspendedInvitees: n(r.suspendedInvitees),
    })),
  };
}
