// The hash bank as staff see it: entries newest first by kind and state, and taking entries out of matching with
// a reason (a false positive, a decision that should not keep flagging copies).
import crypto from "node:crypto";
import type { z } from "zod";
import type { DeactivateEntriesValues, HashBankListInput } from "../../contracts/hash-bank.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visiblePostWhere } from "../access/content-visibility.ts";

const entrySelect = {
  id: true,
  kind: true,
  hash: true,
  active: true,
  legacy: true,
  quality: true,
  atMs: true,
  createdAt: true,
  deactivatedAt: true,
  deactivatedReason: true,
  deactivatedBy: { select: { id: true, displayName: true } },
  post: {
    select: {
      id: true,
      prompt: true,
      posterUrl: true,
      visibility: true,
      creator: { select: { id: true, handle: true } },
    },
  },
  decision: { select: { id: true, type: true, caseId: true, createdAt: true } },
  policy: { select: { code: true, name: true } },
} satisfies Prisma.HashBankEntrySelect;

const visibleEntryWhere = (access: ContentAccess): Prisma.HashBankEntryWhereInput =>
  access.closed.length ? { OR: [{ postId: null }, { post: visiblePostWhere(access) }] } : {};

/** Entries of removed posts kept from `access` are neither listed nor counted. */
export async function listHashBank(
  { prisma: tx }: Database,
  input: z.output<typeof HashBankListInput>,
  access: ContentAccess,
) {
  const visible = visibleEntryWhere(access);
  const where: Prisma.HashBankEntryWhereInput = {
    AND: [
      {
        active: input.active,
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.postId ? { postId: input.postId } : {}),
      },
      visible,
    ],
  };
  const keyset: Prisma.HashBankEntryWhereInput = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    keyset.OR = [
      { createdAt: { lt: new Date(String(at)) } },
      { createdAt: new Date(String(at)), id: { lt: String(id) } },
    ];
  }
  const [rows, counts] = await Promise.all([
    tx.hashBankEntry.findMany({
      where: { AND: [where, keyset] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: entrySelect,
    }),
    tx.hashBankEntry.groupBy({ by: ["kind", "active"], where: visible, _count: { _all: true } }),
  ]);
  const page = pageOf(rows, input.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { ...page, counts: counts.map((c) => ({ kind: c.kind, active: c.active, count: c._count._all })) };
}

/** Entries of removed posts kept from `access` count as missing. */
export async function deactivateEntries(
  db: Database,
  input: DeactivateEntriesValues,
  actor: StaffActor,
  now: Date,
  access: ContentAccess,
) {
  const ids = [...new Set(input.entryIds)];
  return db.prisma.$transaction(async (tx) => {
    const entries = await tx.hashBankEntry.findMany({
      where: { AND: [{ id: { in: ids } }, visibleEntryWhere(access)] },
      select: { id: true, active: true, postId: true, kind: true },
    });
    if (entries.length !== ids.length)
      throw new DomainError(
        "NOT_FOUND",
        `entryIds: ${ids.length - entries.length} of the chosen entries do not exist.`,
        { field: "entryIds" },
      );
    const active = entries.filter((e) => e.active);
    if (active.length === 0)
      throw new DomainError("PRECONDITION_FAILED", "These entries are already out of matching.", { field: "entryIds" });
    await tx.hashBankEntry.updateMany({
      where: { id: { in: active.map((e) => e.id) }, active: true },
      data: { active: false, deactivatedAt: now, deactivatedById: actor.id, deactivatedReason: input.reason },
    });
    const batchId = active.length > 1 ? crypto.randomUUID() : null;
    await appendAudit(
      tx,
      active.map((e) => ({
        ...staffAuditActor(actor),
        action: "hash_bank.deactivate",
        subjectType: "hash_bank_entry",
        subjectId: e.id,
        batchId,
        details: { reason: input.reason, kind: e.kind, postId: e.postId },
      })),
      now,
    );
    return { deactivated: active.length, alreadyInactive: entries.length - active.length, batchId };
  });
}
