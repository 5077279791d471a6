// The referential rule of the platform contract: an event may reference only accounts, posts, cameos and
// decisions Vigil knows — from an earlier batch or from this one. A batch that breaks it is refused whole.
import type { PlatformEvent } from "../../contracts/platform-events.ts";
import type { Tx } from "../../db/tx.ts";

export interface IngestProblem {
  index: number | null;
  path: string;
  message: string;
}

type Kind = "account" | "post" | "cameo" | "decision";
interface Ref {
  kind: Kind;
  id: string;
  path: string;
}

function refsOf(e: PlatformEvent): Ref[] {
  switch (e.type) {
    case "account.upserted":
      return [];
    case "post.published": {
      const p = e.data;
      return [
        { kind: "account", id: p.creatorId, path: "data.creatorId" },
        ...(p.remixOfId ? [{ kind: "post" as const, id: p.remixOfId, path: "data.remixOfId" }] : []),
        ...p.cameoIds.map((id, i) => ({ kind: "cameo" as const, id, path: `data.cameoIds[${i}]` })),
      ];
    }
    case "post.updated":
    case "post.deleted":
      return [{ kind: "post", id: e.data.id, path: "data.id" }];
    case "cameo.upserted":
      return [{ kind: "account", id: e.data.ownerId, path: "data.ownerId" }];
    case "cameo.grant.changed":
      return [
        { kind: "cameo", id: e.data.cameoId, path: "data.cameoId" },
        { kind: "account", id: e.data.granteeId, path: "data.granteeId" },
      ];
    case "cameo.appearance.added":
      return [
        { kind: "post", id: e.data.postId, path: "data.postId" },
        { kind: "cameo", id: e.data.cameoId, path: "data.cameoId" },
      ];
    case "flag.raised":
      return [{ kind: "post", id: e.data.postId, path: "data.postId" }];
    case "report.filed":
      return [
        { kind: "account", id: e.data.reporterId, path: "data.reporterId" },
        { kind: e.data.subject.type, id: e.data.subject.id, path: "data.subject.id" },
      ];
    case "likeness.complaint.filed":
      return [
        ...(e.data.complainantId
          ? [{ kind: "account" as const, id: e.data.complainantId, path: "data.complainantId" }]
          : []),
        ...(e.data.cameoId ? [{ kind: "cameo" as const, id: e.data.cameoId, path: "data.cameoId" }] : []),
        ...e.data.postIds.map((id, i) => ({ kind: "post" as const, id, path: `data.postIds[${i}]` })),
      ];
    case "takedown.requested":
      return e.data.postIds.map((id, i) => ({ kind: "post" as const, id, path: `data.postIds[${i}]` }));
    case "appeal.filed":
      return [
        { kind: "decision", id: e.data.decisionId, path: "data.decisionId" },
        { kind: "account", id: e.data.appellantId, path: "data.appellantId" },
      ];
  }
}

export const APPEAL_WINDOW_MONTHS = 6;

const FIRST_SENT_BY: Record<Kind, string> = {
  account: "account.upserted",
  post: "post.published",
  cameo: "cameo.upserted",
  decision: "a Vigil decision",
};

/** Problems for every reference to something neither in the database nor created by this batch. */
export async function findUnknownReferences(
  tx: Tx,
  events: { index: number; event: PlatformEvent }[],
): Promise<IngestProblem[]> {
  const created: Record<Kind, Set<string>> = {
    account: new Set(),
    post: new Set(),
    cameo: new Set(),
    decision: new Set(),
  };
  for (const { event } of events) {
    if (event.type === "account.upserted") created.account.add(event.data.id);
    if (event.type === "post.published") created.post.add(event.data.id);
    if (event.type === "cameo.upserted") created.cameo.add(event.data.id);
  }
  const wanted: Record<Kind, Set<string>> = {
    account: new Set(),
    post: new Set(),
    cameo: new Set(),
    decision: new Set(),
  };
  const all = events.flatMap(({ index, event }) => refsOf(event).map((ref) => ({ index, ref })));
  for (const { ref } of all) if (!created[ref.kind].has(ref.id)) wanted[ref.kind].add(ref.id);

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [accounts, posts, cameos, decisions] = await Promise.all([
    wanted.account.size
      ? tx.account.findMany({ where: { id: { in: [...wanted.account] } }, select: { id: true } })
      : [],
    wanted.post.size ? tx.post.findMany({ where: { id: { in: [...wanted.post] } }, select: { id: true } }) : [],
    wanted.cameo.size ? tx.cameo.findMany({ where: { id: { in: [...wanted.cameo] } }, select: { id: true } }) : [],
    wanted.decision.size
      ? tx.decision.findMany({
          where: { id: { in: [...wanted.decision].filter((id) => UUID.test(id)) } },
          select: { id: true, createdAt: true },
        })
      : [],
  ]);
  const known: Record<Kind, Set<string>> = {
    account: new Set([...created.account, ...accounts.map((r) => r.id)]),
    post: new Set([...created.post, ...posts.map((r) => r.id)]),
    cameo: new Set([...created.cameo, ...cameos.map((r) => r.id)]),
    decision: new Set(decisions.map((r) => r.id)),
  };
  const unknown = all
    .filter(({ ref }) => !known[ref.kind].has(ref.id))
    .map(({ index, ref }) => ({
      index,
      path: ref.path,
      message: `Unknown ${ref.kind} "${ref.id}": send ${FIRST_SENT_BY[ref.kind]} for it first`,
    }));
  // DSA Art. 20: a decision can be appealed for six months after it was made.
  const decidedAt = new Map(decisions.map((d) => [d.id, d.createdAt]));
  const late = events.flatMap(({ index, event }) => {
    if (event.type !== "appeal.filed") return [];
    const at = decidedAt.get(event.data.decisionId);
    if (!at) return [];
    const deadline = new Date(at);
    deadline.setUTCMonth(deadline.getUTCMonth() + APPEAL_WINDOW_MONTHS);
    return new Date(event.occurredAt) > deadline
      ? [
          {
            index,
            path: "data.decisionId",
            message: `The appeal window closed on ${deadline.toISOString().slice(0, 10)} (six months after the decision)`,
          },
        ]
      : [];
  });
  return [...unknown, ...late];
}
