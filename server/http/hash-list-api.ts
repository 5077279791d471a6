// /hash-lists: staff bring hash lists into a bank and take a bank out as one. Files are large (a million lines),
// so they travel as plain HTTP bodies streamed through the parser rather than through tRPC; the staff session
// cookie authenticates like /exports, and a request from another origin is refused (no cross-site uploads).
//   POST /hash-lists/import?bankId=…&source=…[&listDate=YYYY-MM-DD][&declaredType=pdq][&fileName=…]  body: the list
//   GET  /hash-lists/export?bankId=…  → text/csv (signal_type,value)
import { once } from "node:events";
import express, { type Request } from "express";
import * as z from "zod/mini";
import type { Database } from "../db/client.ts";
import type { AuthConfig } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { describeIssues } from "../lib/validation.ts";
import { refuseCrossOrigin, staffOfRequest } from "./staff-request.ts";
import { DomainError } from "../lib/errors.ts";
import { SIGNAL_TYPES } from "../domain/hashbank/hash-list.ts";
import { bankHashList, importHashList } from "../domain/hashbank/hash-list-import.ts";

export interface HashListApiOptions {
  db: Database;
  auth: AuthConfig;
  log: Logger;
  now: () => Date;
}

const ImportQuery = z.object({
  bankId: z.string().check(z.uuid("bankId: not a bank id")),
  source: z.string().check(z.trim(), z.minLength(2, "source: name where the list comes from"), z.maxLength(200)),
  listDate: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "listDate: a date as YYYY-MM-DD"))),
  declaredType: z.optional(z.enum(SIGNAL_TYPES, `declaredType: one of ${SIGNAL_TYPES.join(", ")}`)),
  fileName: z._default(z.string().check(z.trim(), z.maxLength(300)), "upload"),
});
const ExportQuery = z.object({ bankId: z.string().check(z.uuid("bankId: not a bank id")) });

function firstValues(query: Request["query"]) {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export function createHashListApi(opts: HashListApiOptions): express.Router {
  const router = express.Router();

  router.post("/import", async (req, res) => {
    if (refuseCrossOrigin(req, res)) return;
    const actor = await staffOfRequest(opts, req, res, "import hash lists");
    if (!actor) return;
    const parsed = z.safeParse(ImportQuery, firstValues(req.query));
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).message });
      return;
    }
    const q = parsed.data;
    try {
      const outcome = await importHashList(
        opts.db,
        {
          bankId: q.bankId,
          source: q.source,
          listDate: q.listDate ? new Date(`${q.listDate}T00:00:00Z`) : null,
          fileName: q.fileName,
          declaredType: q.declaredType,
        },
        req,
        actor,
        opts.now,
      );
      res.status(outcome.status === "done" ? 200 : 422).json(outcome);
    } catch (err) {
      if (err instanceof DomainError) {
        res.status(err.code === "NOT_FOUND" ? 404 : 400).json({ error: err.message, field: err.field });
        return;
      }
      opts.log.error({ err, requestId: req.requestId }, "hash list import failed");
      res.status(503).json({ error: "The list could not be stored right now; nothing of it was kept. Try again." });
    }
  });

  router.get("/export", async (req, res) => {
    const actor = await staffOfRequest(opts, req, res, "export hash lists");
    if (!actor) return;
    const parsed = z.safeParse(ExportQuery, firstValues(req.query));
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).message });
      return;
    }
    const bank = await opts.db.prisma.hashBank.findUnique({ where: { id: parsed.data.bankId } });
    if (!bank) {
      res.status(404).json({ error: "bankId: no such bank." });
      return;
    }
    await opts.db.prisma.$transaction((tx) =>
      appendAudit(
        tx,
        {
          actorType: "staff",
          actorId: actor.id,
          action: "hash_bank.export",
          subjectType: "hash_bank",
          subjectId: bank.id,
          requestId: req.requestId,
          ip: actor.ip,
          details: { name: bank.name },
        },
        opts.now(),
      ),
    );
    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    const slug =
      bank.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "bank";
    res.setHeader("Content-Disposition", `attachment; filename="hash-bank-${slug}.csv"`);
    let aborted = false;
    res.on("close", () => {
      aborted = !res.writableFinished;
    });
    try {
      for await (const chunk of bankHashList(opts.db, bank.id)) {
        if (aborted) return;
        if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
      }
      res.end();
    } catch (err) {
      opts.log.error({ err, requestId: req.requestId }, "hash list export failed");
      res.destroy(err as Error);
    }
  });

  return router;
}
