// What a match does beyond opening a review case, as its bank says: hold the post pending review, or take it down.
// Both are automated decisions through the decision writer (statement of reasons marked automated, one audit row,
// one outbox event); the case stays open so a person confirms or reverses. Automatic take-down acts only on the
// same file or a vPDQ match of at least 95% both ways; anything less is left to the reviewer. Nothing is banked
// again: the matched entry is in the bank already.
import type { Tx } from "../../db/tx.ts";
import type { DsaDecisionGround } from "../../db/generated/enums.ts";
import { recordDecisions, type DecisionDraft } from "../decisions/record.ts";
import { jsonRows, sql } from "../../db/sql.ts";
import type { HashMatch } from "./scan.ts";

/** A vPDQ match at or above this share both ways may take a post down automatically. */
export const AUTO_TAKE_DOWN_MIN_PCT = 95;

const VISIBILITY = {
  hold_post: { post: "held", statement: "DECISION_VISIBILITY_CONTENT_DISABLED" },
  take_down_post: { post: "taken_down", statement: "DECISION_VISIBILITY_CONTENT_REMOVED" },
} as const;

/** The automatic action a match calls for, or null when a person decides. */
export function automaticAction(m: HashMatch): "hold_post" | "take_down_post" | null {
  if (m.bank.action === "hold") return "hold_post";
  if (m.bank.action !== "take_down") return null;
  const sameVideo =
    m.matchKind === "perceptual" &&
    (m.queryPct ?? 0) >= AUTO_TAKE_DOWN_MIN_PCT &&
    (m.comparisonPct ?? 0) >= AUTO_TAKE_DOWN_MIN_PCT;
  return m.matchKind === "exact" || sameVideo ? "take_down_post" : null;
}

interface Target {
  postId: string;
  creatorId: string;
  visibility: string;
  policyId: string | null;
  code: string | null;
  name: string | null;
  dsaGround: DsaDecisionGround | null;
  dsaCategory: string | null;
  legalReference: string | null;
}

/**
 * Applies the banks' actions to the matched posts; `caseOf` names the case each match opened. Returns how many
 * posts were acted on. A post no longer public, or a match without a policy to state reasons by, is left to review.
 */
export async function applyBankActions(
  tx: Tx,
  matches: HashMatch[],
  caseOf: (m: HashMatch) => string | null,
  now: Date,
): Promise<number> {
  const acting = matches.flatMap((m) => {
    const action = automaticAction(m);
    return action ? [{ m, action }] : [];
  });
  if (acting.length === 0) return 0;
  const targets = await tx.$queryRaw<Target[]>(
    sql`SELECT p."id" AS "postId", p."creatorId", p."visibility"::text AS "visibility", pol."id"::text AS "policyId",
               pol."code", pol."name", pol."dsaGround", pol."dsaCategory", pol."legalReference"
          FROM "Post" p
          JOIN jsonb_to_recordset(${jsonRows(acting.map((a) => ({ postId: a.m.postId, entryId: a.m.entryId })))})
               AS x("postId" text, "entryId" text) ON x."postId" = p."id"
          JOIN "HashBankEntry" e ON e."id" = x."entryId"::uuid
          LEFT JOIN "Policy" pol ON pol."id" = e."policyId" AND pol."active"
         FOR UPDATE OF p`,
  );
  const byPost = new Map(targets.map((t) => [t.postId, t]));
  const drafts: DecisionDraft[] = [];
  const changes: { postId: string; visibility: string }[] = [];
  for (const { m, action } of acting) {
    const t = byPost.get(m.postId);
    if (!t || t.visibility !== "public" || !t.policyId || !t.dsaGround || !t.dsaCategory) continue;
    const how =
      m.matchKind === "exact"
        ? "the same file"
        : `${m.comparisonPct}% of the banked video's frames (${m.queryPct}% of this one's)`;
    const reason = `Automatic ${action === "take_down_post" ? "take-down" : "hold pending review"}: matches ${how} in the bank "${m.bank.name}"${m.matchedPostId ? `, removed post ${m.matchedPostId}` : ""}.`;
    const caseId = caseOf(m);
    drafts.push({
      type: action,
      subjectType: "post",
      postId: m.postId,
      caseId,
      actorId: null,
      policy: {
        id: t.policyId,
        code: t.code!,
        name: t.name!,
        dsaGround: t.dsaGround,
        legalReference: t.legalReference,
      },
      reason,
      dsaGround: t.dsaGround,
      dsaCategory: t.dsaCategory,
      visibilityDecision: VISIBILITY[action].statement,
      automatedDetection: true,
      automatedDecision: true,
      legalReference: t.legalReference,
      authority: "automated",
      uploaderId: t.creatorId,
      changesHashBank: false,
      audit: {
        actorType: "system",
        subjectType: "post",
        subjectId: m.postId,
        caseId,
        details: { bankId: m.bank.id, hashBankEntryId: m.entryId, matchKind: m.matchKind, policy: t.code },
      },
    });
    changes.push({ postId: m.postId, visibility: VISIBILITY[action].post });
  }
  if (drafts.length === 0) return 0;
  await tx.$executeRaw(
    sql`UPDATE "Post" p SET "visibility" = x."visibility"::"PostVisibility", "updatedAt" = ${now}::timestamptz
          FROM jsonb_to_recordset(${jsonRows(changes)}) AS x("postId" text, "visibility" text)
         WHERE p."id" = x."postId"`,
  );
  await recordDecisions(tx, drafts, now);
  return drafts.length;
}
