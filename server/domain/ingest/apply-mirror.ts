// Mirrors the platform's own records (accounts, posts, cameos, grants, appearances) from ingested events.
import type { EventOf } from "../../contracts/platform-events.ts";
import type { Tx } from "../../db/tx.ts";
import { execRows, lastById, sql } from "../../db/sql.ts";

export async function upsertAccounts(tx: Tx, events: EventOf<"account.upserted">[], now: string) {
  const rows = lastById(
    events.map((e) => e.data),
    (d) => d.id,
  );
  if (rows.length === 0) return;
  // A handle can move between accounts on the platform; the newest owner keeps it, the old one falls back to its id.
  await tx.$executeRaw(
    sql`UPDATE "Account" SET "handle" = "id" WHERE "handle" = ANY(${rows.map((r) => r.handle)}::text[]) AND NOT ("id" = ANY(${rows.map((r) => r.id)}::text[]))`,
  );
  const lastHandleOwner = new Map(rows.map((r) => [r.handle, r.id]));
  const deduped = rows.map((r) => (lastHandleOwner.get(r.handle) === r.id ? r : { ...r, handle: r.id }));
  await execRows(
    tx,
    deduped,
    (json) =>
      sql`INSERT INTO "Account" ("id", "handle", "displayName", "email", "country", "status", "createdAt", "updatedAt")
     SELECT x."id", x."handle", x."displayName", x."email", x."country", COALESCE(x."status", 'active')::"AccountStatus",
            x."createdAt"::timestamptz, ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "handle" text, "displayName" text, "email" text, "country" text, "status" text, "createdAt" text)
     ON CONFLICT ("id") DO UPDATE SET "handle" = EXCLUDED."handle", "displayName" = EXCLUDED."displayName",
       "email" = COALESCE(EXCLUDED."email", "Account"."email"),
       "country" = COALESCE(EXCLUDED."country", "Account"."country"), "updatedAt" = EXCLUDED."updatedAt"`,
  );
  await execRows(
    tx,
    deduped.filter((r) => r.status),
    (json) =>
      sql`UPDATE "Account" a SET "status" = x."status"::"AccountStatus"
       FROM jsonb_to_recordset(${json}) AS x("id" text, "status" text) WHERE a."id" = x."id"`,
  );
}

export async function upsertPosts(tx: Tx, events: EventOf<"post.published">[], now: string) {
  const rows = lastById(
    events.map((e) => e.data),
    (d) => d.id,
  );
  if (rows.length === 0) return;
  await execRows(
    tx,
    rows,
    (json) =>
      sql`INSERT INTO "Post" ("id", "creatorId", "prompt", "transcript", "durationMs", "posterUrl", "remixOfId", "viewCount",
                         "remixCount", "hasC2pa", "hasWatermark", "contentHash", "createdAt", "updatedAt")
     SELECT x."id", x."creatorId", x."prompt", x."transcript", x."durationMs", '/media/posts/' || x."id" || '/poster.svg',
            x."remixOfId", x."viewCount", x."remixCount", x."hasC2pa", x."hasWatermark", x."contentHash",
            x."createdAt"::timestamptz, ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "creatorId" text, "prompt" text, "transcript" text, "durationMs" int,
            "remixOfId" text, "viewCount" int, "remixCount" int, "hasC2pa" boolean, "hasWatermark" boolean, "contentHash" text,
            "createdAt" text)
     ON CONFLICT ("id") DO UPDATE SET "prompt" = EXCLUDED."prompt", "transcript" = EXCLUDED."transcript",
       "viewCount" = EXCLUDED."viewCount", "remixCount" = EXCLUDED."remixCount", "hasC2pa" = EXCLUDED."hasC2pa",
       "hasWatermark" = EXCLUDED."hasWatermark", "updatedAt" = EXCLUDED."updatedAt"`,
  );
  await tx.$executeRaw(sql`DELETE FROM "PostKeyframe" WHERE "postId" = ANY(${rows.map((r) => r.id)}::text[])`);
  await execRows(
    tx,
    rows.flatMap((r) => r.keyframes.map((k) => ({ postId: r.id, ...k }))),
    (json) =>
      sql`INSERT INTO "PostKeyframe" ("postId", "index", "atMs", "imageUrl", "phash")
     SELECT x."postId", x."index", x."atMs", '/media/posts/' || x."postId" || '/keyframes/' || x."index" || '.svg', x."phash"
       FROM jsonb_to_recordset(${json}) AS x("postId" text, "index" int, "atMs" int, "phash" text)
     ON CONFLICT DO NOTHING`,
  );
  await queuePostMedia(
    tx,
    rows.flatMap((r) => (r.media ? [{ postId: r.id, media: r.media }] : [])),
    now,
  );
}

type MediaRef = NonNullable<EventOf<"post.published">["data"]["media"]>;

/**
 * Queues the fetch of each post's file. A URL sent again for a file Vigil already holds (same declared SHA-256)
 * changes nothing; any other new URL starts over: fetched, stored and processed again. A post the hash bank
 * matcher has already looked at is looked at again once the new media is ready.
 */
export async function queuePostMedia(tx: Tx, items: { postId: string; media: MediaRef }[], now: string) {
  const rows = lastById(items, (i) => i.postId).map(({ postId, media }) => ({
    postId,
    url: media.url,
    mimeType: media.mimeType ?? null,
    sha256: media.sha256 ?? null,
    bytes: media.bytes ?? null,
  }));
  if (rows.length === 0) return;
  await execRows(
    tx,
    rows,
    (json) =>
      sql`INSERT INTO "PostMedia" ("postId", "sourceUrl", "declaredType", "declaredSha256", "declaredBytes", "status", "attempts",
                              "nextAttemptAt", "rescan", "createdAt", "updatedAt")
     SELECT x."postId", x."url", x."mimeType", x."sha256", x."bytes", 'pending', 0, ${now}::timestamptz,
            p."hashScannedAt" IS NOT NULL, ${now}::timestamptz, ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("postId" text, "url" text, "mimeType" text, "sha256" text, "bytes" int)
       JOIN "Post" p ON p."id" = x."postId"
     ON CONFLICT ("postId") DO UPDATE SET "sourceUrl" = EXCLUDED."sourceUrl", "declaredType" = EXCLUDED."declaredType",
       "declaredSha256" = EXCLUDED."declaredSha256", "declaredBytes" = EXCLUDED."declaredBytes", "status" = 'pending',
       "attempts" = 0, "nextAttemptAt" = EXCLUDED."nextAttemptAt", "errorCode" = NULL, "error" = NULL,
       "rescan" = EXCLUDED."rescan", "updatedAt" = EXCLUDED."updatedAt"
     WHERE NOT ("PostMedia"."status" = 'ready' AND EXCLUDED."declaredSha256" IS NOT NULL
                AND "PostMedia"."sha256" IS NOT DISTINCT FROM EXCLUDED."declaredSha256")`,
  );
}

export async function updatePosts(tx: Tx, events: EventOf<"post.updated">[], now: string) {
  // Later updates of the same post in one batch overlay earlier ones field by field.
  const merged = new Map<string, EventOf<"post.updated">["data"]>();
  for (const e of events) merged.set(e.data.id, { ...merged.get(e.data.id), ...e.data });
  await execRows(
    tx,
    [...merged.values()],
    (json) =>
      sql`UPDATE "Post" p SET "viewCount" = COALESCE(x."viewCount", p."viewCount"), "remixCount" = COALESCE(x."remixCount", p."remixCount"),
            "transcript" = COALESCE(x."transcript", p."transcript"), "updatedAt" = ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "viewCount" int, "remixCount" int, "transcript" text)
      WHERE p."id" = x."id"`,
  );
  await queuePostMedia(
    tx,
    events.flatMap((e) => (e.data.media ? [{ postId: e.data.id, media: e.data.media }] : [])),
    now,
  );
}

export async function deletePosts(tx: Tx, events: EventOf<"post.deleted">[], now: string) {
  if (events.length === 0) return;
  await tx.$executeRaw(
    sql`UPDATE "Post" SET "visibility" = 'deleted', "updatedAt" = ${now}::timestamptz WHERE "id" = ANY(${events.map((e) => e.data.id)}::text[])`,
  );
}

export async function upsertCameos(tx: Tx, events: EventOf<"cameo.upserted">[], now: string) {
  await execRows(
    tx,
    lastById(
      events.map((e) => e.data),
      (d) => d.id,
    ),
    (json) =>
      sql`INSERT INTO "Cameo" ("id", "ownerId", "permission", "restrictions", "verifiedAt", "createdAt", "updatedAt")
     SELECT x."id", x."ownerId", x."permission"::"CameoPermission", x."restrictions", x."verifiedAt"::timestamptz,
            x."createdAt"::timestamptz, ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "ownerId" text, "permission" text, "restrictions" text, "verifiedAt" text, "createdAt" text)
     ON CONFLICT ("id") DO UPDATE SET "permission" = EXCLUDED."permission", "restrictions" = EXCLUDED."restrictions",
       "verifiedAt" = COALESCE(EXCLUDED."verifiedAt", "Cameo"."verifiedAt"), "updatedAt" = EXCLUDED."updatedAt"`,
  );
}

export async function upsertGrants(tx: Tx, events: EventOf<"cameo.grant.changed">[]) {
  // The cameo-grantee pair is the grant's identity; the platform's grant id is kept from the first time it is seen.
  await execRows(
    tx,
    lastById(
      events.map((e) => e.data),
      (d) => `${d.cameoId}\u0000${d.granteeId}`,
    ),
    (json) =>
      sql`INSERT INTO "CameoGrant" ("id", "cameoId", "granteeId", "status", "createdAt", "revokedAt")
     SELECT x."id", x."cameoId", x."granteeId", x."status"::"GrantStatus", x."changedAt"::timestamptz,
            CASE WHEN x."status" = 'revoked' THEN x."changedAt"::timestamptz END
       FROM jsonb_to_recordset(${json}) AS x("id" text, "cameoId" text, "granteeId" text, "status" text, "changedAt" text)
     ON CONFLICT ("cameoId", "granteeId") DO UPDATE SET "status" = EXCLUDED."status", "revokedAt" = EXCLUDED."revokedAt"`,
  );
}

export async function addAppearances(tx: Tx, pairs: { postId: string; cameoId: string }[]) {
  await execRows(
    tx,
    lastById(pairs, (p) => `${p.postId}\u0000${p.cameoId}`),
    (json) =>
      sql`INSERT INTO "CameoAppearance" ("postId", "cameoId")
     SELECT x."postId", x."cameoId" FROM jsonb_to_recordset(${json}) AS x("postId" text, "cameoId" text)
     ON CONFLICT DO NOTHING`,
  );
}
