import { z } from "zod";
import { router, staffProcedure } from "../trpc.ts";
import { decodeCursor, pageOf } from "../lib/keyset.ts";
import type { Prisma } from "../db/generated/client.ts";

const CameoListInput = z.object({
  ownerHandle: z.string().trim().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const cameoRouter = router({
  /** The cameo registry: find a cameo by its owner's handle. */
  list: staffProcedure.input(CameoListInput).query(async ({ ctx, input }) => {
    const and: Prisma.CameoWhereInput[] = [];
    if (input.ownerHandle) and.push({ owner: { handle: { startsWith: input.ownerHandle.replace(/^@/, "") } } });
    if (input.cursor) and.push({ id: { gt: String(decodeCursor(input.cursor, 1)[0]) } });
    const rows = await ctx.db.prisma.cameo.findMany({
      where: { AND: and },
      orderBy: { id: "asc" },
      take: input.limit + 1,
      select: {
        id: true,
        status: true,
        permission: true,
        restrictions: true,
        verifiedAt: true,
        owner: { select: { id: true, handle: true, displayName: true } },
        _count: { select: { grants: true, appearances: true } },
      },
    });
    return pageOf(rows, input.limit, (r) => [r.id]);
  }),
});
