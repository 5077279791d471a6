// Listing a wave's or batch's codes for the console's virtualized table, and streaming them out as CSV. Both
// read in keyset pages by id over the (waveId, id), (waveId, status, id) and (batchId, id) indexes, so the
// millionth row costs what the first one does.
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { DomainError } from "../../lib/errors.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import { parseInput } from "../../lib/validation.ts";
import { csvRow } from "../../lib/csv.ts";
import { CodesListInput } from "../../contracts/invites.ts";
import { bareCode, formatCode } from "./code-format.ts";

export const CODE_SELECT = {
  id: true,
  code: true,
  waveId: true,
  batchId: true,
  issuerAccountId: true,
  maxUses: true,
  useCount: true,
  expiresAt: true,
  status: true,
  revokedAt: true,
  revokedReason: true,
  createdAt: true,
} satisfies Prisma.InviteCodeSelect;

/** "abcd-ef" → "ABCD-EF": the stored form of a typed prefix, dashes where stored codes have them. */
export function codePrefix(typed: string): string {
  const bare = bareCode(typed);
  return bare.length > 8 ? formatCode(bare) : bare.length > 4 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

function codeFilter(input: {
  waveId?: string;
  batchId?: string;
  status?: "active" | "revoked";
  usage?: "used" | "unused";
  codePrefix?: string;
}) {
  const where: Prisma.InviteCodeWhereInput = {};
  if (input.waveId) where.waveId = input.waveId;
  if (input.batchId) where.batchId = input.batchId;
  if (input.status) where.status = input.status;
  if (input.usage === "used") where.useCount = { gt: 0 };
  if (input.usage === "unused") where.useCount = 0;
  const prefix = input.codePrefix ? codePrefix(input.codePrefix) : "";
  if (prefix) where.code = { startsWith: prefix };
  return where;
}

export async function listCodes({ prisma: tx }: Database, raw: unknown) {
  const input = parseInput(CodesListInput, raw);
  if (!input.waveId && !input.batchId && !input.codePrefix) {
    throw new DomainError("BAD_REQUEST", "waveId: choose a wave or a batch, or type the start of a code.", {
      field: "waveId",
    });
  }
  const limit = input.limit ?? 100;
  const where = codeFilter(input);
  const after = input.cursor ? String(decodeCursor(input.cursor, 1)[0]) : null;
  const rows = await tx.inviteCode.findMany({
    where: after ? { AND: [where, { id: { gt: after } }] } : where,
    orderBy: { id: "asc" },
    take: limit + 1,
    select: CODE_SELECT,
  });
  const page = pageOf(rows, limit, (r) => [r.id]);
  // The total sizes the virtualized table; it is counted once, on the first page.
  const total = after ? null : await tx.inviteCode.count({ where });
  return { ...page, total };
}

export const CODES_CSV_HEADER =
  "code,status,max_uses,use_count,expires_at,batch_id,issuer_account_id,created_at,revoked_at,revoked_reason\n";

/** CSV text for a wave's (or one batch's) codes, page by page; memory stays flat for a million rows. */
export async function* codesCsv(
  tx: Tx,
  filter: { waveId: string; batchId?: string },
  pageSize = 5_000,
): AsyncGenerator<string> {
  yield CODES_CSV_HEADER;
  let after: string | null = null;
  for (;;) {
    const rows: {
      id: string;
      code: string;
      status: string;
      maxUses: number;
      useCount: number;
      expiresAt: Date | null;
      batchId: string | null;
      issuerAccountId: string | null;
      createdAt: Date;
      revokedAt: Date | null;
      revokedReason: string | null;
    }[] = await tx.inviteCode.findMany({
      where: {
        waveId: filter.waveId,
        ...(filter.batchId ? { batchId: filter.batchId } : {}),
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true,
        code: true,
        status: true,
        maxUses: true,
        useCount: true,
        expiresAt: true,
        batchId: true,
        issuerAccountId: true,
        createdAt: true,
        revokedAt: true,
        revokedReason: true,
      },
    });
    if (rows.length === 0) return;
    let chunk = "";
    for (const r of rows) {
      chunk +=
        csvRow([
          r.code,
          r.status,
          r.maxUses,
          r.useCount,
          r.expiresAt?.toISOString() ?? null,
          r.batchId,
          r.issuerAccountId,
          r.createdAt.toISOString(),
          r.revokedAt?.toISOString() ?? null,
          r.revokedReason,
        ]) + "\n";
    }
    yield chunk;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
