// Acting on an account directly, outside a case: suspend for a number of days, ban, or reinstate. Each writes the
// account's new standing, a decision with its statement of reasons, one audit record and the platform's webhook
// event in one transaction; suspensions and bans also queue the uploader's statement of reasons. A reinstatement
// names the suspension or ban it reverses. Strikes are left alone: they count violations found in cases.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { AccountActionInput, type AccountActionName, type AccountActionValues } from "../../contracts/accounts.ts";
import { accountActionRefusal } from "../../contracts/rules/account-actions.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { currentRestriction } from "./profile.ts";
import {
  accountRestrictionsInForce,
  assertMayReverse,
  authorityOfRole,
  roleOfStaff,
} from "../decisions/reversal-authority.ts";
import { FULL_ACCESS } from "../access/queue-access.ts";
import { recordDecisions } from "../decisions/record.ts";
import { sql } from "../../db/sql.ts";

const DECISION_TYPE = {
  suspend: "suspend_account",
  ban: "ban_account",
  reinstate: "reinstate_account",
} as const satisfies Record<AccountActionName, string>;

export interface AccountActionOutcome {
  decisionId: string;
  accountId: string;
  status: "active" | "suspended" | "banned" | "deleted";
  suspendedUntil: Date | null;
  /** true when an earlier submit with the same idempotency key already did this */
  replayed: boolean;
}

export async function actOnAccount(
  db: Database,
  raw: unknown,
  actor: StaffActor,
  now: Date,
): Promise<AccountActionOutcome> {
  const input = parseInput(AccountActionInput, raw);
  return db.prisma.$transaction((tx) => act(tx, input, actor, now), { timeout: 30_000 });
}

async function act(tx: Tx, input: AccountActionValues, actor: StaffActor, now: Date): Promise<AccountActionOutcome> {
  // The row lock makes two staff members acting at once take turns; the second sees the first one's result.
  const [row] = await tx.$queryRaw<
    { id: string; status: AccountActionOutcome["status"]; suspendedUntil: Date | null }[]
  >(
    sql`SELECT "id", "status"::text AS "status", "suspendedUntil" FROM "Account" WHERE "id" = ${input.accountId} FOR UPDATE`,
  );
  if (!row) throw notFound("Account");
  const account = { ...row, suspendedUntil: row.suspendedUntil ? new Date(row.suspendedUntil) : null };
  // Checked under the lock, so a double submit waits for the first and then replays it.
  if (input.idempotencyKey) {
    const earlier = await tx.decision.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true, accountId: true, type: true },
    });
    if (earlier) {
      if (earlier.accountId !== input.accountId || earlier.type !== DECISION_TYPE[input.action]) {
        throw new DomainError(
          "CONFLICT",
          "idempotencyKey: this key was used for a different action; submit again with a new one.",
          { field: "idempotencyKey" },
        );
      }
      return {
        decisionId: earlier.id,
        accountId: account.id,
        status: account.status,
        suspendedUntil: account.suspendedUntil,
        replayed: true,
      };
    }
  }
  const policy = await tx.policy.findFirst({ where: { id: input.policyId, active: true } });
  if (!policy)
    throw new DomainError("BAD_REQUEST", "policyId: choose a policy from the catalogue.", { field: "policyId" });

  const refusal = accountActionRefusal(input.action, account, now);
  if (refusal) throw new DomainError("PRECONDITION_FAILED", refusal, { field: "action" });

  const type = DECISION_TYPE[input.action];
  const suspendedUntil = input.action === "suspend" ? new Date(now.getTime() + input.suspendDays * 86_400_000) : null;
  const status = input.action === "suspend" ? "suspended" : input.action === "ban" ? "banned" : "active";
  const role = await roleOfStaff(tx, actor.id);
  if (input.action === "reinstate")
    assertMayReverse(await accountRestrictionsInForce(tx, account.id, now), { role }, "reinstate");
  const reverses =
    input.action === "reinstate" ? await currentRestriction(tx, account.id, account.status, FULL_ACCESS) : null;
  const restrictive = input.action !== "reinstate";

  await tx.account.update({ where: { id: account.id }, data: { status, suspendedUntil } });
  const [decisionId] = await recordDecisions(
    tx,
    [
      {
        type,
        subjectType: "account",
        accountId: account.id,
        actorId: actor.id,
        policy,
        reason: input.reason,
        dsaGround: restrictive ? policy.dsaGround : null,
        dsaCategory: restrictive ? policy.dsaCategory : null,
        legalReference: policy.legalReference,
        territorialScope: ["WORLD"],
        suspendedUntil,
        reversesId: reverses?.id ?? null,
        authority: authorityOfRole(role),
        idempotencyKey: input.idempotencyKey ?? null,
        uploaderId: account.id,
        audit: {
          ...staffAuditActor(actor),
          subjectType: "account",
          subjectId: account.id,
          details: {
            policy: policy.code,
            reason: input.reason,
            previousStatus: account.status,
            previousSuspendedUntil: account.suspendedUntil?.toISOString() ?? null,
            suspendedUntil: suspendedUntil?.toISOString() ?? null,
            reverses: reverses?.id ?? null,
          },
        },
      },
    ],
    now,
  );
  return { decisionId: decisionId!, accountId: account.id, status, suspendedUntil, replayed: false };
}
