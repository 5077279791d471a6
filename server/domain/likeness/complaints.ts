// Likeness complaints: the complainant says who is depicted and by what authority (self, agent, estate). Staff
// verify identity from the evidence — which only staff and admins may see, each view audited — and link the
// complaint to a cameo or a protected-likeness register entry. The complaint itself (a signal) is never edited.
import * as z from "zod/mini";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Tx } from "../../db/tx.ts";
import { ComplaintListInput, LinkComplaintInput, VerifyComplaintInput } from "../../contracts/cameos.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { restrictedPostIds, visibleCaseWhere } from "../access/content-visibility.ts";

interface ComplaintPayload {
  complainantName?: string;
  complainantEmail?: string;
  depictedPerson?: string;
  authority?: "self" | "agent" | "estate";
  postIds?: string[];
  evidence?: { kind: string; url: string; note?: string }[];
}

const complaintSelect = {
  id: true,
  caseId: true,
  cameoId: true,
  postId: true,
  text: true,
  payload: true,
  occurredAt: true,
  case: { select: { status: true } },
  review: {
    select: {
      verification: true,
      verificationNote: true,
      reviewedAt: true,
      reviewedBy: { select: { displayName: true } },
      cameoId: true,
      protectedLikeness: { select: { id: true, name: true, kind: true } },
    },
  },
} satisfies Prisma.SignalSelect;

type ComplaintRow = Prisma.SignalGetPayload<{ select: typeof complaintSelect }>;

const postIdsOf = (row: ComplaintRow) =>
  ((row.payload ?? {}) as ComplaintPayload).postIds ?? (row.postId ? [row.postId] : []);

/** Complaints whose case the caller may see; posts kept from the caller are left out of the ones shown. */
const visibleComplaintWhere = (access: ContentAccess): Prisma.SignalWhereInput =>
  access.closed.length ? { case: visibleCaseWhere(access) } : {};

/**
 * The complaint as every staff list shows it: no evidence and no complainant contact, only how much evidence there
 * is, and only the posts the caller may see.
 */
function summary(row: ComplaintRow, restricted: Set<string>) {
  const p = (row.payload ?? {}) as ComplaintPayload;
  return {
    signalId: row.id,
    caseId: row.caseId,
    caseStatus: row.case.status,
    complainantName: p.complainantName ?? null,
    depictedPerson: p.depictedPerson ?? null,
    authority: p.authority ?? null,
    text: row.text,
    postIds: postIdsOf(row).filter((id) => !restricted.has(id)),
    claimedCameoId: row.cameoId,
    evidenceCount: p.evidence?.length ?? 0,
    occurredAt: row.occurredAt,
    verification: row.review?.verification ?? "pending",
    verificationNote: row.review?.verificationNote ?? null,
    reviewedBy: row.review?.reviewedBy.displayName ?? null,
    reviewedAt: row.review?.reviewedAt ?? null,
    linkedCameoId: row.review?.cameoId ?? null,
    linkedProtectedLikeness: row.review?.protectedLikeness ?? null,
  };
}
export type ComplaintSummary = ReturnType<typeof summary>;

export async function listComplaints(
  { prisma: tx }: Database,
  raw: z.input<typeof ComplaintListInput>,
  access: ContentAccess,
) {
  const input = parseInput(ComplaintListInput, raw);
  const and: Prisma.SignalWhereInput[] = [{ kind: "likeness_complaint" }, visibleComplaintWhere(access)];
  if (input.verification === "pending")
    and.push({ OR: [{ review: { is: null } }, { review: { verification: "pending" } }] });
  else if (input.verification) and.push({ review: { verification: input.verification } });
  if (input.cameoId) and.push({ OR: [{ cameoId: input.cameoId }, { review: { cameoId: input.cameoId } }] });
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const when = new Date(String(at));
    and.push({ OR: [{ occurredAt: { lt: when } }, { occurredAt: when, id: { lt: String(id) } }] });
  }
  const rows = await tx.signal.findMany({
    where: { AND: and },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: complaintSelect,
  });
  const page = pageOf(rows, input.limit, (r) => [r.occurredAt.toISOString(), r.id]);
  const restricted = await restrictedPostIds(tx, access, page.items.flatMap(postIdsOf));
  return { items: page.items.map((row) => summary(row, restricted)), nextCursor: page.nextCursor };
}

async function complaintRow(tx: Tx, signalId: string, access: ContentAccess) {
  const row = await tx.signal.findFirst({
    where: { AND: [{ id: signalId, kind: "likeness_complaint" }, visibleComplaintWhere(access)] },
    select: complaintSelect,
  });
  if (!row) throw notFound("Likeness complaint");
  return row;
}

export async function getComplaint(tx: Tx, signalId: string, access: ContentAccess) {
  const row = await complaintRow(tx, signalId, access);
  return summary(row, await restrictedPostIds(tx, access, postIdsOf(row)));
}

/** The evidence and the complainant's contact: staff and admins only (the procedure enforces the role); audited. */
export async function viewComplaintEvidence(
  db: Database,
  signalId: string,
  staff: StaffActor,
  now: Date,
  access: ContentAccess,
) {
  return db.prisma.$transaction(async (tx) => {
    const row = await complaintRow(tx, signalId, access);
    const p = (row.payload ?? {}) as ComplaintPayload;
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "likeness.evidence_viewed",
        subjectType: "signal",
        subjectId: row.id,
        caseId: row.caseId,
        details: { items: p.evidence?.length ?? 0 },
      },
      now,
    );
    return { signalId: row.id, complainantEmail: p.complainantEmail ?? null, evidence: p.evidence ?? [] };
  });
}

export async function verifyComplaint(
  db: Database,
  raw: z.input<typeof VerifyComplaintInput>,
  staff: StaffActor,
  now: Date,
  access: ContentAccess,
) {
  const input = parseInput(VerifyComplaintInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const row = await complaintRow(tx, input.signalId, access);
    const data = {
      verification: input.verification,
      verificationNote: input.note,
      reviewedById: staff.id,
      reviewedAt: now,
    };
    await tx.likenessComplaintReview.upsert({
      where: { signalId: row.id },
      create: { signalId: row.id, ...data },
      update: data,
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: `likeness.complaint_${input.verification}`,
        subjectType: "signal",
        subjectId: row.id,
        caseId: row.caseId,
        details: { note: input.note, previous: row.review?.verification ?? "pending" },
      },
      now,
    );
    return getComplaint(tx, row.id, access);
  });
}

export async function linkComplaint(
  db: Database,
  raw: z.input<typeof LinkComplaintInput>,
  staff: StaffActor,
  now: Date,
  access: ContentAccess,
) {
  const input = parseInput(LinkComplaintInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const row = await complaintRow(tx, input.signalId, access);
    let link: { cameoId: string | null; protectedLikenessId: string | null };
    if (input.target === "cameo") {
      const cameo = await tx.cameo.findUnique({ where: { id: input.cameoId }, select: { id: true } });
      if (!cameo) throw new DomainError("BAD_REQUEST", "cameoId: no cameo has this id.", { field: "cameoId" });
      link = { cameoId: cameo.id, protectedLikenessId: null };
    } else {
      const entry = await tx.protectedLikeness.findUnique({
        where: { id: input.protectedLikenessId },
        select: { id: true, active: true },
      });
      if (!entry || !entry.active)
        throw new DomainError("BAD_REQUEST", "protectedLikenessId: choose an active register entry.", {
          field: "protectedLikenessId",
        });
      link = { protectedLikenessId: entry.id, cameoId: null };
    }
    await tx.likenessComplaintReview.upsert({
      where: { signalId: row.id },
      create: { signalId: row.id, reviewedById: staff.id, reviewedAt: now, ...link },
      update: link,
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "likeness.complaint_linked",
        subjectType: "signal",
        subjectId: row.id,
        caseId: row.caseId,
        details: link,
      },
      now,
    );
    return getComplaint(tx, row.id, access);
  });
}
