// Cases as the platform's ingest would leave them: an account, a post, and the open case about that post.
import crypto from "node:crypto";
import type { Database } from "../../../server/db/client.ts";
import type { CaseStatus, QueueKind } from "../../../server/db/generated/enums.ts";

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
      deadlineAt: seed.deadlineInHours === null || seed.deadlineInHours === undefined ? null : new Date(Date.now() + seed.deadlineInHours * 3600_000),
      createdAt,
    },
  });
}
