// Revoking invite codes by code, batch, wave or inviter. One transaction: the codes, the audit record(s) and one
// outbox event telling the platform. Listed codes travel in the event; a batch, wave or inviter revocation sends
// its scope and count instead of up to a million codes.
import crypto from "node:crypto";
import type { Database } from "../../db/client.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { enqueueOutbox } from "../outbox/outbox.ts";
import { RevokeInput } from "../../contracts/invites.ts";
import { readCode } from "./code-format.ts";
import { sql } from "../../db/sql.ts";

export interface RevokeResult {
  /** codes that stopped working now */
  revoked: number;
  /** for a code list: the listed codes that do not exist */
  notFound: string[];
  revocationId: string;
}

export async function revokeInviteCodes(
  db: Database,
  raw: unknown,
  staff: StaffActor,
  now: Date,
): Promise<RevokeResult> {
  const input = parseInput(RevokeInput, raw);
  const revocationId = crypto.randomUUID();
  const actor = staffAuditActor(staff);
  const set = sql`"status" = 'revoked', "revokedAt" = ${now}::timestamptz, "revokedReason" = ${input.reason}`;

  return db.prisma.$transaction(
    async (tx) => {
      if (input.type === "code") {
        // Only text that reads as a valid code can name one; anything else is reported missing without a query.
        const shapes = input.codes.map((c) => readCode(c));
        const wanted = [...new Set(shapes.flatMap((s) => (s.kind === "valid" ? [s.code] : [])))];
        const rows = await tx.$queryRaw<{ id: string; code: string }[]>(
          sql`UPDATE "InviteCode" SET ${set} WHERE "code" = ANY(string_to_array(${wanted.join(",")}, ',')) AND "status" = 'active' RETURNING "id", "code"`,
        );
        const existing = new Set(
          (await tx.inviteCode.findMany({ where: { code: { in: wanted } }, select: { code: true } })).map(
            (c) => c.code,
          ),
        );
        const missing = input.codes.filter((_c, i) => {
          const shape = shapes[i]!;
          return shape.kind !== "valid" || !existing.has(shape.code);
        });
        if (existing.size === 0)
          throw new DomainError("NOT_FOUND", "codes: none of these codes exist.", { field: "codes" });
        if (rows.length) {
          await appendAudit(
            tx,
            rows.map((r) => ({
              ...actor,
              action: "invite_code.revoke",
              subjectType: "invite_code",
              subjectId: r.id,
              batchId: revocationId,
              details: { code: r.code, reason: input.reason },
            })),
            now,
          );
          await enqueueOutbox(
            tx,
            {
              type: "invite_codes.revoked",
              subject: { type: "invite_code", id: rows.length === 1 ? rows[0]!.id : revocationId },
              data: {
                revocationId,
                scope: "code",
                codes: rows.map((r) => r.code),
                count: rows.length,
                reason: input.reason,
              },
            },
            now,
          );
        }
        return { revoked: rows.length, notFound: missing, revocationId };
      }

      let scope: {
        column: string;
        value: string;
        data: Record<string, unknown>;
        subject: { type: "invite_code" | "account"; id: string };
        auditSubject: [string, string];
      };
      if (input.type === "batch") {
        const [batch] = await tx.$queryRaw<{ id: string; waveId: string; status: string }[]>`
          SELECT "id", "waveId", "status"::text AS "status" FROM "InviteBatch" WHERE "id" = ${input.batchId}::uuid FOR UPDATE`;
        if (!batch) throw notFound("Invite batch");
        // Locking the batch waited for any chunk being issued; stopping it keeps later chunks from issuing live codes.
        if (batch.status === "issuing") {
          await tx.inviteBatch.update({
            where: { id: batch.id },
            data: { status: "failed", failedReason: "Revoked while it was being issued." },
          });
        }
        scope = {
          column: "batchId",
          value: batch.id,
          data: { scope: "batch", batchId: batch.id, waveId: batch.waveId },
          subject: { type: "invite_code", id: batch.id },
          auditSubject: ["invite_batch", batch.id],
        };
      } else if (input.type === "wave") {
        const wave = await tx.inviteWave.findUnique({ where: { id: input.waveId }, select: { id: true } });
        if (!wave) throw notFound("Invite wave");
        const issuing = await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "InviteBatch" WHERE "waveId" = ${wave.id}::uuid AND "status" = 'issuing' FOR UPDATE`;
        if (issuing.length) {
          await tx.inviteBatch.updateMany({
            where: { id: { in: issuing.map((b) => b.id) } },
            data: { status: "failed", failedReason: "Its wave was revoked while it was being issued." },
          });
        }
        scope = {
          column: "waveId",
          value: wave.id,
          data: { scope: "wave", waveId: wave.id },
          subject: { type: "invite_code", id: wave.id },
          auditSubject: ["invite_wave", wave.id],
        };
      } else {
        const issued = await tx.inviteCode.count({ where: { issuerAccountId: input.inviterAccountId } });
        const account = await tx.account.findUnique({ where: { id: input.inviterAccountId }, select: { id: true } });
        if (!account && issued === 0) throw notFound("Inviting account");
        scope = {
          column: "issuerAccountId",
          value: input.inviterAccountId,
          data: { scope: "inviter", inviterAccountId: input.inviterAccountId },
          subject: { type: "account", id: input.inviterAccountId },
          auditSubject: ["account", input.inviterAccountId],
        };
      }

      const target =
        scope.column === "issuerAccountId"
          ? sql`"issuerAccountId" = ${scope.value}`
          : scope.column === "waveId"
            ? sql`"waveId" = ${scope.value}::uuid`
            : sql`"batchId" = ${scope.value}::uuid`;
      const revoked = await tx.$executeRaw(sql`UPDATE "InviteCode" SET ${set} WHERE ${target} AND "status" = 'active'`);
      if (revoked > 0) {
        await appendAudit(
          tx,
          {
            ...actor,
            action: `invite_${input.type}.revoke`,
            subjectType: scope.auditSubject[0],
            subjectId: scope.auditSubject[1],
            batchId: revocationId,
            details: { ...scope.data, count: revoked, reason: input.reason },
          },
          now,
        );
        await enqueueOutbox(
          tx,
          {
            type: "invite_codes.revoked",
            subject: scope.subject,
            data: { revocationId, ...scope.data, count: revoked, reason: input.reason },
          },
          now,
        );
      }
      return { revoked, notFound: [], revocationId };
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}
