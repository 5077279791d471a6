// Every setting Vigil reads from the environment, parsed once, with the reason when a value is refused.
import path from "node:path";
import { z } from "zod";
import { isPostgresUrl, type DatabaseTarget } from "./db/client.ts";
import { parsePlatformKeys } from "./platform/signature.ts";
import { parseTrustProxy, type TrustProxy } from "./http/trust-proxy.ts";
import { parseAuditKey } from "./domain/audit/audit-seal.ts";
import type { StaffRole } from "./db/generated/enums.ts";
import { CONSOLE_BATCH_SIZE } from "./contracts/api-limits.ts";
import { parseMediaOrigins, type MediaOrigin } from "./media/origins.ts";
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from "./media/types.ts";

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message: `${name} must be a positive whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : /^(1|true|yes|on)$/i.test(v)));

const ROLE_NAMES = ["moderator", "staff", "admin"] as const;

/** A comma-separated list of staff roles, e.g. "staff,admin"; empty means none. */
const roleList = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const roles = (v ?? "")
        .split(",")
        .map((r) => r.trim().toLowerCase())
        .filter(Boolean);
      const unknown = roles.filter((r) => !(ROLE_NAMES as readonly string[]).includes(r));
      if (unknown.length) {
        ctx.addIssue({
          code: "custom",
          message: `${name} lists roles from ${ROLE_NAMES.join(", ")} separated by commas; "${unknown.join(", ")}" is not one`,
        });
        return z.NEVER;
      }
      return [...new Set(roles)] as StaffRole[];
    });

/** Budgets and caps on what one staff member's requests may ask of the server. */
export interface RequestLimits {
  /** tRPC mutations per signed-in staff member per minute, refilled continuously */
  mutationsPerMinute: number;
  /** how many mutations may come at once before the per-minute rate applies */
  mutationBurst: number;
  /** tRPC calls in one HTTP request */
  maxBatch: number;
  /** cases one reviewer may hold under a live lease at once */
  maxHeldCases: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  mutationsPerMinute: 120,
  mutationBurst: 60,
  maxBatch: 20,
  maxHeldCases: 5,
};

/** What a process runs: `web` serves HTTP, `worker` runs the background loops, `all` does both. */
export const PROCESS_ROLES = ["web", "worker", "all"] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const EnvSchema = z
  .object({
    VIGIL_ROLE: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return "all" as const;
        if ((PROCESS_ROLES as readonly string[]).includes(v)) return v as ProcessRole;
        ctx.addIssue({
          code: "custom",
          message: `VIGIL_ROLE must be ${PROCESS_ROLES.join(", ")} or unset (all), got "${v}"`,
        });
        return z.NEVER;
      }),
    PORT: positiveInt("PORT", 3000),
    HOST: z.string().optional().default("0.0.0.0"),
    DATABASE_URL: z.string().optional(),
    VIGIL_DATA_DIR: z.string().optional().default("./data"),
    VIGIL_SEED_DEMO: flag(true),
    VIGIL_SESSION_IDLE_MINUTES: positiveInt("VIGIL_SESSION_IDLE_MINUTES", 30),
    VIGIL_SESSION_MAX_HOURS: positiveInt("VIGIL_SESSION_MAX_HOURS", 12),
    VIGIL_SIGNIN_MAX_FAILURES: positiveInt("VIGIL_SIGNIN_MAX_FAILURES", 10),
    VIGIL_SIGNIN_MAX_FAILURES_PER_IP: positiveInt("VIGIL_SIGNIN_MAX_FAILURES_PER_IP", 50),
    VIGIL_SIGNIN_WINDOW_MINUTES: positiveInt("VIGIL_SIGNIN_WINDOW_MINUTES", 15),
    VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT: positiveInt("VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT", 100),
    VIGIL_SIGNIN_SLOWDOWN_SECONDS: positiveInt("VIGIL_SIGNIN_SLOWDOWN_SECONDS", 5),
    VIGIL_TRUST_PROXY: z
      .string()
      .optional()
      .transform((v, ctx) => {
        try {
          return parseTrustProxy(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: `VIGIL_TRUST_PROXY ${(err as Error).message}` });
          return z.NEVER;
        }
      }),
    VIGIL_REQUIRE_2FA: roleList("VIGIL_REQUIRE_2FA"),
    VIGIL_SHUTDOWN_GRACE_MS: positiveInt("VIGIL_SHUTDOWN_GRACE_MS", 10_000),
    VIGIL_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional().default("info"),
    VIGIL_CLIENT_DIR: z.string().optional().default("dist/client"),
    VIGIL_PLATFORM_KEYS: z.string().optional(),
    VIGIL_PLATFORM_WEBHOOK_URL: z
      .url({ protocol: /^https?$/, message: "VIGIL_PLATFORM_WEBHOOK_URL must be an http(s) URL" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    VIGIL_WEBHOOK_KEY_ID: z.string().optional(),
    VIGIL_OUTBOX_MAX_ATTEMPTS: positiveInt("VIGIL_OUTBOX_MAX_ATTEMPTS", 12),
    VIGIL_OUTBOX_POLL_MS: positiveInt("VIGIL_OUTBOX_POLL_MS", 1_000),
    VIGIL_INGEST_REQUESTS_PER_MINUTE: positiveInt("VIGIL_INGEST_REQUESTS_PER_MINUTE", 600),
    VIGIL_MUTATIONS_PER_MINUTE: positiveInt("VIGIL_MUTATIONS_PER_MINUTE", DEFAULT_REQUEST_LIMITS.mutationsPerMinute),
    VIGIL_MUTATION_BURST: positiveInt("VIGIL_MUTATION_BURST", DEFAULT_REQUEST_LIMITS.mutationBurst),
    VIGIL_TRPC_MAX_BATCH: positiveInt("VIGIL_TRPC_MAX_BATCH", DEFAULT_REQUEST_LIMITS.maxBatch).refine(
      (n) => n >= CONSOLE_BATCH_SIZE,
      {
        message: `VIGIL_TRPC_MAX_BATCH must be at least ${CONSOLE_BATCH_SIZE}: the console batches up to ${CONSOLE_BATCH_SIZE} calls per request`,
      },
    ),
    VIGIL_MAX_HELD_CASES: positiveInt("VIGIL_MAX_HELD_CASES", DEFAULT_REQUEST_LIMITS.maxHeldCases),
    VIGIL_PLATFORM_SIGNATURE_V1: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "" || v === "accept") return "accept" as const;
        if (v === "refuse") return "refuse" as const;
        ctx.addIssue({ code: "custom", message: `VIGIL_PLATFORM_SIGNATURE_V1 must be accept or refuse, got "${v}"` });
        return z.NEVER;
      }),
    VIGIL_HASH_MAX_DISTANCE: positiveInt("VIGIL_HASH_MAX_DISTANCE", 31).refine((n) => n <= 31, {
      message: "VIGIL_HASH_MAX_DISTANCE must be at most 31 (the hash index finds every match up to 31 of 256 bits)",
    }),
    VIGIL_VPDQ_MATCH_PCT: positiveInt("VIGIL_VPDQ_MATCH_PCT", 80).refine((n) => n <= 100, {
      message: "VIGIL_VPDQ_MATCH_PCT must be at most 100 (per cent of the banked video's frames)",
    }),
    VIGIL_MEDIA_ORIGINS: z
      .string()
      .optional()
      .transform((v, ctx) => {
        try {
          return parseMediaOrigins(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message });
          return z.NEVER;
        }
      }),
    VIGIL_MEDIA_MAX_BYTES: positiveInt("VIGIL_MEDIA_MAX_BYTES", DEFAULT_MEDIA_LIMITS.maxBytes),
    VIGIL_MEDIA_MAX_SECONDS: positiveInt("VIGIL_MEDIA_MAX_SECONDS", DEFAULT_MEDIA_LIMITS.maxDurationMs / 1000),
    VIGIL_MEDIA_FETCH_TIMEOUT_MS: positiveInt("VIGIL_MEDIA_FETCH_TIMEOUT_MS", 120_000),
    VIGIL_MEDIA_FFMPEG_TIMEOUT_MS: positiveInt("VIGIL_MEDIA_FFMPEG_TIMEOUT_MS", DEFAULT_MEDIA_LIMITS.ffmpegTimeoutMs),
    VIGIL_MEDIA_FFMPEG_MEMORY_MB: positiveInt(
      "VIGIL_MEDIA_FFMPEG_MEMORY_MB",
      DEFAULT_MEDIA_LIMITS.ffmpegMemoryBytes / (1024 * 1024),
    ),
    VIGIL_MEDIA_FPS: positiveInt("VIGIL_MEDIA_FPS", 1).refine((n) => n <= 30, {
      message: "VIGIL_MEDIA_FPS must be at most 30 frames per second",
    }),
    VIGIL_MEDIA_RETENTION_DAYS: positiveInt("VIGIL_MEDIA_RETENTION_DAYS", 90),
    VIGIL_MEDIA_S3_URL: z.string().optional(),
    VIGIL_FFMPEG_PATH: z.string().optional(),
    VIGIL_DEMO_CLIPS_DIR: z.string().optional(),
    VIGIL_SMTP_URL: z.string().optional(),
    VIGIL_MAIL_FROM: z.string().optional().default("Trust & Safety <trust-safety@localhost>"),
    VIGIL_AUDIT_KEY: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return null;
        try {
          return parseAuditKey(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: `VIGIL_AUDIT_KEY ${(err as Error).message}` });
          return z.NEVER;
        }
      }),
    VIGIL_AUDIT_CHECKPOINT_FILE: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    // At or below the per-address run, one address could lock the account for everyone.
    if (e.VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT <= e.VIGIL_SIGNIN_MAX_FAILURES) {
      ctx.addIssue({
        code: "custom",
        path: ["VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT"],
        message: `VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT (${e.VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT}) must be larger than VIGIL_SIGNIN_MAX_FAILURES (${e.VIGIL_SIGNIN_MAX_FAILURES}), or failures from one address would lock the account for everyone`,
      });
    }
    if (e.VIGIL_SIGNIN_SLOWDOWN_SECONDS >= e.VIGIL_SIGNIN_WINDOW_MINUTES * 60) {
      ctx.addIssue({
        code: "custom",
        path: ["VIGIL_SIGNIN_SLOWDOWN_SECONDS"],
        message: `VIGIL_SIGNIN_SLOWDOWN_SECONDS (${e.VIGIL_SIGNIN_SLOWDOWN_SECONDS}) must be shorter than the window of VIGIL_SIGNIN_WINDOW_MINUTES (${e.VIGIL_SIGNIN_WINDOW_MINUTES * 60} seconds)`,
      });
    }
  });

export interface AuthConfig {
  idleMinutes: number;
  maxHours: number;
  /** failed sign-ins in a row for one account from one IP address */
  maxFailures: number;
  /** failed sign-ins from one IP address, any accounts */
  maxFailuresPerIp: number;
  /** failed sign-ins for one account from all addresses: the ceiling a distributed guess meets */
  maxFailuresPerAccount: number;
  /** beyond maxFailures failures on one account (all addresses), it takes one attempt per this many seconds */
  slowdownSeconds: number;
  /** the window every count runs in, from its first failure */
  windowMinutes: number;
  /** roles that must enrol a second factor before they can use the console */
  requireSecondFactorFor: readonly StaffRole[];
}

export interface PlatformConfig {
  /** keys from VIGIL_PLATFORM_KEYS; null = not configured (the embedded default then creates a demo key) */
  keys: Map<string, string> | null;
  webhookUrl: string | null;
  /** the key that signs outgoing webhooks; default the first key */
  webhookKeyId: string | null;
  outboxMaxAttempts: number;
  outboxPollMs: number;
  ingestRequestsPerMinute: number;
  /** whether requests signed only with the retiring v1 scheme are still accepted */
  signatureV1: "accept" | "refuse";
}

export interface AuditConfig {
  /** from VIGIL_AUDIT_KEY; null = not configured (the embedded default then creates one in the data folder) */
  key: Buffer | null;
  /** from VIGIL_AUDIT_CHECKPOINT_FILE; null = `audit-checkpoint.json` in the data folder */
  checkpointFile: string | null;
  dataDir: string;
}

export interface MediaConfig {
  /** where media may be fetched from (VIGIL_MEDIA_ORIGINS); empty: nothing is fetched */
  origins: MediaOrigin[];
  limits: MediaLimits;
  fetchTimeoutMs: number;
  /** frames sampled per second of video */
  fps: number;
  /** a removed post's media is deleted this many days after nothing needs it any more */
  retentionDays: number;
  /** S3-compatible object storage for media; null: `media/` in the data folder */
  s3Url: string | null;
  ffmpegPath: string | null;
  /** share of a banked video's frames a post must show to match it */
  matchPct: number;
  dataDir: string;
  /** where the demo world's clips are made and kept between starts */
  demoClipsDir: string;
}

export interface Config {
  role: ProcessRole;
  port: number;
  host: string;
  database: DatabaseTarget;
  seedDemo: boolean;
  auth: AuthConfig;
  limits: RequestLimits;
  trustProxy: TrustProxy;
  shutdownGraceMs: number;
  /** Hamming distance (of 256 bits) at which a keyframe matches a perceptual hash in the hash bank */
  hashMaxDistance: number;
  logLevel: z.infer<typeof EnvSchema>["VIGIL_LOG_LEVEL"];
  clientDir: string;
  platform: PlatformConfig;
  audit: AuditConfig;
  mail: { smtpUrl: string | null; from: string; dir: string };
  media: MediaConfig;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  idleMinutes: 30,
  maxHours: 12,
  maxFailures: 10,
  maxFailuresPerIp: 50,
  maxFailuresPerAccount: 100,
  slowdownSeconds: 5,
  windowMinutes: 15,
  requireSecondFactorFor: [],
};

function parsePlatformKeysOrThrow(value: string): Map<string, string> {
  try {
    return parsePlatformKeys(value);
  } catch (err) {
    throw new Error(`Invalid configuration:\n  ${(err as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? "")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !isPostgresUrl(e.DATABASE_URL)) {
    throw new Error(
      "Invalid configuration:\n  DATABASE_URL: must start with postgres:// or postgresql:// (leave it unset for the embedded database)",
    );
  }
  return {
    role: e.VIGIL_ROLE,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgresql", url: e.DATABASE_URL }
      : { kind: "pglite", dataDir: path.resolve(e.VIGIL_DATA_DIR) },
    seedDemo: e.VIGIL_SEED_DEMO,
    auth: {
      idleMinutes: e.VIGIL_SESSION_IDLE_MINUTES,
      maxHours: e.VIGIL_SESSION_MAX_HOURS,
      maxFailures: e.VIGIL_SIGNIN_MAX_FAILURES,
      maxFailuresPerIp: e.VIGIL_SIGNIN_MAX_FAILURES_PER_IP,
      maxFailuresPerAccount: e.VIGIL_SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      slowdownSeconds: e.VIGIL_SIGNIN_SLOWDOWN_SECONDS,
      windowMinutes: e.VIGIL_SIGNIN_WINDOW_MINUTES,
      requireSecondFactorFor: e.VIGIL_REQUIRE_2FA,
    },
    limits: {
      mutationsPerMinute: e.VIGIL_MUTATIONS_PER_MINUTE,
      mutationBurst: e.VIGIL_MUTATION_BURST,
      maxBatch: e.VIGIL_TRPC_MAX_BATCH,
      maxHeldCases: e.VIGIL_MAX_HELD_CASES,
    },
    trustProxy: e.VIGIL_TRUST_PROXY,
    shutdownGraceMs: e.VIGIL_SHUTDOWN_GRACE_MS,
    hashMaxDistance: e.VIGIL_HASH_MAX_DISTANCE,
    logLevel: e.VIGIL_LOG_LEVEL,
    clientDir: path.resolve(e.VIGIL_CLIENT_DIR),
    media: {
      origins: e.VIGIL_MEDIA_ORIGINS,
      limits: {
        ...DEFAULT_MEDIA_LIMITS,
        maxBytes: e.VIGIL_MEDIA_MAX_BYTES,
        maxDurationMs: e.VIGIL_MEDIA_MAX_SECONDS * 1000,
        ffmpegTimeoutMs: e.VIGIL_MEDIA_FFMPEG_TIMEOUT_MS,
        ffmpegMemoryBytes: e.VIGIL_MEDIA_FFMPEG_MEMORY_MB * 1024 * 1024,
      },
      fetchTimeoutMs: e.VIGIL_MEDIA_FETCH_TIMEOUT_MS,
      fps: e.VIGIL_MEDIA_FPS,
      retentionDays: e.VIGIL_MEDIA_RETENTION_DAYS,
      s3Url: e.VIGIL_MEDIA_S3_URL || null,
      ffmpegPath: e.VIGIL_FFMPEG_PATH || null,
      matchPct: e.VIGIL_VPDQ_MATCH_PCT,
      dataDir: path.resolve(e.VIGIL_DATA_DIR),
      demoClipsDir: path.resolve(e.VIGIL_DEMO_CLIPS_DIR || path.join(e.VIGIL_DATA_DIR, "demo-clips")),
    },
    mail: {
      smtpUrl: e.VIGIL_SMTP_URL || null,
      from: e.VIGIL_MAIL_FROM,
      dir: path.join(path.resolve(e.VIGIL_DATA_DIR), "mail"),
    },
    audit: {
      key: e.VIGIL_AUDIT_KEY,
      checkpointFile: e.VIGIL_AUDIT_CHECKPOINT_FILE ? path.resolve(e.VIGIL_AUDIT_CHECKPOINT_FILE) : null,
      dataDir: path.resolve(e.VIGIL_DATA_DIR),
    },
    platform: {
      keys: e.VIGIL_PLATFORM_KEYS ? parsePlatformKeysOrThrow(e.VIGIL_PLATFORM_KEYS) : null,
      webhookUrl: e.VIGIL_PLATFORM_WEBHOOK_URL ?? null,
      webhookKeyId: e.VIGIL_WEBHOOK_KEY_ID ?? null,
      outboxMaxAttempts: e.VIGIL_OUTBOX_MAX_ATTEMPTS,
      outboxPollMs: e.VIGIL_OUTBOX_POLL_MS,
      ingestRequestsPerMinute: e.VIGIL_INGEST_REQUESTS_PER_MINUTE,
      signatureV1: e.VIGIL_PLATFORM_SIGNATURE_V1,
    },
  };
}
