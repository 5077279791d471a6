// Starting and stopping a Vigil server: open the database, migrate, seed, listen; on stop, finish in-flight
// requests, then close the database (PGlite must be closed to flush its files).
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ensurePostgresDatabase, openDatabase, type Database } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./lib/logger.ts";
import { createApp } from "./http/app.ts";
import { seedReferenceData } from "../prisma/seed/reference.ts";
import { isDemoSeeded, seedDemo } from "../prisma/seed/demo.ts";
import { resolvePlatformKeys } from "./platform/keys.ts";
import { startOutboxWorker, type OutboxWorker } from "./domain/outbox/delivery.ts";
import { runDueRestores } from "./domain/takedowns/counter-notice.ts";
import { sendDueNotices } from "./domain/notices/mailer.ts";
import { startInviteWorker } from "./domain/invites/worker.ts";
import { startCameoActionWorker } from "./domain/cameos/worker.ts";
import { startHashScanWorker } from "./domain/hashbank/worker.ts";
import { pruneSignInLimits } from "./domain/auth/sign-in-limits.ts";
import { resolveAuditSeal, setAuditSeal } from "./domain/audit/audit-seal.ts";
import { startAuditCheckpointWorker } from "./domain/audit/audit-worker.ts";

export interface RunningServer {
  url: string;
  db: Database;
  demoCredentials: { role: string; email: string; password: string }[] | null;
  /** the demo platform key (keyId:secret) when it lives in the data folder */
  demoPlatformKey: string | null;
  outbox: OutboxWorker | null;
  stop(): Promise<void>;
}

/** One process per PGlite data folder: a second one would corrupt it. */
export function lockDataDir(dataDir: string, log: Logger): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "vigil.lock");
  try {
    const pid = Number(fs.readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(`The data folder ${dataDir} is in use by process ${pid}. Stop it first, or set VIGIL_DATA_DIR.`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
        log.warn({ pid }, "removing a stale data folder lock");
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

export async function startServer(config: Config, log: Logger, options: { now?: () => Date; version?: string } = {}): Promise<RunningServer> {
  const unlock = config.database.kind === "pglite" && config.database.dataDir ? lockDataDir(config.database.dataDir, log) : () => {};
  let db: Database | undefined;
  try {
    // Before anything is written: migrations and seeding append to the audit log.
    const auditSeal = resolveAuditSeal(config.audit, config.database);
    setAuditSeal(auditSeal);
    if (auditSeal.keyFile) log.info({ file: auditSeal.keyFile }, "the audit log is keyed with the key in the data folder; set VIGIL_AUDIT_KEY to keep it elsewhere");
    if (config.database.kind === "postgresql") await ensurePostgresDatabase(config.database.url);
    db = await openDatabase(config.database);
    const applied = await migrate(db);
    if (applied.length) log.info({ migrations: applied }, "applied migrations");
    await seedReferenceData(db);

    let demoCredentials: RunningServer["demoCredentials"] = null;
    if (config.seedDemo) {
      const staffCount = await db.prisma.staffUser.count();
      if (staffCount === 0) {
        const started = Date.now();
        log.info("empty database: seeding the demo world");
        demoCredentials = (await seedDemo(db)).credentials;
        log.info({ durationMs: Date.now() - started }, "demo world seeded");
      } else if (await isDemoSeeded(db)) {
        demoCredentials = (await import("../prisma/seed/demo.ts")).DEMO_CREDENTIALS;
      }
    }

    const now = options.now ?? (() => new Date());
    const platform = resolvePlatformKeys(config.platform, config.database);
    if (platform.keys.size === 0) log.warn("VIGIL_PLATFORM_KEYS is not set: the platform API answers 503 until it is");
    const app = createApp({
      db,
      auth: config.auth,
      limits: config.limits,
      log,
      now,
      clientDir: config.clientDir,
      trustProxy: config.trustProxy,
      version: options.version,
      platformKeys: platform.keys,
      ingestRequestsPerMinute: config.platform.ingestRequestsPerMinute,
      platformSignatureV1: config.platform.signatureV1,
    });
    const server = http.createServer(app);
    server.requestTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, resolve);
    });
    const address = server.address() as AddressInfo;
    const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    const url = `http://${host}:${address.port}`;
    const openDb = db;

    // Without a webhook URL decisions wait in the outbox; they are delivered once one is configured.
    let outbox: OutboxWorker | null = null;
    if (config.platform.webhookUrl && platform.webhookKey) {
      outbox = startOutboxWorker({
        db,
        log,
        now,
        webhookUrl: config.platform.webhookUrl,
        key: platform.webhookKey,
        // v1 beside v2 for receivers still in transition, until v1 is switched off.
        signatureSchemes: config.platform.signatureV1 === "accept" ? ["v2", "v1"] : ["v2"],
        pollMs: config.platform.outboxPollMs,
        policy: { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: config.platform.outboxMaxAttempts },
      });
    } else {
      log.warn("VIGIL_PLATFORM_WEBHOOK_URL is not set: decisions stay in the outbox until it is");
    }

    // Invites: redemptions get their audit rows in batches; batches left half-issued by a crash continue.
    const invites = startInviteWorker({ db, log, now });

    // Legal clocks that act by themselves: DMCA restores whose waiting period has ended.
    let clockRun: Promise<unknown> = Promise.resolve();
    const legalClock = setInterval(() => {
      clockRun = runDueRestores(openDb, now())
        .then((n) => n && log.info({ restored: n }, "restored posts after DMCA counter-notices"))
        .catch((err) => log.error({ err }, "scheduled restores failed"));
    }, 60_000);
    legalClock.unref();

    // Sign-in counts whose window has ended count nothing; removing them keeps the table to current attempts.
    let pruneRun: Promise<unknown> = Promise.resolve();
    const signInPrune = setInterval(() => {
      pruneRun = pruneSignInLimits(openDb.prisma, now(), config.auth).catch((err) => log.error({ err }, "pruning sign-in limits failed"));
    }, 10 * 60_000);
    signInPrune.unref();

    // Email notices queued by requests and decisions: to SMTP when configured, else .eml files in the data folder.
    let mailRun: Promise<unknown> = Promise.resolve();
    const mailer = setInterval(() => {
      mailRun = sendDueNotices({ db: openDb, log, now, from: config.mail.from, smtpUrl: config.mail.smtpUrl, mailDir: config.mail.dir }).catch((err) =>
        log.error({ err }, "sending notices failed"),
      );
    }, 5_000);
    mailer.unref();

    // Cameo cascades too large for one request, and any a stopped server left half done.
    const cameoActions = startCameoActionWorker({ db, log, now });

    // New posts compared with the hash bank of removed content; matches go to the flagged-generations queue.
    const hashScan = startHashScanWorker({ db, log, now, maxDistance: config.hashMaxDistance });

    // The audit chain's head, checked and checkpointed outside the database, so truncation and rewrites show.
    const auditCheckpoints = auditSeal.checkpointFile ? startAuditCheckpointWorker({ db, log, now, seal: auditSeal }) : null;

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        log.info("shutting down: finishing in-flight requests");
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
        await Promise.race([closed, grace]);
        server.closeAllConnections();
        clearInterval(legalClock);
        clearInterval(mailer);
        clearInterval(signInPrune);
        await Promise.all([clockRun, mailRun, pruneRun, cameoActions.stop(), hashScan.stop(), auditCheckpoints?.stop()]);
        await outbox?.stop();
        await invites.stop();
        await openDb.close();
        unlock();
        log.info("stopped");
      })());

    const demoPlatformKey = platform.demoKeyFile ? `${[...platform.keys][0]![0]}:${[...platform.keys][0]![1]}` : null;
    return { url, db, demoCredentials, demoPlatformKey, outbox, stop };
  } catch (err) {
    await db?.close().catch(() => undefined);
    unlock();
    throw err;
  }
}
