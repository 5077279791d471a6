// Revoking a grant whose grantee posted 10,000 videos with the cameo: the whole cascade (decisions, post changes,
// audit rows with their hash chain, outbox events, the action's progress) from approval to completion, against the
// same row writes done as four bare set-based statements with no checks, no chain and no chunking.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import { approveCameoAction, requestGrantRevocation } from "../../server/domain/cameos/actions.ts";
import { runCameoAction } from "../../server/domain/cameos/run-action.ts";
import type { Measure } from "./support.ts";
import { sql } from "../../server/db/sql.ts";

const POSTS = Number(process.env.BENCH_CASCADE_POSTS ?? 10_000);

async function cameoWithPosts(db: Database, run: string) {
  const at = new Date("2026-01-01T00:00:00Z");
  const [owner, grantee] = [`${run}-owner`, `${run}-grantee`];
  await db.prisma.account.createMany({
    data: [owner, grantee].map((id) => ({ id, handle: id, displayName: id, createdAt: at })),
  });
  await db.prisma.cameo.create({ data: { id: `${run}-cameo`, ownerId: owner, permission: "approved", createdAt: at } });
  await db.prisma.cameoGrant.create({
    data: { id: `${run}-grant`, cameoId: `${run}-cameo`, granteeId: grantee, createdAt: at },
  });
  await db.sql.query(
    `INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "createdAt", "updatedAt")
     SELECT $1 || '-p' || i, $2, 'bench remix', 8000, '/media/poster.svg', md5($1 || i::text), now(), now() FROM generate_series(1, $3::int) AS i`,
    [run, grantee, POSTS],
  );
  await db.sql.query(
    `INSERT INTO "CameoAppearance" ("postId", "cameoId") SELECT $1 || '-p' || i, $1 || '-cameo' FROM generate_series(1, $2::int) AS i`,
    [run, POSTS],
  );
  return { grantId: `${run}-grant`, cameoId: `${run}-cameo` };
}

async function staffPair(db: Database, run: string) {
  const make = (n: number) =>
    db.prisma.staffUser.create({
      data: { email: `${run}-${n}@bench.test`, displayName: `Bench ${n}`, role: "staff", passwordHash: "x" },
      select: { id: true },
    });
  return [await make(1), await make(2)] as const;
}

export const measures: Measure[] = [
  {
    name: "cameo_cascade_10k_s",
    async run(ctx) {
      const run = `cc${Date.now().toString(36)}`;
      const { grantId } = await cameoWithPosts(ctx.db, run);
      const [requester, approver] = await staffPair(ctx.db, run);
      const policy = await ctx.db.prisma.policy.findFirstOrThrow({ where: { active: true } });
      const now = new Date();

      const action = await requestGrantRevocation(
        ctx.db,
        { grantId, mode: "take_down", policyId: policy.id, reason: "Bench: consent withdrawn" },
        requester,
        now,
      );
      await approveCameoAction(ctx.db, { actionId: action.id }, approver, now);
      const started = performance.now();
      await runCameoAction(ctx.db, action.id, {
        onProgress: (done, total) => ctx.log(`bench: cascade ${done}/${total} posts`),
      });
      const value = (performance.now() - started) / 1000;
      const decisions = await ctx.db.prisma.decision.count({ where: { batchId: action.batchId } });
      const events = await ctx.db.prisma.outboxEvent.count({ where: { decision: { batchId: action.batchId } } });
      const audit = await ctx.db.prisma.auditLog.count({ where: { batchId: action.batchId } });
      if (decisions !== POSTS + 1 || events !== POSTS + 1 || audit < POSTS + 1) {
        throw new Error(
          `cascade incomplete: ${decisions} decisions, ${events} outbox events, ${audit} audit rows for ${POSTS} posts`,
        );
      }
      ctx.log(`bench: ${decisions} decisions, ${events} outbox events, ${audit} audit rows`);

      // Baseline: the same writes on another 10,000 posts as four bare statements in one transaction.
      const base = await cameoWithPosts(ctx.db, `${run}b`);
      const t = performance.now();
      await ctx.db.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw(
            sql`UPDATE "Post" p SET "visibility" = 'taken_down' FROM "CameoAppearance" ca WHERE ca."postId" = p."id" AND ca."cameoId" = ${base.cameoId}`,
          );
          const batch = crypto.randomUUID();
          await tx.$executeRaw(
            sql`INSERT INTO "Decision" ("id", "type", "subjectType", "postId", "cameoId", "reason", "batchId", "authority", "createdAt")
           SELECT gen_random_uuid(), 'take_down_post', 'post', ca."postId", ca."cameoId", 'baseline', ${batch}::uuid, 'staff', now() FROM "CameoAppearance" ca WHERE ca."cameoId" = ${base.cameoId}`,
          );
          await tx.$executeRaw(
            sql`INSERT INTO "OutboxEvent" ("id", "type", "subjectKey", "payload", "decisionId", "createdAt", "nextAttemptAt")
           SELECT gen_random_uuid(), 'post.taken_down', 'post:' || d."postId", jsonb_build_object('postId', d."postId"), d."id", now(), now()
             FROM "Decision" d WHERE d."batchId" = ${batch}::uuid`,
          );
          await tx.$executeRaw(
            sql`INSERT INTO "AuditLog" ("at", "actorType", "action", "subjectType", "subjectId", "batchId", "details", "prevHash", "hash")
           SELECT now(), 'system', 'baseline', 'post', d."postId", d."batchId", '{}', '', md5(d."id"::text) FROM "Decision" d WHERE d."batchId" = ${batch}::uuid`,
          );
        },
        { timeout: 120_000 },
      );
      const baseline = (performance.now() - t) / 1000;
      return { value, baseline };
    },
  },
];
