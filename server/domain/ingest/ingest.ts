// Ingest of platform events: one transaction per batch, so after a crash a batch is either wholly in (events,
// mirrored records, signals, cases, audit) or not at all, and the platform's retry brings it in exactly once —
// event ids already accepted are reported as duplicates and change nothing.
import type { PlatformEvent, EventOf, PlatformEventType } from "../../contracts/platform-events.ts";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { rescoreCases } from "../cases/rescore.ts";
import {
  addAppearances,
  deletePosts,
  updatePosts,
  upsertAccounts,
  upsertCameos,
  upsertGrants,
  upsertPosts,
} from "./apply-mirror.ts";
import { foldSignals } from "./apply-signals.ts";
import { findUnknownReferences, type IngestProblem } from "./references.ts";
import { draftSignal, type SignalDraft } from "./signal-drafts.ts";
import { queryRows, sql } from "../../db/sql.ts";

export class IngestRejected extends Error {
  constructor(readonly problems: IngestProblem[]) {
    super(`${problems.length} event${problems.length === 1 ? "" : "s"} refer to records Vigil does not know`);
  }
}

export interface IngestContext {
  keyId: string;
  requestId: string;
  now: Date;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

type Indexed<T = PlatformEvent> = { index: number; event: T };

function ofType<T extends PlatformEventType>(events: Indexed[], type: T): Indexed<EventOf<T>>[] {
  return events.filter((e): e is Indexed<EventOf<T>> => e.event.type === type);
}

function subjectOf(e: PlatformEvent): { type: string; id: string } {
  switch (e.type) {
    case "account.upserted":
    case "post.published":
    case "post.updated":
    case "post.deleted":
    case "cameo.upserted":
      return { type: e.type.split(".")[0]!, id: e.data.id };
    case "cameo.grant.changed":
      return { type: "cameo_grant", id: e.data.id };
    case "cameo.appearance.added":
    case "flag.raised":
      return { type: "post", id: e.data.postId };
    case "report.filed":
      return e.data.subject;
    case "likeness.complaint.filed":
      return e.data.cameoId ? { type: "cameo", id: e.data.cameoId } : { type: "post", id: e.data.postIds[0]! };
    case "takedown.requested":
      return { type: "post", id: e.data.postIds[0]! };
    case "appeal.filed":
      return { type: "decision", id: e.data.decisionId };
  }
}

async function claimNewEvents(tx: Tx, events: PlatformEvent[], ctx: IngestContext): Promise<Indexed[]> {
  const firstIndex = new Map<string, number>();
  events.forEach((e, i) => {
    if (!firstIndex.has(e.id)) firstIndex.set(e.id, i);
  });
  const rows = [...firstIndex.keys()].map((id) => {
    const e = events[firstIndex.get(id)!]!;
    return { id, type: e.type, occurredAt: e.occurredAt };
  });
  const inserted = await queryRows<{ id: string }>(
    tx,
    rows,
    (json) =>
      sql`INSERT INTO "PlatformEvent" ("id", "type", "keyId", "occurredAt", "receivedAt")
     SELECT x."id", x."type", ${ctx.keyId}, x."occurredAt"::timestamptz, ${ctx.now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "type" text, "occurredAt" text)
     ON CONFLICT ("id") DO NOTHING
     RETURNING "id"`,
  );
  return inserted
    .map(({ id }) => ({ index: firstIndex.get(id)!, event: events[firstIndex.get(id)!]! }))
    .sort((a, b) => a.index - b.index);
}

async function applyEvents(tx: Tx, fresh: Indexed[], ctx: IngestContext) {
  const problems = await findUnknownReferences(tx, fresh);
  if (problems.length) throw new IngestRejected(problems);

  const now = ctx.now.toISOString();
  const data = <T extends PlatformEventType>(type: T) => ofType(fresh, type).map((e) => e.event);
  await upsertAccounts(tx, data("account.upserted"), now);
  await upsertCameos(tx, data("cameo.upserted"), now);
  await upsertPosts(tx, data("post.published"), now);
  await updatePosts(tx, data("post.updated"), now);
  await deletePosts(tx, data("post.deleted"), now);
  await upsertGrants(tx, data("cameo.grant.changed"));
  await addAppearances(tx, [
    ...data("post.published").flatMap((e) => e.data.cameoIds.map((cameoId) => ({ postId: e.data.id, cameoId }))),
    ...data("cameo.appearance.added").map((e) => e.data),
  ]);

  const drafts = fresh.map(({ index, event }) => draftSignal(index, event)).filter((d): d is SignalDraft => d !== null);
  const folded = await foldSignals(tx, {
    drafts,
    takedowns: ofType(fresh, "takedown.requested"),
    appeals: ofType(fresh, "appeal.filed"),
    now: ctx.now,
  });

  // Reach and cameo changes move the priority of the open cases about those posts too.
  const touchedPosts = [
    ...data("post.updated").map((e) => e.data.id),
    ...data("cameo.appearance.added").map((e) => e.data.postId),
  ];
  const touchedCases = touchedPosts.length
    ? await tx.case.findMany({
        where: { postId: { in: touchedPosts }, status: { not: "resolved" } },
        select: { id: true },
      })
    : [];
  await rescoreCases(
    tx,
    [...new Set([...folded.caseIds, ...touchedCases.map((c) => c.id)])],
    ctx.now,
    folded.deadlines,
  );

  const audit: AuditEntry[] = fresh.map(({ index, event }) => {
    const subject = subjectOf(event);
    return {
      actorType: "platform",
      action: `platform.${event.type}`,
      subjectType: subject.type,
      subjectId: subject.id,
      caseId: folded.caseByIndex.get(index) ?? null,
      requestId: ctx.requestId,
      details: { eventId: event.id, keyId: ctx.keyId },
    };
  });
  await appendAudit(tx, audit, ctx.now);
}

export async function ingestEvents(db: Database, events: PlatformEvent[], ctx: IngestContext): Promise<IngestResult> {
  return db.prisma.$transaction(
    async (tx) => {
      const fresh = await claimNewEvents(tx, events, ctx);
      if (fresh.length) await applyEvents(tx, fresh, ctx);
      return { accepted: fresh.length, duplicates: events.length - fresh.length };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}
