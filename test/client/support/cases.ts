// Cases as the platform's ingest would leave them: an account, a post, and the open case about that post.
import crypto from "node:crypto";
import type { Database } from "../../../server/db/client.ts";
import type { Prisma } from "../../../server/db/generated/client.ts";
import type { CaseStatus, QueueKind } from "../../../server/db/generated/enums.ts";
import { computePriority, severityForCategory } from "../../../server/domain/cases/priority.ts";

export interface CaseSeed {
  queue?: QueueKind;
  handle: string;
  prompt: string;
  priority: number;
  /** how long ago the case was opened */
  ageHours: number;
  category?: string;
  maxScore?: number | null;
  hasCameo?: boolean;
  reporters?: number;
  deadlineInHours?: number | null;
  status?: CaseStatus;
}

export async function insertCase(db: Database, seed: CaseSeed) {
  const suffix = crypto.randomBytes(4).toString("hex");
  const createdAt = new Date(Date.now() - seed.ageHours * 3600_000);
  const account = await db.prisma.account.upsert({
    where: { handle: seed.handle },
    update: {},
    create: { id: `acct_${suffix}`, handle: seed.handle, displayName: seed.handle, createdAt },
  });
  const post = await db.prisma.post.create({
    data: {
      id: `post_${suffix}`,
      creatorId: account.id,
      prompt: seed.prompt,
      durationMs: 8000,
      posterUrl: `/media/posts/post_${suffix}/poster.svg`,
      contentHash: crypto.createHash("sha256").update(suffix).digest("hex"),
      createdAt,
    },
  });
  return db.prisma.case.create({
    data: {
      queue: seed.queue ?? "flagged_generation",
      subjectType: "post",
      subjectKey: `post:${post.id}`,
      postId: post.id,
      status: seed.status ?? "open",
      priority: seed.priority,
      category: seed.category ?? "violence",
      maxScore: seed.maxScore === undefined ? 0.8 : seed.maxScore,
      hasCameo: seed.hasCameo ?? false,
      signalCount: Math.max(1, seed.reporters ?? 1),
      reporterCount: seed.reporters ?? 0,
      creatorHandle: seed.handle,
      prompt: seed.prompt,
      deadlineAt:
        seed.deadlineInHours === null || seed.deadlineInHours === undefined
          ? null
          : new Date(Date.now() + seed.deadlineInHours * 3600_000),
      createdAt,
    },
  });
}

export interface SignalSeed {
  kind: "classifier_flag" | "user_report" | "deepfake_report";
  category?: string;
  model?: string;
  score?: number;
  /** a reporting account with its track record */
  reporter?: { handle: string; reportsFiled: number; reportsActioned: number };
  reason?: string;
  text?: string;
}

/** A case with the evidence a reviewer reads: a transcript, signals, and a priority made of its named parts. */
export async function insertCaseWithEvidence(
  db: Database,
  seed: CaseSeed & { transcript?: string; signals: SignalSeed[] },
) {
  const c = await insertCase(db, seed);
  if (seed.transcript) await db.prisma.post.update({ where: { id: c.postId! }, data: { transcript: seed.transcript } });
  const reporters = [];
  for (const [i, s] of seed.signals.entries()) {
    const reporter = s.reporter
      ? await db.prisma.account.upsert({
          where: { handle: s.reporter.handle },
          update: {},
          create: {
            id: `acct_${crypto.randomBytes(4).toString("hex")}`,
            handle: s.reporter.handle,
            displayName: s.reporter.handle,
            reportsFiled: s.reporter.reportsFiled,
            reportsActioned: s.reporter.reportsActioned,
            createdAt: new Date(Date.now() - 90 * 86_400_000),
          },
        })
      : null;
    if (reporter) reporters.push(reporter);
    await db.prisma.signal.create({
      data: {
        kind: s.kind,
        subjectType: "post",
        postId: c.postId,
        caseId: c.id,
        reporterId: reporter?.id ?? null,
        category: s.category ?? seed.category ?? "violence",
        model: s.model ?? null,
        score: s.score ?? null,
        reason: s.reason ?? null,
        text: s.text ?? null,
        occurredAt: new Date(Date.now() - (i + 1) * 60_000),
      },
    });
  }
  const priority = computePriority({
    severity: severityForCategory(seed.category ?? "violence"),
    maxScore: seed.maxScore === undefined ? 0.8 : seed.maxScore,
    reporters,
    reach: { views: 12_000, remixes: 3 },
    hoursToDeadline: seed.deadlineInHours ?? null,
  });
  return db.prisma.case.update({
    where: { id: c.id },
    data: {
      priorityComponents: priority.components as unknown as Prisma.InputJsonValue,
      signalCount: seed.signals.length,
      reporterCount: reporters.length,
    },
  });
}

/** Another reviewer changed the case: its version moves on, as any decision or re-scoring would move it. */
export async function changeCaseAs(db: Database, caseId: string, staffId: string) {
  return db.prisma.case.update({
    where: { id: caseId },
    data: { version: { increment: 1 }, lastChangedById: staffId, lastChangedAt: new Date() },
  });
}

/** Another reviewer holds the case under a lease that still runs. */
export async function claimCaseAs(db: Database, caseId: string, staffId: string, minutes = 5) {
  return db.prisma.case.update({
    where: { id: caseId },
    data: {
      status: "claimed",
      claimedById: staffId,
      claimedAt: new Date(),
      leaseUntil: new Date(Date.now() + minutes * 60_000),
    },
  });
}
