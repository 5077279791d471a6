// Stores signals and folds each into the open case for its subject and queue, opening one when there is none.
// Takedown requests and appeals also get their own rows, linked to the signal and the case.
import type { Prisma } from "../../db/generated/client.ts";
import type { EventOf } from "../../contracts/platform-events.ts";
import type { Tx } from "../../db/tx.ts";
import { humanReference, uuidv7 } from "../../lib/ids.ts";
import { missingTakedownElements, takedownDueAt, type SignalDraft } from "./signal-drafts.ts";
import { execRows, queryRows, sql } from "../../db/sql.ts";

export interface FoldResult {
  /** cases that received signals, for re-scoring */
  caseIds: string[];
  /** a legal clock a new signal brought to its case */
  deadlines: Map<string, Date>;
  /** the case each event's signal went to, by the event's index in the batch */
  caseByIndex: Map<number, string>;
}

type Indexed<T> = { index: number; event: T };

/** Appeals inherit the subject of the decision they contest. */
async function draftAppeals(tx: Tx, appeals: Indexed<EventOf<"appeal.filed">>[]) {
  if (appeals.length === 0) return { drafts: [] as SignalDraft[], rows: [] as Prisma.AppealCreateManyInput[] };
  const decisions = await tx.decision.findMany({
    where: { id: { in: appeals.map((a) => a.event.data.decisionId) } },
    select: {
      id: true,
      subjectType: true,
      postId: true,
      accountId: true,
      cameoId: true,
      type: true,
      policy: { select: { code: true } },
    },
  });
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const drafts: SignalDraft[] = [];
  const rows: Prisma.AppealCreateManyInput[] = [];
  for (const { index, event } of appeals) {
    const decision = byId.get(event.data.decisionId)!;
    const appealId = uuidv7();
    rows.push({
      id: appealId,
      decisionId: decision.id,
      appellantId: event.data.appellantId,
      text: event.data.text,
      platformEventId: event.id,
      filedAt: new Date(event.occurredAt),
    });
    drafts.push({
      index,
      eventId: event.id,
      kind: "appeal",
      queue: "appeal",
      subjectType: decision.subjectType,
      subjectId: (decision.postId ?? decision.accountId ?? decision.cameoId)!,
      category: decision.policy?.code ?? null,
      reporterId: event.data.appellantId,
      text: event.data.text,
      payload: { appealId, decisionId: decision.id, decisionType: decision.type },
      occurredAt: event.occurredAt,
    });
  }
  return { drafts, rows };
}

function subjectColumns(d: SignalDraft) {
  return {
    postId: d.subjectType === "post" ? d.subjectId : null,
    accountId: d.subjectType === "account" ? d.subjectId : null,
    cameoId: d.subjectType === "cameo" ? d.subjectId : null,
  };
}

export async function foldSignals(
  tx: Tx,
  input: {
    drafts: SignalDraft[];
    takedowns: Indexed<EventOf<"takedown.requested">>[];
    appeals: Indexed<EventOf<"appeal.filed">>[];
    now: Date;
  },
): Promise<FoldResult> {
  const appeals = await draftAppeals(tx, input.appeals);
  const drafts = [...input.drafts, ...appeals.drafts];
  const result: FoldResult = { caseIds: [], deadlines: new Map(), caseByIndex: new Map() };
  if (drafts.length === 0) return result;
  const nowIso = input.now.toISOString();

  // One open case per (subject, queue): the partial unique index decides races between concurrent requests.
  const keys = new Map<
    string,
    {
      id: string;
      queue: string;
      subjectType: string;
      subjectKey: string;
      postId: string | null;
      accountId: string | null;
      cameoId: string | null;
    }
  >();
  for (const d of drafts) {
    const subjectKey = `${d.subjectType}:${d.subjectId}`;
    keys.set(`${subjectKey}|${d.queue}`, {
      id: uuidv7(),
      queue: d.queue,
      subjectType: d.subjectType,
      subjectKey,
      ...subjectColumns(d),
    });
  }
  const wanted = [...keys.values()];
  await execRows(
    tx,
    wanted,
    (json) =>
      sql`INSERT INTO "Case" ("id", "queue", "subjectType", "subjectKey", "postId", "accountId", "cameoId", "status", "createdAt", "updatedAt", "lastChangedAt")
     SELECT x."id"::uuid, x."queue"::"QueueKind", x."subjectType"::"SubjectType", x."subjectKey", x."postId", x."accountId", x."cameoId",
            'open', ${nowIso}::timestamptz, ${nowIso}::timestamptz, ${nowIso}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "queue" text, "subjectType" text, "subjectKey" text, "postId" text, "accountId" text, "cameoId" text)
     ON CONFLICT ("subjectKey", "queue") WHERE "status" <> 'resolved' DO NOTHING`,
  );
  const lookups = wanted.map(({ subjectKey, queue }) => ({ subjectKey, queue }));
  const cases = await queryRows<{ id: string; subjectKey: string; queue: string }>(
    tx,
    lookups,
    (json) =>
      sql`SELECT c."id"::text AS "id", c."subjectKey", c."queue"::text AS "queue"
       FROM "Case" c JOIN jsonb_to_recordset(${json}) AS x("subjectKey" text, "queue" text)
         ON c."subjectKey" = x."subjectKey" AND c."queue" = x."queue"::"QueueKind"
      WHERE c."status" <> 'resolved'`,
  );
  const caseOf = new Map(cases.map((c) => [`${c.subjectKey}|${c.queue}`, c.id]));
  for (const d of drafts) result.caseByIndex.set(d.index, caseOf.get(`${d.subjectType}:${d.subjectId}|${d.queue}`)!);

  // Takedown requests: their own record with the legal elements, linked to every post named and to the case.
  const takedownIdByIndex = new Map<number, string>();
  const takedownRows: Prisma.TakedownRequestCreateManyInput[] = [];
  const takedownPosts: Prisma.TakedownRequestPostCreateManyInput[] = [];
  for (const { index, event } of input.takedowns) {
    const d = event.data;
    const receivedAt = new Date(event.occurredAt);
    const missing = missingTakedownElements(d);
    const dueAt = takedownDueAt(d, receivedAt, missing);
    const id = uuidv7();
    const caseId = result.caseByIndex.get(index)!;
    takedownIdByIndex.set(index, id);
    if (dueAt) result.deadlines.set(caseId, minDate(result.deadlines.get(caseId), dueAt));
    takedownRows.push({
      id,
      reference: humanReference("TD"),
      type: d.legalType,
      status: missing.length ? "needs_info" : "valid",
      source: "platform",
      requesterName: d.requesterName,
      requesterEmail: d.requesterEmail,
      authority: d.authority,
      isTrustedFlagger: d.isTrustedFlagger,
      depictedPerson: d.depictedPerson,
      signature: d.signature,
      contentUrls: d.contentUrls,
      contentDescription: d.description,
      goodFaith: d.goodFaith,
      perjuryStatement: d.perjuryStatement,
      issuingAuthority: d.issuingAuthority,
      orderReference: d.orderReference,
      missingElements: missing,
      receivedAt,
      clockStartedAt: missing.length ? null : receivedAt,
      dueAt,
      platformEventId: event.id,
      caseId,
      details: { platformRequestId: d.requestId, orderDeadline: d.orderDeadline ?? null },
    });
    for (const postId of new Set(d.postIds)) takedownPosts.push({ requestId: id, postId, matchedBy: "id" });
  }
  if (takedownRows.length) {
    await tx.takedownRequest.createMany({ data: takedownRows });
    await tx.takedownRequestPost.createMany({ data: takedownPosts });
  }
  if (appeals.rows.length) {
    await tx.appeal.createMany({
      data: appeals.rows.map((row) => {
        const draft = appeals.drafts.find((d) => d.payload.appealId === row.id)!;
        return { ...row, caseId: result.caseByIndex.get(draft.index)! };
      }),
    });
  }

  const signals = drafts.map((d) => ({
    id: uuidv7(),
    kind: d.kind,
    subjectType: d.subjectType,
    ...subjectColumns(d),
    caseId: result.caseByIndex.get(d.index)!,
    platformEventId: d.eventId,
    reporterId: d.reporterId ?? null,
    category: d.category,
    model: d.model ?? null,
    score: d.score ?? null,
    frames: d.frames ?? null,
    reason: d.reason ?? null,
    text: d.text ?? null,
    takedownRequestId: takedownIdByIndex.get(d.index) ?? d.takedownRequestId ?? null,
    appealId: d.kind === "appeal" ? String(d.payload.appealId) : null,
    payload: d.payload,
    occurredAt: d.occurredAt,
  }));
  await execRows(
    tx,
    signals,
    (json) =>
      sql`INSERT INTO "Signal" ("id", "kind", "subjectType", "postId", "accountId", "cameoId", "caseId", "platformEventId", "reporterId",
                           "category", "model", "score", "frames", "reason", "text", "takedownRequestId", "appealId", "payload",
                           "occurredAt", "receivedAt")
     SELECT x."id"::uuid, x."kind"::"SignalKind", x."subjectType"::"SubjectType", x."postId", x."accountId", x."cameoId", x."caseId"::uuid,
            x."platformEventId", x."reporterId", x."category", x."model", x."score", x."frames", x."reason", x."text",
            x."takedownRequestId"::uuid, x."appealId"::uuid, x."payload", x."occurredAt"::timestamptz, ${nowIso}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "kind" text, "subjectType" text, "postId" text, "accountId" text,
            "cameoId" text, "caseId" text, "platformEventId" text, "reporterId" text, "category" text, "model" text, "score" float8,
            "frames" jsonb, "reason" text, "text" text, "takedownRequestId" text, "appealId" text, "payload" jsonb, "occurredAt" text)`,
  );

  // Reporter accuracy is actioned / filed; every report counts as filed now, actioned when a decision upholds it.
  const filed = new Map<string, number>();
  for (const d of drafts)
    if (d.reporterId && d.kind !== "appeal") filed.set(d.reporterId, (filed.get(d.reporterId) ?? 0) + 1);
  await execRows(
    tx,
    [...filed].map(([id, n]) => ({ id, n })),
    (json) =>
      sql`UPDATE "Account" a SET "reportsFiled" = a."reportsFiled" + x."n"
       FROM jsonb_to_recordset(${json}) AS x("id" text, "n" int) WHERE a."id" = x."id"`,
  );

  result.caseIds = [...new Set(result.caseByIndex.values())];
  return result;
}

function minDate(a: Date | undefined, b: Date): Date {
  return a && a < b ? a : b;
}
