// Small, explicit domain fixtures for tests: an account, a post and an open case, with only what a test states.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import type { CaseStatus, QueueKind } from "../../server/db/generated/enums.ts";
import { sql } from "../../server/db/sql.ts";

let counter = 0;
const uid = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString("hex")}`;

export async function insertAccount(db: Database, handle?: string) {
  const id = uid("acc");
  return db.prisma.account.create({
    data: { id, handle: handle ?? id, displayName: handle ?? id, createdAt: new Date("2026-01-01T00:00:00Z") },
  });
}

export async function insertPost(
  db: Database,
  creatorId: string,
  prompt = "a cat playing piano in the rain",
  contentHash?: string,
) {
  const id = uid("post");
  return db.prisma.post.create({
    data: {
      id,
      creatorId,
      prompt,
      durationMs: 8_000,
      posterUrl: `/media/posts/${id}/poster.svg`,
      contentHash: contentHash ?? crypto.createHash("sha256").update(id).digest("hex"),
      createdAt: new Date("2026-01-02T00:00:00Z"),
    },
  });
}

export interface CaseFixture {
  queue?: QueueKind;
  status?: CaseStatus;
  priority?: number;
  createdAt?: Date;
  resolvedAt?: Date | null;
  deadlineAt?: Date | null;
  category?: string;
  maxScore?: number;
  hasCameo?: boolean;
  reporterCount?: number;
  prompt?: string;
  creatorHandle?: string;
}

/** An open case about a fresh post, with the denormalised columns the queue list filters on. */
export async function insertCase(db: Database, f: CaseFixture = {}) {
  const creator = await insertAccount(db, f.creatorHandle);
  const post = await insertPost(db, creator.id, f.prompt);
  return db.prisma.case.create({
    data: {
      queue: f.queue ?? "flagged_generation",
      subjectType: "post",
      subjectKey: `post:${post.id}`,
      postId: post.id,
      status: f.status ?? "open",
      priority: f.priority ?? 50,
      createdAt: f.createdAt ?? new Date(),
      resolvedAt: f.resolvedAt ?? null,
      deadlineAt: f.deadlineAt === undefined ? new Date(Date.now() + 86_400_000) : f.deadlineAt,
      category: f.category ?? "violence",
      maxScore: f.maxScore ?? 0.5,
      hasCameo: f.hasCameo ?? false,
      reporterCount: f.reporterCount ?? 0,
      signalCount: 1,
      prompt: post.prompt,
      creatorHandle: creator.handle,
    },
  });
}

/** Many open cases in one queue at once (one account, a post per case), with distinct priorities. */
export async function insertManyCases(
  db: Database,
  count: number,
  queue: QueueKind = "flagged_generation",
  prefix = uid("bulk"),
) {
  const creatorId = `${prefix}-creator`;
  await db.prisma.account.create({
    data: {
      id: creatorId,
      handle: creatorId,
      displayName: "Bulk creator",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  const posts = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-p${i}`,
    creatorId,
    prompt: `bulk clip ${i}`,
    durationMs: 5_000,
    posterUrl: `/media/posts/${prefix}-p${i}/poster.svg`,
    contentHash: crypto.createHash("sha256").update(`${prefix}${i}`).digest("hex"),
    createdAt: new Date("2026-01-02T00:00:00Z"),
  }));
  await db.prisma.post.createMany({ data: posts });
  const cases = posts.map((p, i) => ({
    id: crypto.randomUUID(),
    queue,
    subjectType: "post" as const,
    subjectKey: `post:${p.id}`,
    postId: p.id,
    priority: 1_000 - i / 10,
    category: "violence",
    signalCount: 1,
    creatorHandle: creatorId,
    prompt: p.prompt,
    deadlineAt: new Date(Date.now() + 86_400_000),
  }));
  await db.prisma.case.createMany({ data: cases });
  return cases.map((c) => c.id);
}

export async function insertCameo(
  db: Database,
  ownerId: string,
  permission: "only_me" | "approved" | "mutuals" | "everyone" = "approved",
) {
  return db.prisma.cameo.create({
    data: { id: uid("cam"), ownerId, permission, createdAt: new Date("2026-01-01T12:00:00Z") },
  });
}

export async function insertGrant(db: Database, cameoId: string, granteeId: string) {
  return db.prisma.cameoGrant.create({
    data: { id: uid("grant"), cameoId, granteeId, createdAt: new Date("2026-01-01T13:00:00Z") },
  });
}

/** `count` posts by one creator, each featuring the cameo, written in two statements however many there are. */
export async function insertCameoPosts(
  db: Database,
  creatorId: string,
  cameoId: string,
  count: number,
): Promise<string[]> {
  const prefix = uid("cpost");
  const rows = await db.prisma.$queryRaw<{ id: string }[]>(
    sql`INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "createdAt", "updatedAt")
     SELECT ${prefix} || '_' || lpad(i::text, 6, '0'), ${creatorId}, 'a remix with a friend', 8000, '/media/poster.svg', md5(${prefix} || i::text), now(), now()
       FROM generate_series(1, ${count}::int) AS i
     RETURNING "id"`,
  );
  await db.prisma.$executeRaw(
    sql`INSERT INTO "CameoAppearance" ("postId", "cameoId") SELECT unnest(${rows.map((r) => r.id)}::text[]), ${cameoId}`,
  );
  return rows.map((r) => r.id).sort();
}

/** A complete DMCA counter-notice from the uploader, as staff record it. */
export function counterNoticeInput(requestId: string, postId: string, receivedAt: string) {
  return {
    requestId,
    postId,
    name: "Sam Uploader",
    address: "1 Main St, Springfield, IL",
    phone: "+1 555 0100",
    signature: "/Sam Uploader/",
    statement: "I swear under penalty of perjury that the video was removed by mistake; it is my own work.",
    consentToJurisdiction: true as const,
    receivedAt,
  };
}

/** What a moderator's take-down of a violent post says: reason and statement of reasons, made by a person. */
export function violenceTakeDown() {
  return {
    action: "take_down_post" as const,
    reason: "Graphic violence against a real person",
    statement: {
      dsaGround: "incompatible_content" as const,
      dsaCategory: "STATEMENT_CATEGORY_VIOLENCE" as const,
      visibility: "removed" as const,
      automatedDetection: false,
      automatedDecision: false,
      territorialScope: ["WORLD"],
    },
  };
}
