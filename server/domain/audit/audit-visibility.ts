// The audit log as a role may read it: a row about content kept from the role — a restricted post, a case or
// decision it may not see, a takedown request or counter-notice when it may not work the takedown queue — is left
// out, wherever in the row the id appears (subject, case, or anywhere in the details).
import type { Tx } from "../../db/tx.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { hiddenCaseIds, hiddenDecisionIds, restrictedPostIds } from "../access/content-visibility.ts";

export interface AuditRowRefs {
  subjectType: string | null;
  subjectId: string | null;
  caseId: string | null;
  details: unknown;
}

const TAKEDOWN_SUBJECTS = new Set(["takedown_request", "counter_notice"]);

function stringsIn(value: unknown, into: string[], depth = 0): string[] {
  if (typeof value === "string") into.push(value);
  else if (depth < 4 && Array.isArray(value)) for (const v of value) stringsIn(v, into, depth + 1);
  else if (depth < 4 && value && typeof value === "object")
    for (const v of Object.values(value)) stringsIn(v, into, depth + 1);
  return into;
}

function idsOf(row: AuditRowRefs): string[] {
  return [
    ...(row.subjectId ? [row.subjectId] : []),
    ...(row.caseId ? [row.caseId] : []),
    ...stringsIn(row.details, []),
  ];
}

/** The rows the role may read, in their order: three queries for a whole page. */
export async function visibleAuditRows<T extends AuditRowRefs>(tx: Tx, access: ContentAccess, rows: T[]): Promise<T[]> {
  if (access.closed.length === 0 || rows.length === 0) return rows;
  const ids = rows.flatMap(idsOf);
  const [posts, cases, decisions] = await Promise.all([
    restrictedPostIds(tx, access, ids),
    hiddenCaseIds(tx, access, ids),
    hiddenDecisionIds(tx, access, ids),
  ]);
  const takedownsClosed = access.closed.includes("takedown");
  return rows.filter((row) => {
    if (takedownsClosed && row.subjectType && TAKEDOWN_SUBJECTS.has(row.subjectType)) return false;
    return !idsOf(row).some((id) => posts.has(id) || cases.has(id.toLowerCase()) || decisions.has(id.toLowerCase()));
  });
}
