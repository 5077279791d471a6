// Starting and stopping a Vigil process: open the database, migrate, seed, then listen (web role) and start the
// background loops (worker role); on stop, finish in-flight requests and the loops' current steps, then close the
// database (PGlite must be closed to flush its files).
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ensurePostgresDatabase, openDatabase, type Database } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import type { Config, ProcessRole } from "./config.ts";
import type { Logger } from "./lib/logger.ts";
import { createApp } from "./http/app.ts";
import { createMediaStore } from "./media/store.ts";
import { seedReferenceData } from "./domain/reference/reference-data.ts";
import { isDemoSeeded, seedDemo } from "../prisma/seed/demo.ts";
import { resolvePlatformKeys } from "./platform/keys.ts";
import { resolveAuditSeal, setAuditSeal } from "./domain/audit/audit-seal.ts";
import { hashIndexLoop } from "./domain/hashbank/worker.ts";
import { startWorkers, workerLoops, type RunningWorkers } from "./workers/registry.ts";

export interface RunningServer {
  role: ProcessRole;
  /** where the console listens; null for a worker process, which serves no HTTP */
  url: string | null;
  db: Database;
  demoCredentials: { role: string; email: string; password: string }[] | null;
  /** the demo platform key (keyId:secret) when it lives in the data folder */
  demoPlatformKey: string | null;
  /** the background loops; null for a web process */
  workers: RunningWorkers | null;
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
        throw new Error(
          `The data folder ${dataDir} is in use by process ${pid}. Stop it first, or set VIGIL_DATA_DIR.`,
        );
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

async function listen(config: Config, app: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(app);
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return { server, url: `http://${host}:${address.port}` };
}

/** Starts a process in its role (config.role): `web` serves HTTP, `worker` runs the background loops, `all` both. */
export async function startServer(
  config: Config,
  log: Logger,
  options: { now?: () => Date; version?: string } = {},
): Promise<RunningServer> {
  const unlock =
    config.database.kind === "pglite" && config.database.dataDir ? lockDataDir(config.database.dataDir, log) : () => {};
  let db: Database | undefined;
  try {
    // Before anything is written: migrations and seeding append to the audit log.
    const auditSeal = resolveAuditSeal(config.audit, config.database);
    setAuditSeal(auditSeal);
    if (auditSeal.keyFile)
      log.info(
        { file: auditSeal.keyFile },
        "the audit log is keyed with the key in the data folder; set VIGIL_AUDIT_KEY to keep it elsewhere",
      );
    if (config.database.kind === "postgresql") await ensurePostgresDatabase(config.database.url);
    db = await openDatabase(config.database);
    const applied = await migrate(db);
    if (applied.length) log.info({ migrations: applied }, "applied migrations");
    await seedReferenceData(db);

    const mediaStore = createMediaStore({ dataDir: config.media.dataDir, s3Url: config.media.s3Url });
    let demoCredentials: RunningServer["demoCredentials"] = null;
    // The demo world is seeded by a process that serves it, never by a worker racing a web process.
    if (config.seedDemo && config.role !== "worker") {
      const staffCount = await db.prisma.staffUser.count();
      if (staffCount === 0) {
        const started = Date.now();
        log.info("empty database: seeding the demo world");
        demoCredentials = (
          await seedDemo(db, {
            media: {
              store: mediaStore,
              clipsDir: config.media.demoClipsDir,
              ffmpeg: config.media.ffmpegPath ?? undefined,
              fps: config.media.fps,
            },
          })
        ).credentials;
        log.info({ durationMs: Date.now() - started }, "demo world seeded");
      } else if (await isDemoSeeded(db)) {
        demoCredentials = (await import("../prisma/seed/demo.ts")).DEMO_CREDENTIALS;
      }
    }

    const now = options.now ?? (() => new Date());
    const platform = resolvePlatformKeys(config.platform, config.database);
    const openDb = db;

    let web: { server: http.Server; url: string } | null = null;
    if (config.role !== "worker") {
      if (platform.keys.size === 0)
        log.warn("VIGIL_PLATFORM_KEYS is not set: the platform API answers 503 until it is");
      web = await listen(
        config,
        createApp({
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
          mediaStore,
          hashMatch: { maxDistance: config.hashMaxDistance, matchPct: config.media.matchPct },
          mediaLookup: {
            limits: config.media.limits,
            fps: config.media.fps,
            ffmpeg: config.media.ffmpegPath ?? undefined,
          },
        }),
      );
    }

    // A web process leaves the loops to worker processes, which scale apart from it.
    // A web process keeps its own copy of the banks' index current for the match API and the case view.
    const indexOnly = config.role === "web" ? startWorkers([hashIndexLoop({ db, log })], log) : null;
    const workers =
      config.role === "web"
        ? null
        : startWorkers(
            workerLoops({ db, log, now, config, auditSeal, webhookKey: platform.webhookKey, mediaStore }),
            log,
          );

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        if (web) {
          log.info("shutting down: finishing in-flight requests");
          const server = web.server;
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
          await Promise.race([closed, grace]);
          server.closeAllConnections();
        }
        if (workers) log.info("shutting down: finishing the background loops' current steps");
        await workers?.stop();
        await indexOnly?.stop();
        await openDb.close();
        unlock();
        log.info("stopped");
      })());

    const demoPlatformKey = platform.demoKeyFile ? `${[...platform.keys][0]![0]}:${[...platform.keys][0]![1]}` : null;
    return { role: config.role, url: web?.url ?? null, db, demoCredentials, demoPlatformKey, workers, stop };
  } catch (err) {
    await db?.close().catch(() => undefined);
    unlock();
    throw err;
  }
}
