// /api/v1: the signed REST API the platform calls. Every request is authenticated by its HMAC signature; bodies
// are read raw so the signature is checked over exactly the bytes that were sent.
import express, { type NextFunction, type Request, type Response } from "express";
import type { Database } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import { MAX_EVENTS_BODY_BYTES } from "../contracts/platform-events.ts";
import { buildOpenApiDocument } from "../platform/openapi.ts";
import { SIGNATURE_HEADERS, verifySignature } from "../platform/signature.ts";
import { recordLegacySignature } from "../platform/legacy-signatures.ts";
import { fieldName } from "../lib/validation.ts";
import { ingestEvents, IngestRejected } from "../domain/ingest/ingest.ts";
import { validateEventBatch } from "../domain/ingest/validate-batch.ts";
import { findMalformedText } from "../lib/text-rule.ts";
import { protectedLikenessFeed } from "../domain/likeness/protected-register.ts";
import { hashBankFeed } from "../domain/hashbank/feed.ts";
import { HashBankFeedQuery } from "../contracts/hash-bank-feed.ts";
import { createInviteRedeemApi } from "./invite-redeem-api.ts";
import { MATCH_MAX_BODY_BYTES, MatchRequest } from "../contracts/hash-match.ts";
import { matchSignal } from "../domain/hashbank/match-signal.ts";
import { hashIndexFor } from "../domain/hashbank/index-service.ts";
import { DomainError } from "../lib/errors.ts";

const DEFAULT_HASH_MATCH = { maxDistance: 31, matchPct: 80 };

export const MAX_INGEST_BODY_BYTES = MAX_EVENTS_BODY_BYTES;

export interface PlatformApiOptions {
  db: Database;
  log: Logger;
  now: () => Date;
  keys: ReadonlyMap<string, string>;
  requestsPerMinute: number;
  /** whether requests signed with the retiring v1 scheme alone are accepted */
  signatureV1: "accept" | "refuse";
  hashMatch?: { maxDistance: number; matchPct: number };
}

/** Token bucket per key: bursts of ten seconds' worth, refilled continuously. */
function createRateLimiter(perMinute: number) {
  const capacity = Math.max(10, Math.ceil(perMinute / 6));
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key: string, nowMs: number): number => {
    const bucket = buckets.get(key) ?? { tokens: capacity, at: nowMs };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.at) / 60_000) * perMinute);
    bucket.at = nowMs;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
  };
}

export function createPlatformApi(opts: PlatformApiOptions): express.Router {
  const router = express.Router();
  const takeToken = createRateLimiter(opts.requestsPerMinute);

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    if (opts.keys.size === 0) {
      res
        .status(503)
        .json({ error: "The platform API is not configured: set VIGIL_PLATFORM_KEYS (keyId:secret,...)." });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = opts.now();
    const check = verifySignature(
      opts.keys,
      {
        keyId: req.get(SIGNATURE_HEADERS.keyId),
        timestamp: req.get(SIGNATURE_HEADERS.timestamp),
        signature: req.get(SIGNATURE_HEADERS.signature),
      },
      // The request target as it arrived (path and query, before the router strips its mount point).
      { method: req.method, path: req.originalUrl, body },
      now,
      { v1: opts.signatureV1 },
    );
    if (!check.ok) {
      res.status(401).json({ error: check.reason });
      return;
    }
    if (check.scheme === "v1") {
      // Bookkeeping for the transition must not cost the platform its request.
      await recordLegacySignature(opts.db.prisma, check.keyId, "v1", now).catch((err: unknown) =>
        opts.log.warn({ err, requestId: req.requestId }, "could not count a v1-signed request"),
      );
    }
    const wait = takeToken(check.keyId, now.getTime());
    if (wait > 0) {
      res.setHeader("Retry-After", String(wait));
      res.status(429).json({ error: `Rate limit reached for key "${check.keyId}"; retry in ${wait} s.` });
      return;
    }
    res.locals.keyId = check.keyId;
    next();
  };

  // The contract itself is public: platform teams read it before they have keys.
  let openApi: string | undefined;
  router.get("/openapi.json", (_req, res) => {
    openApi ??= JSON.stringify(buildOpenApiDocument());
    res.type("application/json").setHeader("Cache-Control", "public, max-age=300");
    res.send(openApi);
  });

  router.post(
    "/events",
    express.raw({ type: () => true, limit: MAX_INGEST_BODY_BYTES }),
    authenticate,
    async (req, res) => {
      let json: unknown;
      try {
        json = JSON.parse((req.body as Buffer).toString("utf8"));
      } catch {
        res.status(400).json({
          error: "The body is not valid JSON.",
          errors: [{ index: null, path: "", message: "not valid JSON" }],
        });
        return;
      }
      // One clock reading per request: the date window and the ingest see the same "now".
      const now = opts.now();
      const batch = validateEventBatch(json, now);
      if (!batch.ok) {
        const errors = batch.problems;
        res.status(400).json({
          error: `The batch was refused: ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was stored.`,
          errors,
        });
        return;
      }
      try {
        const result = await ingestEvents(opts.db, batch.events, {
          keyId: res.locals.keyId as string,
          requestId: req.requestId,
          now,
        });
        res.json(result);
      } catch (err) {
        if (err instanceof IngestRejected) {
          res
            .status(400)
            .json({ error: `The batch was refused: ${err.message}; nothing was stored.`, errors: err.problems });
          return;
        }
        // Anything else (a lost connection, a deadlock) is worth retrying; the platform's retry is idempotent.
        opts.log.error({ err, requestId: req.requestId }, "ingest failed");
        res.setHeader("Retry-After", "5");
        res
          .status(503)
          .json({ error: "Vigil could not store the batch right now; nothing was stored. Retry the same batch." });
      }
    },
  );

  /** A versioned read for the platform: ETag from the version, 304 when unchanged, 503 (keep your copy) on failure. */
  const sendFeed = async (req: Request, res: Response, what: string, load: () => Promise<{ version: string }>) => {
    try {
      const feed = await load();
      const etag = `"${feed.version}"`;
      res.setHeader("ETag", etag);
      res.setHeader("Cache-Control", "private, no-cache");
      if (req.get("If-None-Match") === etag) {
        res.status(304).end();
        return;
      }
      res.json(feed);
    } catch (err) {
      opts.log.error({ err, requestId: req.requestId }, `${what} feed failed`);
      res.setHeader("Retry-After", "5");
      res.status(503).json({ error: `Vigil could not read the ${what} right now; keep the last copy and retry.` });
    }
  };

  // The register the platform checks before generating a likeness. The body is empty; the v2 signature covers the
  // method and path, so it opens this feed and no other.
  router.get("/protected-likenesses", authenticate, (req, res) =>
    sendFeed(req, res, "register", () => protectedLikenessFeed(opts.db.prisma)),
  );

  // GET /hash-bank: hashes of removed content, so the platform can refuse re-uploads before they are posted.
  router.get("/hash-bank", authenticate, async (req, res) => {
    const malformed = findMalformedText(req.query)[0];
    const query = HashBankFeedQuery.safeParse(req.query);
    if (malformed || !query.success) {
      const issue = malformed ?? query.error!.issues[0]!;
      const field = fieldName(issue.path) || "query";
      res
        .status(400)
        .json({ error: issue.message.startsWith(`${field}:`) ? issue.message : `${field}: ${issue.message}`, field });
      return;
    }
    await sendFeed(req, res, "hash bank", () => hashBankFeed(opts.db.prisma, query.data));
  });

  // POST /match: one hash (PDQ, vPDQ, SHA-256, MD5) against the banks, so an upload can be refused before it is
  // posted. The index reads the banks' changes at most a second old.
  router.post(
    "/match",
    express.raw({ type: () => true, limit: MATCH_MAX_BODY_BYTES }),
    authenticate,
    async (req, res) => {
      let json: unknown;
      try {
        json = JSON.parse((req.body as Buffer).toString("utf8"));
      } catch {
        res.status(400).json({ error: "The body is not valid JSON.", field: "body" });
        return;
      }
      const parsed = MatchRequest.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = fieldName(issue.path) || "body";
        res.status(400).json({ error: `${field}: ${issue.message}`, field });
        return;
      }
      try {
        const index = hashIndexFor(opts.db);
        await index.ensureFresh(1_000);
        res.json(await matchSignal(opts.db, index, parsed.data, opts.hashMatch ?? DEFAULT_HASH_MATCH));
      } catch (err) {
        if (err instanceof DomainError && err.code === "BAD_REQUEST") {
          res.status(400).json({ error: err.message, field: err.field });
          return;
        }
        opts.log.error({ err, requestId: req.requestId }, "hash match failed");
        res.setHeader("Retry-After", "5");
        res.status(503).json({ error: "Vigil could not look the hash up right now; retry." });
      }
    },
  );

  // POST /invites/redeem: a sign-up redeems an invite code (server/http/invite-redeem-api.ts).
  router.use("/invites", createInviteRedeemApi({ db: opts.db, log: opts.log, now: opts.now, authenticate }));

  router.use((err: { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (err.type === "entity.too.large") {
      res.status(413).json({
        error: req.path.startsWith("/match")
          ? `The body is larger than ${MATCH_MAX_BODY_BYTES / 1024} KB; send one hash or one video's frames per request.`
          : `The body is larger than ${MAX_INGEST_BODY_BYTES / 1024 / 1024} MB; send fewer events per request.`,
      });
      return;
    }
    next(err);
  });

  return router;
}
