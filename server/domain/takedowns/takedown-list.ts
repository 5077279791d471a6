// The takedown queue: notices from trusted flaggers first (DSA Art. 22: processed with priority), then by legal
// deadline, soonest first; requests whose clock has not started come last.
import type { z } from "zod/mini";
import type { TakedownListInput } from "../../contracts/takedowns.ts";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";

export async function listTakedownRequests(db: Database, input: z.output<typeof TakedownListInput>) {
  const and: Prisma.TakedownRequestWhereInput[] = [];
  if (input.type) and.push({ type: input.type });
  and.push({ status: { in: input.status ?? ["received", "needs_info", "valid", "counter_noticed"] } });
  if (input.cursor) {
    const [trusted, due, id] = decodeCursor(input.cursor, 3);
    const afterInGroup: Prisma.TakedownRequestWhereInput =
      due === null
        ? { dueAt: null, id: { gt: String(id) } }
        : {
            OR: [
              { dueAt: { gt: new Date(String(due)) } },
              { dueAt: new Date(String(due)), id: { gt: String(id) } },
              { dueAt: null },
            ],
          };
    and.push(
      trusted === 1
        ? { OR: [{ isTrustedFlagger: true, ...afterInGroup }, { isTrustedFlagger: false }] }
        : { isTrustedFlagger: false, ...afterInGroup },
    );
  }
  const rows = await db.prisma.takedownRequest.findMany({
    where: { AND: and },
    orderBy: [{ isTrustedFlagger: "desc" }, { dueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: input.limit + 1,
    select: {
      id: true,
      reference: true,
      type: true,
      status: true,
      source: true,
      requesterName: true,
      authority: true,
      isTrustedFlagger: true,
      missingElements: true,
      receivedAt: true,
      dueAt: true,
      _count: { select: { posts: true } },
    },
  });
  return pageOf(rows, input.limit, (r) => [r.isTrustedFlagger ? 1 : 0, r.dueAt?.toISOString() ?? null, r.id]);
}
