// The Express app: security headers, request logs, /healthz, /trpc (staff API), /media (staff-only images),
// and the built client with its SPA fallback.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { appRouter } from "../router.ts";
import { INTERNAL_ERROR_MESSAGE } from "../trpc.ts";
import { createContext, responseMeta, type ServerDeps } from "./context.ts";
import { parseCookies, serializeCookie } from "./cookies.ts";
import { resolveSession, SESSION_COOKIE } from "../domain/auth/sessions.ts";
import { RESTRICTION_MESSAGES } from "../domain/auth/restrictions.ts";
import { createMediaRouter, type MediaLocals } from "../media/router.ts";
import type { MediaStore } from "../media/store.ts";
import { contentAccessFor } from "../domain/access/queue-access.ts";
import { createPlatformApi } from "./platform-api.ts";
import { createInviteExportRouter } from "./invite-export.ts";
import { createHashListApi } from "./hash-list-api.ts";
import { createMediaLookupApi } from "./media-lookup-api.ts";
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from "../media/types.ts";
import type { TrustProxy } from "./trust-proxy.ts";
import { legacySignatureReport } from "../platform/legacy-signatures.ts";
import { hashIndexFor } from "../domain/hashbank/index-service.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions extends ServerDeps {
  clientDir: string | null;
  /** how many proxies, or which, may set the client address (X-Forwarded-For); see trust-proxy.ts */
  trustProxy?: TrustProxy;
  version?: string;
  /** keys the platform signs with; none = the platform API answers 503 */
  platformKeys?: ReadonlyMap<string, string>;
  ingestRequestsPerMinute?: number;
  /** whether platform requests signed with the retiring v1 scheme alone are accepted; default accept */
  platformSignatureV1?: "accept" | "refuse";
  /** where posts' media files are kept; none: only the stand-in artwork is served */
  mediaStore?: MediaStore | null;
  /** how close a frame or video must be to a banked one to match (VIGIL_HASH_MAX_DISTANCE, VIGIL_VPDQ_MATCH_PCT) */
  hashMatch?: { maxDistance: number; matchPct: number };
  /** how uploads for lookup by file are hashed (the media worker's settings) */
  mediaLookup?: { limits: MediaLimits; fps: number; ffmpeg?: string };
}

declare module "express-serve-static-core" {
  interface Request {
    requestId: string;
    userId?: string;
  }
}

function isSecure(req: Request) {
  return req.secure;
}

export function createApp(opts: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", opts.trustProxy ?? false);

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    req.requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader("X-Request-Id", req.requestId);
    const started = performance.now();
    res.on("finish", () => {
      opts.log.info(
        {
          requestId: req.requestId,
          method: req.method,
          path: req.originalUrl.split("?")[0],
          status: res.statusCode,
          userId: req.userId ?? null,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        },
        "request",
      );
    });
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:", "blob:"],
          mediaSrc: ["'self'", "blob:"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "same-origin" },
    }),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      await opts.db.sql.query("SELECT 1");
      const platformSignatures = await legacySignatureReport(opts.db.prisma, opts.platformSignatureV1 ?? "accept");
      res.json({
        status: "ok",
        database: opts.db.kind,
        version: opts.version ?? "dev",
        time: opts.now().toISOString(),
        platformSignatures,
        hashIndex: hashIndexFor(opts.db).stats(),
      });
    } catch {
      res.status(503).json({ status: "unavailable", database: opts.db.kind });
    }
  });

  // Cross-site requests cannot send JSON without a preflight we never grant; an Origin from elsewhere is refused.
  app.use("/trpc", (req, res, next) => {
    const origin = req.get("origin");
    if (origin && origin !== `${req.protocol}://${req.get("host")}`) {
      res.status(403).json({ error: { message: "Cross-origin requests are not allowed." } });
      return;
    }
    if (req.method === "POST" && !req.is("application/json")) {
      res.status(415).json({ error: { message: "Send tRPC requests as application/json." } });
      return;
    }
    next();
  });

  app.use(
    "/trpc",
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: MAX_BODY_BYTES,
      responseMeta,
      createContext: async ({ req, res, info }) => {
        const cookies = parseCookies(req.headers.cookie);
        const secure = isSecure(req);
        const ctx = await createContext(
          opts,
          {
            requestId: req.requestId,
            ip: req.ip ?? "unknown",
            userAgent: req.get("user-agent") ?? null,
            secure,
            getCookie: (name) => cookies[name],
            setCookie: (name, value, o) => res.append("Set-Cookie", serializeCookie(name, value, secure, o)),
            clearCookie: (name) => res.append("Set-Cookie", serializeCookie(name, "", secure, { expire: true })),
          },
          info,
        );
        req.userId = ctx.user?.id;
        return ctx;
      },
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR")
          opts.log.error({ err: error.cause ?? error, procedure: path }, "trpc error");
      },
    }),
  );

  // Evidence images are for signed-in staff only, and only of posts their role may see.
  app.use("/media", async (req, res: Response<unknown, MediaLocals>, next) => {
    const session = await resolveSession(
      opts.db.prisma,
      parseCookies(req.headers.cookie)[SESSION_COOKIE],
      opts.now(),
      opts.auth,
    );
    if (!session) {
      res.status(401).json({ error: "Sign in to view media." });
      return;
    }
    req.userId = session.user.id;
    if (session.user.restriction) {
      res.status(403).json({ error: RESTRICTION_MESSAGES[session.user.restriction] });
      return;
    }
    res.locals.contentAccess = await contentAccessFor(opts.db, session.user.role);
    res.locals.viewer = { id: session.user.id, requestId: req.requestId, ip: req.ip ?? null };
    next();
  });
  app.use(
    "/media",
    createMediaRouter(() => opts.db, opts.mediaStore ?? null, opts.now),
  );

  // Downloads for signed-in staff (each checks its own role and audits itself).
  app.use("/exports", createInviteExportRouter({ db: opts.db, auth: opts.auth, log: opts.log, now: opts.now }));
  app.use("/hash-lists", createHashListApi({ db: opts.db, auth: opts.auth, log: opts.log, now: opts.now }));
  app.use(
    "/media-lookup",
    createMediaLookupApi({
      db: opts.db,
      auth: opts.auth,
      log: opts.log,
      now: opts.now,
      store: opts.mediaStore ?? null,
      limits: opts.mediaLookup?.limits ?? DEFAULT_MEDIA_LIMITS,
      fps: opts.mediaLookup?.fps ?? 1,
      ffmpeg: opts.mediaLookup?.ffmpeg,
      maxDistance: opts.hashMatch?.maxDistance ?? 31,
    }),
  );

  app.use(
    "/api/v1",
    createPlatformApi({
      db: opts.db,
      log: opts.log,
      now: opts.now,
      keys: opts.platformKeys ?? new Map(),
      requestsPerMinute: opts.ingestRequestsPerMinute ?? 600,
      signatureV1: opts.platformSignatureV1 ?? "accept",
      hashMatch: opts.hashMatch,
    }),
  );

  app.use("/api", (_req, res) => {
    res.status(404).json({ error: "No such API endpoint." });
  });

  if (opts.clientDir && fs.existsSync(path.join(opts.clientDir, "index.html"))) {
    const indexHtml = path.join(opts.clientDir, "index.html");
    app.use(
      express.static(opts.clientDir, {
        index: false,
        setHeaders(res, file) {
          // Hashed assets never change; index.html must always be revalidated.
          res.setHeader(
            "Cache-Control",
            file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
          );
        },
      }),
    );
    app.get("/{*splat}", (_req, res) => {
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(indexHtml);
    });
  } else {
    app.get("/{*splat}", (_req, res) => {
      res.status(503).type("text").send("The console has not been built. Run `npm run build`, or use `npm start`.");
    });
  }

  // Last resort: malformed bodies and oversized requests get 4xx, logged as the client's mistake without a stack;
  // anything else is ours: logged in full, answered with the request id and nothing of the error itself.
  app.use(
    (err: { status?: number; type?: string; message?: string }, req: Request, res: Response, _next: NextFunction) => {
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
      if (status === 500) {
        opts.log.error({ err, requestId: req.requestId }, "unhandled error");
        res.status(500).json({
          error: `${INTERNAL_ERROR_MESSAGE} Quote request id ${req.requestId} when reporting it.`,
          requestId: req.requestId,
        });
        return;
      }
      opts.log.info({ requestId: req.requestId, status, type: err.type ?? null }, "request refused");
      res.status(status).json({ error: err.message ?? "Bad request" });
    },
  );

  return app;
}
