// The protected-likeness register: public figures and deceased people whose estates opted out of generation. The
// platform fetches the active entries (GET /api/v1/protected-likenesses) to block prompts and uploads naming them.
import crypto from "node:crypto";
import type * as z from "zod/mini";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { NewProtectedLikenessInput, RemoveProtectedLikenessInput } from "../../contracts/cameos.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { sql } from "../../db/sql.ts";

export async function listProtectedLikenesses(
  { prisma: tx }: Database,
  opts: { includeRemoved?: boolean; search?: string } = {},
) {
  const search = opts.search?.trim();
  // Names and aliases alike, case-insensitively: "maggie" finds the entry whose alias is "Maggie Vale".
  const matching = search
    ? (
        await tx.$queryRaw<{ id: string }[]>(
          sql`SELECT "id"::text AS "id" FROM "ProtectedLikeness"
            WHERE strpos(lower("name"), lower(${search})) > 0 OR EXISTS (SELECT 1 FROM unnest("aliases") a WHERE strpos(lower(a), lower(${search})) > 0)`,
        )
      ).map((r) => r.id)
    : null;
  return tx.protectedLikeness.findMany({
    where: {
      ...(opts.includeRemoved ? {} : { active: true }),
      ...(matching ? { id: { in: matching } } : {}),
    },
    orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      name: true,
      kind: true,
      aliases: true,
      requestedBy: true,
      note: true,
      active: true,
      createdAt: true,
      removedAt: true,
      removedReason: true,
      createdBy: { select: { displayName: true } },
      _count: { select: { complaints: true } },
    },
  });
}

export async function addProtectedLikeness(
  db: Database,
  raw: z.input<typeof NewProtectedLikenessInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(NewProtectedLikenessInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const duplicate = await tx.protectedLikeness.findFirst({
      where: { active: true, name: { equals: input.name, mode: "insensitive" } },
      select: { id: true },
    });
    if (duplicate)
      throw new DomainError("CONFLICT", `name: "${input.name}" is already on the register.`, { field: "name" });
    const aliases = [...new Set(input.aliases.filter(Boolean))];
    const entry = await tx.protectedLikeness.create({
      data: {
        name: input.name,
        kind: input.kind,
        aliases,
        requestedBy: input.requestedBy || null,
        note: input.note || null,
        createdById: staff.id,
        createdAt: now,
      },
      select: { id: true, name: true, kind: true },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "protected_likeness.added",
        subjectType: "protected_likeness",
        subjectId: entry.id,
        details: { name: entry.name, kind: entry.kind, aliases },
      },
      now,
    );
    return entry;
  });
}

export async function removeProtectedLikeness(
  db: Database,
  raw: z.input<typeof RemoveProtectedLikenessInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(RemoveProtectedLikenessInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const entry = await tx.protectedLikeness.findUnique({
      where: { id: input.id },
      select: { id: true, active: true, name: true },
    });
    if (!entry) throw notFound("Register entry");
    if (!entry.active) throw new DomainError("PRECONDITION_FAILED", "This entry was already removed.");
    await tx.protectedLikeness.update({
      where: { id: entry.id },
      data: { active: false, removedAt: now, removedReason: input.reason },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "protected_likeness.removed",
        subjectType: "protected_likeness",
        subjectId: entry.id,
        details: { name: entry.name, reason: input.reason },
      },
      now,
    );
    return { id: entry.id };
  });
}

/** What the platform receives: the whole active register and a version tag, so an unchanged register costs a 304. */
export async function protectedLikenessFeed(tx: Tx) {
  const entries = await tx.protectedLikeness.findMany({
    where: { active: true },
    orderBy: { id: "asc" },
    select: { id: true, name: true, kind: true, aliases: true, createdAt: true, updatedAt: true },
  });
  // Removals change updatedAt too, so the tag covers every change to the active set.
  const [latest] = await tx.protectedLikeness.findMany({
    orderBy: { updatedAt: "desc" },
    take: 1,
    select: { updatedAt: true },
  });
  const version = crypto
    .createHash("sha256")
    .update(`${entries.length}:${latest?.updatedAt.toISOString() ?? "empty"}:${entries.map((e) => e.id).join(",")}`)
    .digest("hex")
    .slice(0, 32);
  return {
    version,
    entries: entries.map((e) => ({
      id: e.id,
      name: e.name,
      kind: e.kind,
      aliases: e.aliases,
      since: e.createdAt.toISOString(),
    })),
  };
}
