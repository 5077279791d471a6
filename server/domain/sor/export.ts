// Exports statements of reasons for the EU DSA Transparency Database: every restrictive decision in a period, in
// the order it was taken, as validated statements in batches the multiple-statements endpoint accepts (≤ 100).
// Decisions are read in keyset pages over (createdAt, id), so memory stays flat however many there are.
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { RESTRICTIVE_ACTION_TYPES, isRestrictive } from "./restrictive-actions.ts";
import {
  STATEMENT_FIELDS,
  puidFor,
  toStatement,
  type DecisionForStatement,
  type TransparencyStatement,
} from "./transparency-db.ts";
import { validateStatement } from "./validate.ts";
import { MAX_BATCH_SIZE } from "./vocabulary.ts";
import { csvCell } from "../../lib/csv.ts";

export interface ExportCursor {
  createdAt: Date;
  id: string;
}

export interface InvalidStatement {
  decisionId: string;
  puid: string;
  issues: { field: string; message: string }[];
}

/** What an export did besides the statements it produced; filled in while the batches are consumed. */
export interface ExportReport {
  exported: number;
  /** decisions whose statement breaks a published rule: left out and listed so staff can correct them */
  invalid: InvalidStatement[];
  /** decisions that apply to no EU/EEA country, which owe the database nothing */
  outsideEea: number;
  /** set when `limit` stopped the export: resume after this decision */
  next: ExportCursor | null;
}

export interface ExportOptions {
  /** decisions taken at or after this instant */
  since?: Date;
  /** decisions taken before this instant */
  until?: Date;
  /** start after this decision (a previous export's `next`) */
  after?: ExportCursor;
  /** stop after this many statements */
  limit?: number;
  report?: ExportReport;
  pageSize?: number;
}

export function newExportReport(): ExportReport {
  return { exported: 0, invalid: [], outsideEea: 0, next: null };
}

// Only what a statement needs. No handle, display name, prompt, reason, reviewer or requester field is read.
const DECISION_FOR_STATEMENT = {
  id: true,
  type: true,
  actorId: true,
  createdAt: true,
  dsaGround: true,
  dsaCategory: true,
  visibilityDecision: true,
  automatedDetection: true,
  automatedDecision: true,
  territorialScope: true,
  legalReference: true,
  suspendedUntil: true,
  caseId: true,
  takedownRequestId: true,
  policy: {
    select: { code: true, name: true, description: true, dsaCategory: true, dsaGround: true, legalReference: true },
  },
  post: { select: { createdAt: true } },
  cameo: { select: { createdAt: true } },
  account: { select: { createdAt: true } },
  case: { select: { post: { select: { createdAt: true } }, cameo: { select: { createdAt: true } } } },
} satisfies Prisma.DecisionSelect;

type DecisionRow = Prisma.DecisionGetPayload<{ select: typeof DECISION_FOR_STATEMENT }>;
type CaseSources = Map<string, { kinds: Set<DecisionForStatement["signalKinds"][number]>; takedownIds: Set<string> }>;
type TakedownRow = { id: string; caseId: string | null } & DecisionForStatement["takedowns"][number];

async function readPage(
  db: Database,
  opts: ExportOptions,
  after: ExportCursor | undefined,
  take: number,
): Promise<DecisionRow[]> {
  const and: Prisma.DecisionWhereInput[] = [{ type: { in: [...RESTRICTIVE_ACTION_TYPES] } }];
  if (opts.since) and.push({ createdAt: { gte: opts.since } });
  if (opts.until) and.push({ createdAt: { lt: opts.until } });
  if (after)
    and.push({ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] });
  return db.prisma.decision.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: DECISION_FOR_STATEMENT,
  });
}

/** Signal kinds and takedown requests per case, for a page of decisions: distinct values only, never every report. */
async function readSources(
  db: Database,
  rows: DecisionRow[],
): Promise<{ cases: CaseSources; takedowns: TakedownRow[] }> {
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((id): id is string => !!id))];
  const groups = caseIds.length
    ? await db.prisma.signal.groupBy({
        by: ["caseId", "kind", "takedownRequestId"],
        where: { caseId: { in: caseIds } },
      })
    : [];
  const cases: CaseSources = new Map();
  for (const g of groups) {
    const entry = cases.get(g.caseId) ?? { kinds: new Set(), takedownIds: new Set() };
    entry.kinds.add(g.kind);
    if (g.takedownRequestId) entry.takedownIds.add(g.takedownRequestId);
    cases.set(g.caseId, entry);
  }
  const ids = new Set<string>(groups.flatMap((g) => (g.takedownRequestId ? [g.takedownRequestId] : [])));
  for (const r of rows) if (r.takedownRequestId) ids.add(r.takedownRequestId);
  const or: Prisma.TakedownRequestWhereInput[] = [];
  if (ids.size) or.push({ id: { in: [...ids] } });
  if (caseIds.length) or.push({ caseId: { in: caseIds } });
  const takedowns = or.length
    ? await db.prisma.takedownRequest.findMany({
        where: { OR: or },
        select: { id: true, caseId: true, type: true, isTrustedFlagger: true },
      })
    : [];
  return { cases, takedowns };
}

function toInput(row: DecisionRow, cases: CaseSources, takedowns: TakedownRow[]): DecisionForStatement | null {
  if (!isRestrictive(row.type)) return null;
  const sources = row.caseId ? cases.get(row.caseId) : undefined;
  const post = row.post ?? row.case?.post ?? null;
  const cameo = row.cameo ?? row.case?.cameo ?? null;
  const content = post
    ? { kind: "post" as const, createdAt: post.createdAt }
    : cameo
      ? { kind: "cameo" as const, createdAt: cameo.createdAt }
      : row.account
        ? { kind: "account" as const, createdAt: row.account.createdAt }
        : null;
  const related = takedowns.filter(
    (t) => t.id === row.takedownRequestId || (row.caseId && t.caseId === row.caseId) || sources?.takedownIds.has(t.id),
  );
  return {
    id: row.id,
    type: row.type,
    hasHumanActor: row.actorId !== null,
    createdAt: row.createdAt,
    dsaGround: row.dsaGround,
    dsaCategory: row.dsaCategory,
    visibilityDecision: row.visibilityDecision,
    automatedDetection: row.automatedDetection,
    automatedDecision: row.automatedDecision,
    territorialScope: row.territorialScope,
    legalReference: row.legalReference,
    suspendedUntil: row.suspendedUntil,
    policy: row.policy,
    content,
    signalKinds: [...(sources?.kinds ?? [])],
    takedowns: related.map((t) => ({ type: t.type, isTrustedFlagger: t.isTrustedFlagger })),
  };
}

/**
 * Yields batches of 1–100 valid statements, oldest decision first. Statements that break a rule and decisions
 * outside the EEA are left out and counted in `options.report`, which is complete once the loop ends.
 */
export async function* exportStatements(
  db: Database,
  options: ExportOptions = {},
): AsyncGenerator<TransparencyStatement[]> {
  const report = options.report ?? newExportReport();
  const pageSize = options.pageSize ?? 500;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let after = options.after;
  let batch: TransparencyStatement[] = [];
  while (report.exported < limit) {
    const rows = await readPage(db, options, after, pageSize);
    if (rows.length === 0) break;
    const { cases, takedowns } = await readSources(db, rows);
    for (const [i, row] of rows.entries()) {
      after = { createdAt: row.createdAt, id: row.id };
      const input = toInput(row, cases, takedowns);
      if (!input) continue;
      const statement = toStatement(input);
      if (statement.territorial_scope.length === 0 && input.territorialScope.length > 0) {
        report.outsideEea += 1;
        continue;
      }
      const issues = validateStatement(statement);
      if (issues.length > 0) {
        report.invalid.push({
          decisionId: row.id,
          puid: puidFor(row.id),
          issues: issues.map(({ field, message }) => ({ field, message })),
        });
        continue;
      }
      batch.push(statement);
      report.exported += 1;
      if (batch.length === MAX_BATCH_SIZE) {
        yield batch;
        batch = [];
      }
      if (report.exported >= limit) {
        // Rows may remain in this page or beyond it; the caller can resume after this decision.
        if (i < rows.length - 1 || rows.length === pageSize) report.next = after;
        break;
      }
    }
    if (rows.length < pageSize) break;
  }
  if (batch.length > 0) yield batch;
}

/** Lists join with ";" in one cell. */
const cell = (value: string | string[] | undefined): string => csvCell(Array.isArray(value) ? value.join(";") : value);

/** Statements as CSV, one column per field in the documented order, CRLF line ends. */
export function toCsv(statements: readonly TransparencyStatement[], options: { header?: boolean } = {}): string {
  const lines = statements.map((s) => STATEMENT_FIELDS.map((f) => cell(s[f])).join(","));
  if (options.header ?? true) lines.unshift(STATEMENT_FIELDS.join(","));
  return lines.length ? `${lines.join("\r\n")}\r\n` : "";
}
