// POST /api/v1/invites/redeem: the platform redeems an invite code for an account at sign-up. Mounted inside the
// signed platform API, so the body is read raw and checked by the same `authenticate` as every platform call.
import express, { type RequestHandler } from "express";
import * as z from "zod/mini";
import type { Database } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import { fieldName } from "../lib/validation.ts";
import { findMalformedText } from "../lib/text-rule.ts";
import { RedeemRequest } from "../contracts/invites.ts";
import { redeemInvite } from "../domain/invites/redeem.ts";
import type { GuessLimits } from "../domain/invites/rate-limit.ts";

export const MAX_REDEEM_BODY_BYTES = 16 * 1024;

export interface InviteRedeemApiOptions {
  db: Database;
  log: Logger;
  now: () => Date;
  authenticate: RequestHandler;
  guessLimits?: GuessLimits;
}

export function createInviteRedeemApi(opts: InviteRedeemApiOptions): express.Router {
  const router = express.Router();
  router.post(
    "/redeem",
    express.raw({ type: () => true, limit: MAX_REDEEM_BODY_BYTES }),
    opts.authenticate,
    async (req, res) => {
      let json: unknown;
      try {
        json = JSON.parse((req.body as Buffer).toString("utf8"));
      } catch {
        res.status(400).json({ error: "The body is not valid JSON.", reason: "invalid_request" });
        return;
      }
      const malformed = findMalformedText(json);
      const parsed = z.safeParse(RedeemRequest, json);
      if (malformed.length > 0 || !parsed.success) {
        const issues = malformed.length > 0 ? malformed : parsed.error!.issues;
        const errors = issues.map((i) => ({ path: fieldName(i.path), message: i.message }));
        res.status(400).json({
          error: errors.map((e) => `${e.path || "body"}: ${e.message}`).join("; "),
          reason: "invalid_request",
          errors,
        });
        return;
      }
      try {
        const outcome = await redeemInvite(opts.db, parsed.data, {
          keyId: res.locals.keyId as string,
          requestId: req.requestId,
          now: opts.now(),
          limits: opts.guessLimits,
        });
        if (outcome.ok) {
          res.json(outcome.redeemed);
        } else if (outcome.status === 429) {
          res.setHeader("Retry-After", String(outcome.retryAfterSeconds));
          res
            .status(429)
            .json({ error: outcome.message, reason: outcome.reason, retryAfterSeconds: outcome.retryAfterSeconds });
        } else {
          res.status(422).json({
            error: outcome.message,
            reason: outcome.reason,
            ...(outcome.suggestion ? { suggestion: outcome.suggestion } : {}),
          });
        }
      } catch (err) {
        // Nothing was redeemed (the transaction rolled back); the same request may be sent again.
        opts.log.error({ err, requestId: req.requestId }, "invite redemption failed");
        res.setHeader("Retry-After", "2");
        res.status(503).json({
          error: "Vigil could not redeem the code right now; nothing was changed. Retry the same request.",
          reason: "unavailable",
        });
      }
    },
  );
  return router;
}
