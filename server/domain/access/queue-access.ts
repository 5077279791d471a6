// Which queues a role may work: a queue's setting names the lowest role that works it. This is the one source of
// access to cases and, through content-visibility.ts, to the posts and decisions those cases are about.
import { QueueKind, type StaffRole } from "../../db/generated/enums.ts";
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { roleAtLeast } from "./roles.ts";

export interface ContentAccess {
  role: StaffRole;
  /** queues the role may work */
  workable: readonly QueueKind[];
  /** queues the role may not work: what their cases are about is kept from the role */
  closed: readonly QueueKind[];
}

const ALL_QUEUES = Object.values(QueueKind);

/** Every queue open: for the server's own jobs and benchmarks, never for a signed-in person. */
export const FULL_ACCESS: ContentAccess = { role: "admin", workable: ALL_QUEUES, closed: [] };

// Queue settings change rarely (an admin edit) and are read on every request that shows content: keep them for a
// few seconds per database. A changed minimum role applies within QUEUE_SETTINGS_TTL_MS, or at once after
// forgetQueueSettings.
const QUEUE_SETTINGS_TTL_MS = 5_000;
type QueueMinRoles = Map<QueueKind, StaffRole>;
const cache = new WeakMap<object, { at: number; settings: Promise<QueueMinRoles> }>();

function queueMinRoles(db: Pick<Database, "prisma">): Promise<QueueMinRoles> {
  const cached = cache.get(db);
  // A cache lifetime, not a domain time: it measures the process's own clock.
  const at = performance.now();
  if (cached && at - cached.at < QUEUE_SETTINGS_TTL_MS) return cached.settings;
  const settings = db.prisma.queueSetting
    .findMany({ select: { queue: true, minRole: true } })
    .then((rows) => new Map(rows.map((r) => [r.queue, r.minRole])));
  cache.set(db, { at, settings });
  settings.catch(() => cache.delete(db));
  return settings;
}

/** Drops the cached queue settings of a database, so the next request reads them again. */
export function forgetQueueSettings(db: Pick<Database, "prisma">): void {
  cache.delete(db);
}

/** What a role may work and what is therefore kept from it. A queue without a setting is left to admins. */
export async function contentAccessFor(db: Pick<Database, "prisma">, role: StaffRole): Promise<ContentAccess> {
  const minRoles = await queueMinRoles(db);
  const workable = ALL_QUEUES.filter((queue) => roleAtLeast(role, minRoles.get(queue) ?? "admin"));
  return { role, workable, closed: ALL_QUEUES.filter((queue) => !workable.includes(queue)) };
}

/** The access of a signed-in request's user. */
export function accessOf(ctx: { db: Pick<Database, "prisma">; user: { role: StaffRole } }): Promise<ContentAccess> {
  return contentAccessFor(ctx.db, ctx.user.role);
}

export function mayWork(access: ContentAccess, queue: QueueKind): boolean {
  return access.workable.includes(queue);
}

/** Refuses a queue the role may not work, saying so: queue names are no secret, what is in them is. */
export function assertMayWork(access: ContentAccess, queue: QueueKind): void {
  if (!mayWork(access, queue))
    throw new DomainError("FORBIDDEN", `The ${queue} queue needs a higher role than ${access.role}.`);
}
