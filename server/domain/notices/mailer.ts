// Sends queued email notices. With VIGIL_SMTP_URL set they go to that SMTP server; otherwise each is written as
// an .eml file in the mail folder, so a fresh install shows exactly what would have been sent.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { sql } from "../../db/sql.ts";

export interface MailerOptions {
  db: Database;
  log: Logger;
  from: string;
  smtpUrl: string | null;
  /** where .eml files go when there is no SMTP server */
  mailDir: string;
  now: () => Date;
  maxAttempts?: number;
}

function createTransport(opts: MailerOptions) {
  if (opts.smtpUrl) return nodemailer.createTransport(opts.smtpUrl);
  return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
}

/** Sends one round of due notices; returns how many were sent. Safe with several processes (SKIP LOCKED). */
export async function sendDueNotices(opts: MailerOptions): Promise<number> {
  const transport = createTransport(opts);
  const maxAttempts = opts.maxAttempts ?? 10;
  const now = opts.now();
  const due = await opts.db.prisma.$queryRaw<
    { id: string; to: string; subject: string; text: string; attempts: number }[]
  >(
    sql`UPDATE "EmailNotice" n SET "attempts" = n."attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + 5 * 60_000)}::timestamptz
      WHERE n."id" IN (SELECT "id" FROM "EmailNotice" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}::timestamptz
                        ORDER BY "createdAt" LIMIT 20 FOR UPDATE SKIP LOCKED)
      RETURNING n."id"::text AS "id", n."to", n."subject", n."text", n."attempts"`,
  );
  let sent = 0;
  for (const notice of due) {
    try {
      const info = await transport.sendMail({
        from: opts.from,
        to: notice.to,
        subject: notice.subject,
        text: notice.text,
        messageId: `<${notice.id}@vigil>`,
      });
      if (!opts.smtpUrl) {
        fs.mkdirSync(opts.mailDir, { recursive: true });
        fs.writeFileSync(path.join(opts.mailDir, `${notice.id}.eml`), (info as unknown as { message: Buffer }).message);
      }
      await opts.db.prisma.emailNotice.update({
        where: { id: notice.id },
        data: { status: "sent", sentAt: opts.now(), lastError: null },
      });
      sent++;
    } catch (err) {
      const failed = notice.attempts >= maxAttempts;
      await opts.db.prisma.emailNotice.update({
        where: { id: notice.id },
        data: {
          status: failed ? "failed" : "pending",
          lastError: (err as Error).message.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** Math.min(notice.attempts, 8)),
        },
      });
      opts.log.warn({ noticeId: notice.id, err }, "email notice not sent");
    }
  }
  return sent;
}
