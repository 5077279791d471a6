// Statements of reasons to the uploader (EU DSA Art. 17), queued with the decision they explain. Sent only when
// the platform shared the account's email; otherwise the platform tells the user from the decision webhook.
import type { Tx } from "../../db/tx.ts";
import { statementOfReasonsNotice } from "./templates.ts";

export interface RestrictionForUploader {
  decisionId: string;
  action: string;
  accountId: string;
  postId: string | null;
  policy: { name: string; dsaGround: "illegal_content" | "incompatible_content"; legalReference: string | null };
  reason: string;
  automated: boolean;
  decidedAt: Date;
  suspendedUntil?: Date | null;
  /** files the notice with the takedown request it answers */
  takedownRequestId?: string | null;
}

export async function queueStatementsToUploaders(tx: Tx, restrictions: RestrictionForUploader[]): Promise<number> {
  if (restrictions.length === 0) return 0;
  const accounts = await tx.account.findMany({
    where: { id: { in: [...new Set(restrictions.map((r) => r.accountId))] }, email: { not: null } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(accounts.map((a) => [a.id, a.email!]));
  const rows = restrictions
    .filter((r) => emailOf.has(r.accountId))
    .map((r) => ({
      kind: "statement_of_reasons",
      to: emailOf.get(r.accountId)!,
      decisionId: r.decisionId,
      takedownRequestId: r.takedownRequestId ?? null,
      createdAt: r.decidedAt,
      nextAttemptAt: r.decidedAt,
      ...statementOfReasonsNotice({
        action: r.action,
        postId: r.postId,
        policyName: r.policy.name,
        ground: r.policy.dsaGround,
        legalReference: r.policy.legalReference,
        reason: r.reason,
        automated: r.automated,
        decidedAt: r.decidedAt,
        suspendedUntil: r.suspendedUntil ?? null,
      }),
    }));
  if (rows.length) await tx.emailNotice.createMany({ data: rows });
  return rows.length;
}
