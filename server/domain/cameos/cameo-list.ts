// The cameo registry list: find a cameo by its owner's handle (prefix, with or without @) or by its id.
import type { z } from "zod/mini";
import type { CameoListInput } from "../../contracts/cameos.ts";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { cameoSettingsSelect, visibleAppearancesCount } from "./registry.ts";

export async function listCameos(db: Database, input: z.output<typeof CameoListInput>, access: ContentAccess) {
  const and: Prisma.CameoWhereInput[] = [];
  if (input.query) {
    const q = input.query.replace(/^@/, "");
    and.push({ OR: [{ id: q }, { owner: { handle: { startsWith: q } } }] });
  }
  if (input.status) and.push({ status: input.status });
  if (input.cursor) and.push({ id: { gt: String(decodeCursor(input.cursor, 1)[0]) } });
  const rows = await db.prisma.cameo.findMany({
    where: { AND: and },
    orderBy: { id: "asc" },
    take: input.limit + 1,
    select: {
      ...cameoSettingsSelect,
      owner: { select: { id: true, handle: true, displayName: true } },
      _count: { select: { grants: true, appearances: visibleAppearancesCount(access) } },
    },
  });
  return pageOf(rows, input.limit, (r) => [r.id]);
}
