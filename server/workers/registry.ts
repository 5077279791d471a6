// Every background loop Vigil runs, in one list, each on the one poller (server/lib/poller.ts). A process with
// the worker role starts them all; each is safe to run in several processes at once (row leases, SKIP LOCKED,
// or an advisory lock where a step writes outside the database).
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import { startPoller, type Loop, type Poller } from "../lib/poller.ts";
import type { PlatformKey } from "../platform/signature.ts";
import type { AuditSeal } from "../domain/audit/audit-seal.ts";
import { auditCheckpointLoop } from "../domain/audit/audit-worker.ts";
import { pruneSignInLimits } from "../domain/auth/sign-in-limits.ts";
import { cameoActionLoop } from "../domain/cameos/worker.ts";
import { hashIndexLoop, hashRetroScanLoop, hashScanLoop } from "../domain/hashbank/worker.ts";
import { inviteLoop } from "../domain/invites/worker.ts";
import { sendDueNotices } from "../domain/notices/mailer.ts";
import { outboxDeliveryLoop } from "../domain/outbox/delivery.ts";
import { runDueRestores } from "../domain/takedowns/counter-notice.ts";
import { oneProcessAtATime } from "./exclusive.ts";
import { mediaLoop, mediaPurgeLoop } from "../domain/media/worker.ts";
import type { MediaStore } from "../media/store.ts";

export interface WorkerDeps {
  db: Database;
  log: Logger;
  now: () => Date;
  config: Config;
  auditSeal: AuditSeal;
  /** signs outgoing webhooks; without it (or without a webhook URL) decisions wait in the outbox */
  webhookKey: PlatformKey | null;
  /** where fetched media is kept (shared with the web processes that serve it) */
  mediaStore: MediaStore;
}

export function workerLoops({ db, log, now, config, auditSeal, webhookKey, mediaStore }: WorkerDeps): Loop[] {
  const loops: Loop[] = [];

  // Decisions to the platform's webhook. Without a webhook URL they wait in the outbox until one is configured.
  if (config.platform.webhookUrl && webhookKey) {
    loops.push(
      outboxDeliveryLoop({
        db,
        log,
        now,
        webhookUrl: config.platform.webhookUrl,
        key: webhookKey,
        // v1 beside v2 for receivers still in transition, until v1 is switched off.
        signatureSchemes: config.platform.signatureV1 === "accept" ? ["v2", "v1"] : ["v2"],
        pollMs: config.platform.outboxPollMs,
        policy: { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: config.platform.outboxMaxAttempts },
      }),
    );
  } else {
    log.warn("VIGIL_PLATFORM_WEBHOOK_URL is not set: decisions stay in the outbox until it is");
  }

  // Invites: redemptions get their audit rows in batches; batches left half-issued by a crash continue.
  loops.push(inviteLoop({ db, log, now }));

  // Legal clocks that act by themselves: DMCA restores whose waiting period has ended (rows taken FOR UPDATE SKIP LOCKED).
  loops.push({
    name: "scheduled restores",
    pollMs: 60_000,
    async tick() {
      const restored = await runDueRestores(db, now());
      if (restored) log.info({ restored }, "restored posts after DMCA counter-notices");
    },
  });

  // Sign-in counts whose window has ended count nothing; removing them keeps the table to current attempts.
  loops.push({
    name: "pruning sign-in limits",
    pollMs: 10 * 60_000,
    tick: async () => void (await pruneSignInLimits(db.prisma, now(), config.auth)),
  });

  // Email notices queued by requests and decisions: to SMTP when configured, else .eml files in the data folder.
  loops.push({
    name: "sending notices",
    pollMs: 5_000,
    tick: async () =>
      void (await sendDueNotices({
        db,
        log,
        now,
        from: config.mail.from,
        smtpUrl: config.mail.smtpUrl,
        mailDir: config.mail.dir,
      })),
  });

  // Cameo cascades too large for one request, and any a stopped process left half done.
  loops.push(cameoActionLoop({ db, log, now }));

  // Posts' files fetched from the platform, stored, hashed and checked for Content Credentials; and media that
  // nothing needs any more deleted on the retention schedule.
  if (config.media.origins.length === 0)
    log.warn("VIGIL_MEDIA_ORIGINS is not set: posts' media URLs are refused until it lists the platform's media hosts");
  loops.push(
    mediaLoop({
      db,
      log,
      now,
      services: {
        store: mediaStore,
        origins: config.media.origins,
        limits: config.media.limits,
        fetchTimeoutMs: config.media.fetchTimeoutMs,
        fps: config.media.fps,
        ffmpeg: config.media.ffmpegPath ?? undefined,
        log,
      },
    }),
  );
  loops.push(mediaPurgeLoop({ db, log, now, store: mediaStore, retentionDays: config.media.retentionDays }));

  // New posts compared with the hash bank of removed content; matches go to the flagged-generations queue.
  loops.push(hashIndexLoop({ db, log }));
  loops.push(hashScanLoop({ db, log, now, maxDistance: config.hashMaxDistance, matchPct: config.media.matchPct }));
  loops.push(hashRetroScanLoop({ db, log, now, maxDistance: config.hashMaxDistance, matchPct: config.media.matchPct }));

  // The audit chain's head, checked and checkpointed outside the database, so truncation and rewrites show.
  // Processes sharing the checkpoint file take turns, so none moves it back behind another's.
  if (auditSeal.checkpointFile)
    loops.push(oneProcessAtATime(db, auditCheckpointLoop({ db, log, now, seal: auditSeal })));

  return loops;
}

export interface RunningWorkers {
  /** the loops' names, in start order */
  names: readonly string[];
  /** runs one tick of the named loop now (tests, and a step wanted sooner than its poll) */
  tick(name: string): Promise<void>;
  /** stops every loop, waiting for the ticks in progress */
  stop(): Promise<void>;
}

export function startWorkers(loops: readonly Loop[], log: Logger): RunningWorkers {
  const pollers = new Map<string, Poller>(loops.map((loop) => [loop.name, startPoller(loop, log)]));
  return {
    names: [...pollers.keys()],
    tick(name) {
      const poller = pollers.get(name);
      if (!poller) throw new Error(`No worker loop is named "${name}"`);
      return poller.tick();
    },
    async stop() {
      await Promise.all([...pollers.values()].map((p) => p.stop()));
    },
  };
}
