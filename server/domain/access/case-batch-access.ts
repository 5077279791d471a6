// Access to a chosen set of cases at once, as a bulk decision needs it: every queue among them workable, and
// every case about content the role may see.
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { assertMayWork, type ContentAccess } from "./queue-access.ts";
import { visibleCaseWhere } from "./content-visibility.ts";

/** Refuses the set when any case is in a queue the role may not work, or is about content kept from it. */
export async function assertMayWorkCases(
  db: Database,
  access: ContentAccess,
  caseIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(caseIds)];
  const queues = await db.prisma.case.findMany({
    where: { id: { in: ids } },
    select: { queue: true },
    distinct: ["queue"],
  });
  for (const { queue } of queues) assertMayWork(access, queue);
  // A case about content kept from the caller is refused as a missing one would be; truly missing ones are skipped.
  const [found, visible] = await Promise.all([
    db.prisma.case.count({ where: { id: { in: ids } } }),
    db.prisma.case.count({ where: { AND: [{ id: { in: ids } }, visibleCaseWhere(access)] } }),
  ]);
  if (visible !== found)
    throw new DomainError("NOT_FOUND", "items: some of the chosen cases were not found.", { field: "items" });
}
