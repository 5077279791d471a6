// Invite waves → batches → codes → redemptions. Every account after the founders joined through a code; later
// members of the open wave got codes of their own to share, and a sanctioned inviter's unused codes are revoked.
import type { InviteWaveStatus } from "../../server/db/generated/enums.ts";
import { CODE_ALPHABET, CODE_LENGTH, codeFromValues } from "../../server/domain/invites/code-format.ts";
import { DAY, HOUR, type Rng } from "./random.ts";
import type { AccountRow, CodeRow, StaffSeed, World } from "./world.ts";

export { CODE_ALPHABET };

/** A real code (check character included, so redemption and typo suggestions work on demo data), from the seeded rng. */
export function inviteCode(rng: Rng): string {
  return codeFromValues(Array.from({ length: CODE_LENGTH - 1 }, () => rng.int(0, CODE_ALPHABET.length - 1)));
}

interface WavePlan {
  name: string;
  purpose: string;
  status: InviteWaveStatus;
  startDaysAgo: number;
  endDaysAgo: number;
  usesPerCode: number;
  regions: string[];
  platforms: string[];
  allotment: number;
  expiresDaysAgo: number | null;
}

const WAVES: WavePlan[] = [
  {
    name: "Founding creators",
    purpose: "Hand-picked animators and filmmakers for the closed alpha",
    status: "closed",
    startDaysAgo: 178,
    endDaysAgo: 80,
    usesPerCode: 1,
    regions: [],
    platforms: ["ios"],
    allotment: 0,
    expiresDaysAgo: 75,
  },
  {
    name: "Creator beta — Americas",
    purpose: "Creator programme applicants in the Americas",
    status: "paused",
    startDaysAgo: 140,
    endDaysAgo: 30,
    usesPerCode: 2,
    regions: ["US", "CA", "BR", "MX"],
    platforms: ["ios"],
    allotment: 0,
    expiresDaysAgo: null,
  },
  {
    name: "Open beta",
    purpose: "General waitlist, with codes for new members to share",
    status: "active",
    startDaysAgo: 80,
    endDaysAgo: 0,
    usesPerCode: 1,
    regions: [],
    platforms: ["ios", "android"],
    allotment: 2,
    expiresDaysAgo: -60,
  },
  {
    name: "Campus ambassadors",
    purpose: "University creator clubs, autumn term",
    status: "draft",
    startDaysAgo: 2,
    endDaysAgo: 0,
    usesPerCode: 5,
    regions: [],
    platforms: ["ios", "android"],
    allotment: 0,
    expiresDaysAgo: -90,
  },
];

export function buildInvites(
  rng: Rng,
  now: Date,
  accounts: AccountRow[],
  founders: number,
  admin: StaffSeed,
  sanctioned: Set<string>,
  world: World,
): void {
  const nowMs = now.getTime();
  const used = new Set<string>();
  const newCode = () => {
    let c = inviteCode(rng);
    while (used.has(c)) c = inviteCode(rng);
    used.add(c);
    return c;
  };
  const waveIds = WAVES.map((w) => rng.uuid7(nowMs - w.startDaysAgo * DAY - DAY));
  const expiries = WAVES.map((w) => (w.expiresDaysAgo === null ? null : new Date(nowMs - w.expiresDaysAgo * DAY)));

  // who joins through which wave: the newest wave open at their sign-up that accepts their country
  const joiners: AccountRow[][] = WAVES.map(() => []);
  for (const a of accounts.slice(founders)) {
    const daysAgo = (nowMs - a.createdAt.getTime()) / DAY;
    let w = WAVES.findIndex(
      (wave, i) =>
        i === 1 && daysAgo <= wave.startDaysAgo && daysAgo > wave.endDaysAgo && wave.regions.includes(a.country ?? ""),
    );
    if (w < 0) w = daysAgo > WAVES[2]!.startDaysAgo ? 0 : 2;
    joiners[w]!.push(a);
  }

  const codesByWave: CodeRow[][] = WAVES.map(() => []);
  WAVES.forEach((plan, wi) => {
    const createdAt = new Date(nowMs - plan.startDaysAgo * DAY - DAY);
    const members = joiners[wi]!;
    world.waves.push({
      id: waveIds[wi]!,
      name: plan.name,
      purpose: plan.purpose,
      targetSize: Math.max(200, Math.ceil((members.length * 1.4) / 100) * 100),
      usesPerCode: plan.usesPerCode,
      expiresAt: expiries[wi],
      regions: plan.regions,
      platforms: plan.platforms,
      allotment: plan.allotment,
      status: plan.status,
      createdById: admin.id,
      createdAt,
    });
    if (plan.status === "draft") return;
    // a little more supply than demand, issued in two or three batches; the last open-wave batch failed midway
    const needed = Math.ceil((members.length / plan.usesPerCode) * 1.35);
    const batchCount = wi === 0 ? 1 : wi === 1 ? 2 : 3;
    for (let b = 0; b < batchCount; b++) {
      const size = Math.ceil(needed / batchCount);
      const failed = wi === 2 && b === batchCount - 1;
      const issued = failed ? Math.floor(size * 0.6) : size;
      const batchAt = new Date(
        createdAt.getTime() + b * ((plan.startDaysAgo - plan.endDaysAgo) / batchCount) * DAY + HOUR,
      );
      const batchId = rng.uuid7(batchAt.getTime());
      world.batches.push({
        id: batchId,
        waveId: waveIds[wi]!,
        size,
        issuedCount: issued,
        status: failed ? "failed" : "complete",
        createdById: admin.id,
        createdAt: batchAt,
        completedAt: failed ? null : new Date(batchAt.getTime() + rng.int(5, 90) * 1000),
      });
      for (let i = 0; i < issued; i++) {
        codesByWave[wi]!.push({
          id: rng.uuid7(batchAt.getTime()),
          code: newCode(),
          waveId: waveIds[wi]!,
          batchId,
          maxUses: plan.usesPerCode,
          useCount: 0,
          expiresAt: expiries[wi] ?? null,
          createdAt: batchAt,
        });
      }
    }
  });

  const redeem = (account: AccountRow, code: CodeRow, plan: WavePlan) => {
    code.useCount += 1;
    account.invitedByCodeId = code.id;
    world.redemptions.push({
      id: rng.uuid7(account.createdAt.getTime()),
      codeId: code.id,
      accountId: account.id,
      region: account.country ?? null,
      platform: rng.pick(plan.platforms.length ? plan.platforms : ["ios"]),
      redeemedAt: account.createdAt,
      // history the demo starts with, like the rest of the seeded world: not for the worker to audit at first boot
      auditedAt: account.createdAt,
    });
  };

  WAVES.forEach((plan, wi) => {
    const pool = codesByWave[wi]!;
    const allotments: CodeRow[] = [];
    for (const account of joiners[wi]!) {
      // members of the open wave mostly come in on a friend's code once there are some to use
      const friendCodes = allotments.filter(
        (c) => c.useCount < c.maxUses && c.createdAt < account.createdAt && c.status !== "revoked",
      );
      const friend = friendCodes.length > 0 && rng.chance(0.45) ? rng.pick(friendCodes) : undefined;
      const eligible = friend
        ? [friend]
        : pool.filter((c) => c.useCount < c.maxUses && c.createdAt < account.createdAt);
      // with no code issued before they signed up, the account predates the console's records of its invite
      if (eligible.length > 0) redeem(account, rng.pick(eligible), plan);
      for (let k = 0; k < plan.allotment; k++) {
        const at = new Date(account.createdAt.getTime() + rng.int(1, 60) * 60_000);
        const revoked = sanctioned.has(account.id);
        allotments.push({
          id: rng.uuid7(at.getTime()),
          code: newCode(),
          waveId: waveIds[wi]!,
          batchId: null,
          issuerAccountId: account.id,
          maxUses: 1,
          useCount: 0,
          expiresAt: expiries[wi] ?? null,
          createdAt: at,
          status: revoked ? "revoked" : "active",
          revokedAt: revoked ? new Date(nowMs - rng.int(1, 20) * DAY) : null,
          revokedReason: revoked ? "Inviter suspended or banned" : null,
        });
      }
    }
    // codes that surfaced on a reseller forum were revoked in bulk
    for (const c of rng.sample(
      pool.filter((c) => c.useCount === 0),
      wi === 2 ? 25 : 0,
    )) {
      Object.assign(c, {
        status: "revoked",
        revokedAt: new Date(nowMs - rng.int(2, 20) * DAY),
        revokedReason: "Posted on a code-reselling forum",
      });
    }
    world.codes.push(...pool, ...allotments);
  });
}
