// Cameos (a person's likeness others may use), who was granted use of them, and who has since lost it.
import type { CameoPermission } from "../../server/db/generated/enums.ts";
import { CAMEO_RESTRICTIONS } from "./prompts.ts";
import { HOUR, padId, type Rng } from "./random.ts";
import type { AccountRow, CameoRow, GrantRow } from "./world.ts";

export interface CameosResult {
  cameos: CameoRow[];
  grants: GrantRow[];
  /** accounts allowed to put each cameo in a post (owner and active grantees; everyone for "everyone") */
  allowedUsers: Map<string, Set<string>>;
  /** grantees whose grant was revoked, per cameo: the source of many likeness complaints */
  revokedUsers: Map<string, Set<string>>;
}

const PERMISSIONS: readonly (readonly [CameoPermission, number])[] = [
  ["only_me", 20],
  ["approved", 35],
  ["mutuals", 25],
  ["everyone", 20],
];

export function buildCameos(rng: Rng, now: Date, accounts: AccountRow[], count: number): CameosResult {
  const owners = rng.sample(accounts.slice(0, Math.floor(accounts.length * 0.9)), count);
  owners.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const cameos: CameoRow[] = [];
  const grants: GrantRow[] = [];
  const allowedUsers = new Map<string, Set<string>>();
  const revokedUsers = new Map<string, Set<string>>();
  let grantSeq = 0;

  owners.forEach((owner, i) => {
    const id = padId("cam", i + 1);
    const createdAt = new Date(
      owner.createdAt.getTime() +
        rng.float(1, Math.max(2, (now.getTime() - owner.createdAt.getTime()) / HOUR / 3)) * HOUR,
    );
    const permission = rng.weighted(PERMISSIONS);
    const verified = rng.chance(0.93);
    cameos.push({
      id,
      ownerId: owner.id,
      status: rng.chance(0.04) ? "disabled" : "active",
      permission,
      restrictions: rng.chance(0.6) ? rng.sample(CAMEO_RESTRICTIONS, rng.int(1, 2)).join(" ") : null,
      verifiedAt: verified ? new Date(createdAt.getTime() + rng.int(1, 30) * 60_000) : null,
      verificationMethod: verified
        ? rng.weighted([
            ["liveness_video", 8],
            ["liveness_video_voice", 3],
          ] as const)
        : null,
      createdAt,
    });

    const allowed = new Set<string>([owner.id]);
    const revoked = new Set<string>();
    if (permission === "approved" || permission === "mutuals") {
      const n = rng.pareto(1, 1.4, 25);
      for (const grantee of rng.sample(accounts, n)) {
        if (grantee.id === owner.id) continue;
        const grantedAt = Math.max(createdAt.getTime(), grantee.createdAt.getTime()) + rng.float(1, 72) * HOUR;
        if (grantedAt > now.getTime() - HOUR) continue;
        const isRevoked = rng.chance(0.12);
        const revokedAt = isRevoked ? grantedAt + rng.float(0.2, 1) * (now.getTime() - grantedAt) : null;
        grants.push({
          id: padId("grant", ++grantSeq),
          cameoId: id,
          granteeId: grantee.id,
          status: isRevoked ? "revoked" : "active",
          createdAt: new Date(grantedAt),
          revokedAt: revokedAt ? new Date(revokedAt) : null,
        });
        (isRevoked ? revoked : allowed).add(grantee.id);
      }
    }
    allowedUsers.set(id, allowed);
    revokedUsers.set(id, revoked);
  });
  return { cameos, grants, allowedUsers, revokedUsers };
}
