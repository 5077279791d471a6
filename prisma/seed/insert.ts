// Writes a built world in dependency order, in chunks, inside one transaction: a crash leaves nothing behind.
import type { Database } from "../../server/db/client.ts";
import type { Prisma } from "../../server/db/generated/client.ts";
import { chunks } from "./random.ts";
import type { World } from "./world.ts";
import { sql } from "../../server/db/sql.ts";

type Tx = Prisma.TransactionClient;

const CHUNK = 2000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunks(rows, CHUNK)) await write(chunk);
}

const STAFF_FIELDS = [
  "actorId",
  "createdById",
  "resolvedById",
  "lastChangedById",
  "claimedById",
  "authorId",
  "decidedById",
  "enteredById",
];

/** Points rows at existing staff users when a demo email is already taken (e.g. an admin created by hand). */
function remapStaff(world: World, map: Map<string, string>): void {
  if (map.size === 0) return;
  const groups: object[][] = [
    world.cases,
    world.notes,
    world.decisions,
    world.appeals,
    world.takedowns,
    world.waves,
    world.batches,
  ];
  for (const rows of groups) {
    for (const row of rows as Record<string, unknown>[]) {
      for (const f of STAFF_FIELDS) {
        const v = row[f];
        if (typeof v === "string" && map.has(v)) row[f] = map.get(v);
      }
    }
  }
}

/** Returns the emails of the staff users it created. */
export async function writeWorld(db: Database, world: World, passwordHashes: string[]): Promise<Set<string>> {
  const existing = await db.prisma.staffUser.findMany({
    where: { email: { in: world.staff.map((s) => s.email) } },
    select: { id: true, email: true },
  });
  const taken = new Map(existing.map((e) => [e.email, e.id]));
  remapStaff(world, new Map(world.staff.filter((s) => taken.has(s.email)).map((s) => [s.id, taken.get(s.email)!])));
  const fresh = world.staff.map((s, i) => ({ ...s, hash: passwordHashes[i]! })).filter((s) => !taken.has(s.email));

  await db.prisma.$transaction(
    async (tx: Tx) => {
      await tx.staffUser.createMany({
        data: fresh.map((s) => ({
          id: s.id,
          email: s.email,
          displayName: s.displayName,
          role: s.role,
          passwordHash: s.hash,
        })),
      });
      await inChunks(
        world.accounts.map(({ invitedByCodeId: _ignored, ...a }) => a),
        (data) => tx.account.createMany({ data }),
      );
      // The demo world arrives already judged: its posts count as compared with the hash bank.
      await inChunks(
        world.posts.map((p) => ({ ...p, hashScannedAt: p.createdAt })),
        (data) => tx.post.createMany({ data }),
      );
      await inChunks(world.keyframes, (data) => tx.postKeyframe.createMany({ data }));
      await inChunks(world.cameos, (data) => tx.cameo.createMany({ data }));
      await inChunks(world.grants, (data) => tx.cameoGrant.createMany({ data }));
      await inChunks(world.appearances, (data) => tx.cameoAppearance.createMany({ data }));

      await tx.inviteWave.createMany({ data: world.waves });
      await tx.inviteBatch.createMany({ data: world.batches });
      await inChunks(world.codes, (data) => tx.inviteCode.createMany({ data }));
      await inChunks(world.redemptions, (data) => tx.redemption.createMany({ data }));
      // accounts and codes point at each other (invited-by, issued-by): link them once both exist
      const invited = world.accounts.filter((a) => a.invitedByCodeId);
      for (const chunk of chunks(invited, CHUNK)) {
        await tx.$executeRaw(
          sql`UPDATE "Account" AS a SET "invitedByCodeId" = v.code::uuid
             FROM unnest(${chunk.map((a) => a.id)}::text[], ${chunk.map((a) => a.invitedByCodeId as string)}::text[]) AS v(id, code) WHERE a.id = v.id`,
        );
      }

      await inChunks(world.cases, (data) => tx.case.createMany({ data }));
      await inChunks(world.takedowns, (data) => tx.takedownRequest.createMany({ data }));
      await inChunks(world.takedownPosts, (data) => tx.takedownRequestPost.createMany({ data }));
      const decisions = [...world.decisions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      await inChunks(decisions, (data) => tx.decision.createMany({ data }));
      await inChunks(world.appeals, (data) => tx.appeal.createMany({ data }));
      await inChunks(world.signals, (data) => tx.signal.createMany({ data }));
      await inChunks(world.notes, (data) => tx.caseNote.createMany({ data }));
      await inChunks(world.counterNotices, (data) => tx.counterNotice.createMany({ data }));
      await inChunks(world.hashEntries, (data) => tx.hashBankEntry.createMany({ data }));
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return new Set(fresh.map((s) => s.email));
}
