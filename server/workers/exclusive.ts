// A loop whose step must not run in two processes at once (it writes outside the database, where no row lock
// reaches). On PostgreSQL each tick holds a transaction-scoped advisory lock named after the loop; processes queue
// on it. PGlite is one process's database, so there is nothing to exclude.
import type { Database } from "../db/client.ts";
import type { Loop } from "../lib/poller.ts";

/** the first of the lock's two keys, so worker loops' locks never meet another single-key advisory lock */
const WORKER_LOCK_CLASS = 7_326_002;
/** longest a tick may hold the lock; a tick that outlasts it fails and is retried */
const LOCK_HOLD_MS = 10 * 60_000;

export function oneProcessAtATime(db: Database, loop: Loop): Loop {
  if (db.kind !== "postgresql") return loop;
  const key = `vigil:worker:${loop.name}`;
  return {
    ...loop,
    tick: (isStopped) =>
      db.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT pg_advisory_xact_lock(${WORKER_LOCK_CLASS}::int, hashtext(${key}))::text AS "locked"`;
          return isStopped() ? false : loop.tick(isStopped);
        },
        { maxWait: 30_000, timeout: LOCK_HOLD_MS },
      ),
  };
}
