// npm run seed [-- --posts N] [--database-url URL]
// Without --posts: fills an empty database with the demo world. With --posts: adds N posts of scale data.
import cliProgress from "cli-progress";
import {
  isPostgresUrl,
  ensurePostgresDatabase,
  openDatabase,
  type Database,
  type DatabaseTarget,
} from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { loadConfig } from "../../server/config.ts";
import { createMediaStore } from "../../server/media/store.ts";
import { resolveAuditSeal, setAuditSeal } from "../../server/domain/audit/audit-seal.ts";
import { isDemoSeeded, seedDemo } from "./demo.ts";
import { seedReferenceData } from "../../server/domain/reference/reference-data.ts";
import { MAX_SCALE_POSTS, seedScale } from "./scale.ts";

const USAGE = `Usage: npm run seed -- [--posts N] [--database-url URL]

  (no options)          seed the demo world into an empty database
  --posts N             add N generated posts (1 to ${MAX_SCALE_POSTS.toLocaleString("en-US")}) with accounts, signals and cases
  --database-url URL    PostgreSQL to use (postgres:// or postgresql://); default: DATABASE_URL,
                        else the embedded database in VIGIL_DATA_DIR (default ./data)`;

class UsageError extends Error {}

export interface SeedArgs {
  posts: number | null;
  databaseUrl: string | null;
  help: boolean;
}

export function parseArgs(argv: string[]): SeedArgs {
  const args: SeedArgs = { posts: null, databaseUrl: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--")))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--posts") {
      const raw = value();
      const n = Number(raw.replace(/_/g, ""));
      if (!/^\d[\d_]*$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > MAX_SCALE_POSTS) {
        throw new UsageError(`--posts must be a whole number from 1 to ${MAX_SCALE_POSTS}, got "${raw}"`);
      }
      args.posts = n;
    } else if (flag === "--database-url") {
      const url = value();
      if (!isPostgresUrl(url)) throw new UsageError("--database-url must start with postgres:// or postgresql://");
      args.databaseUrl = url;
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  return args;
}

function targetOf(args: SeedArgs, env: NodeJS.ProcessEnv): DatabaseTarget {
  if (args.databaseUrl) return { kind: "postgresql", url: args.databaseUrl };
  if (env.DATABASE_URL) {
    if (!isPostgresUrl(env.DATABASE_URL))
      throw new UsageError("DATABASE_URL must start with postgres:// or postgresql:// (or be unset)");
    return { kind: "postgresql", url: env.DATABASE_URL };
  }
  return { kind: "pglite", dataDir: env.VIGIL_DATA_DIR || "./data" };
}

function progressReporter(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  // logs and CI: one line per tenth instead of a redrawn bar
  let shown = -1;
  return {
    update(done, total) {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > shown) {
        shown = tenth;
        console.log(`${label}: ${done}/${total} rows (${Math.floor((done / total) * 100)}%)`);
      }
    },
    stop() {},
  };
}

async function isEmpty(db: Database): Promise<boolean> {
  const [account, post] = await Promise.all([
    db.prisma.account.findFirst({ select: { id: true } }),
    db.prisma.post.findFirst({ select: { id: true } }),
  ]);
  return !account && !post;
}

async function run(args: SeedArgs): Promise<void> {
  const target = targetOf(args, process.env);
  // the demo world's staff actions are audited, so the chain is keyed as the server's is
  setAuditSeal(resolveAuditSeal(loadConfig(process.env).audit, target));
  let unlock = () => {};
  if (target.kind === "pglite" && target.dataDir) {
    // the server holds this lock while it runs; writing to its data folder from here would corrupt it
    const [{ lockDataDir }, { silentLogger }] = await Promise.all([
      import("../../server/boot.ts"),
      import("../../server/lib/logger.ts"),
    ]);
    unlock = lockDataDir(target.dataDir, silentLogger);
  }
  if (target.kind === "postgresql") await ensurePostgresDatabase(target.url);
  const db = await openDatabase(target);
  const started = Date.now();
  try {
    console.log(`seed: database ${db.location}`);
    const applied = await migrate(db);
    if (applied.length) console.log(`seed: applied migrations ${applied.join(", ")}`);
    const ref = await seedReferenceData(db);
    console.log(`seed: reference data (${ref.policiesCreated} policies and ${ref.queuesCreated} queue settings added)`);

    if (args.posts === null) {
      if (!(await isEmpty(db))) {
        const demo = await isDemoSeeded(db);
        console.log(
          `seed: the database already has data${demo ? " (the demo world)" : ""}; nothing to do. Use --posts N to add scale data.`,
        );
        return;
      }
      console.log("seed: seeding the demo world…");
      const media = loadConfig(process.env).media;
      const { credentials } = await seedDemo(db, {
        media: {
          store: createMediaStore({ dataDir: media.dataDir, s3Url: media.s3Url }),
          clipsDir: media.demoClipsDir,
          ffmpeg: media.ffmpegPath ?? undefined,
          fps: media.fps,
        },
      });
      console.log(`seed: demo world ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await printCounts(db);
      console.log("Sign in with:");
      for (const c of credentials) console.log(`  ${c.role.padEnd(9)} ${c.email.padEnd(24)} ${c.password}`);
      return;
    }

    const progress = progressReporter("seed");
    let result;
    try {
      result = await seedScale(db, { posts: args.posts, onProgress: (d, t) => progress.update(d, t) });
    } finally {
      progress.stop();
    }
    const secs = (result.durationMs / 1000).toFixed(1);
    console.log(
      `seed: run ${result.runId} added ${result.posts} posts, ${result.accounts} accounts, ${result.keyframes} keyframes, ` +
        `${result.cases} open cases and ${result.signals} signals in ${secs} s`,
    );
    await printCounts(db);
  } finally {
    await db.close();
    unlock();
  }
}

async function printCounts(db: Database): Promise<void> {
  const [accounts, posts, open, signals] = await Promise.all([
    db.prisma.account.count(),
    db.prisma.post.count(),
    db.prisma.case.count({ where: { status: { not: "resolved" } } }),
    db.prisma.signal.count(),
  ]);
  console.log(`seed: now ${accounts} accounts, ${posts} posts, ${open} unresolved cases, ${signals} signals`);
}

async function main(): Promise<void> {
  let args: SeedArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`seed: ${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  try {
    await run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`seed: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    console.error(`seed: failed: ${(err as Error).message ?? err}`);
    process.exitCode = 1;
  }
}

void main();
