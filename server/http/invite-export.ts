// GET /exports/invite-codes.csv?waveId=…[&batchId=…]: a wave's (or one batch's) codes as CSV for admins, streamed
// in keyset pages so a million codes never sit in memory. Authenticated by the staff session cookie like /media;
// codes are bearer secrets, so every export is audited before the first byte is sent.
import { once } from "node:events";
import express from "express";
import * as z from "zod/mini";
import type { Database } from "../db/client.ts";
import type { AuthConfig } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import { staffOfRequest } from "./staff-request.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { codesCsv } from "../domain/invites/codes.ts";
import { describeIssues } from "../lib/validation.ts";

const ExportQuery = z.object({ waveId: z.string().check(z.uuid()), batchId: z.optional(z.string().check(z.uuid())) });

export interface InviteExportOptions {
  db: Database;
  auth: AuthConfig;
  log: Logger;
  now: () => Date;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "wave";

export function createInviteExportRouter(opts: InviteExportOptions): express.Router {
  const router = express.Router();
  router.get("/invite-codes.csv", async (req, res) => {
    const now = opts.now();
    const staff = await staffOfRequest(opts, req, res, "export invite codes", "admin");
    if (!staff) return;
    const parsed = z.safeParse(ExportQuery, { waveId: req.query.waveId, batchId: req.query.batchId });
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).message });
      return;
    }
    const { waveId, batchId } = parsed.data;
    const wave = await opts.db.prisma.inviteWave.findUnique({
      where: { id: waveId },
      select: { id: true, name: true },
    });
    if (!wave) {
      res.status(404).json({ error: "waveId: invite wave was not found." });
      return;
    }
    if (
      batchId &&
      !(await opts.db.prisma.inviteBatch.findFirst({ where: { id: batchId, waveId }, select: { id: true } }))
    ) {
      res.status(404).json({ error: "batchId: no such batch in this wave." });
      return;
    }
    const rows = await opts.db.prisma.inviteCode.count({ where: { waveId, ...(batchId ? { batchId } : {}) } });
    await opts.db.prisma.$transaction((tx) =>
      appendAudit(
        tx,
        {
          actorType: "staff",
          actorId: staff.id,
          action: "invite_codes.export",
          subjectType: batchId ? "invite_batch" : "invite_wave",
          subjectId: batchId ?? waveId,
          requestId: req.requestId,
          ip: req.ip ?? null,
          details: { waveId, batchId: batchId ?? null, rows },
        },
        now,
      ),
    );

    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="invite-codes-${slug(wave.name)}${batchId ? `-batch-${batchId.slice(0, 8)}` : ""}.csv"`,
    );
    res.setHeader("X-Row-Count", String(rows));
    let aborted = false;
    res.on("close", () => {
      aborted = !res.writableFinished;
    });
    try {
      for await (const chunk of codesCsv(opts.db.prisma, { waveId, batchId })) {
        if (aborted) return;
        if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
      }
      res.end();
    } catch (err) {
      // Headers are gone: all that is left is to cut the download short, so it cannot pass for a complete file.
      opts.log.error({ err, requestId: req.requestId }, "invite code export failed");
      res.destroy(err as Error);
    }
  });
  return router;
}
