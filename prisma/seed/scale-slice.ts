// One slice of scale data, as parallel column arrays ready for INSERT … SELECT FROM unnest(…). A slice only
// refers to its own accounts and posts, so slices can be written independently.
import crypto from "node:crypto";
import type { QueueKind } from "../../server/db/generated/enums.ts";
import {
  computePriority,
  hoursUntil,
  queueSlaHours,
  severityForCategory,
  type Category,
} from "../../server/domain/cases/priority.ts";
import { keyframeAtMs, KEYFRAMES_PER_POST, keyframeUrl, posterUrl } from "./posts.ts";
import { basePrompt, COUNTRIES, displayName, riskyPrompt, transcriptFor } from "./prompts.ts";
import { HOUR, Rng } from "./random.ts";
import { REPORT_REASON } from "./reports.ts";

export const SLICE = 10_000;

const QUEUES: readonly (readonly [QueueKind, number])[] = [
  ["flagged_generation", 55],
  ["user_report", 25],
  ["deepfake_report", 12],
  ["likeness_complaint", 8],
];
const QUEUE_CATEGORIES: Record<string, Category[]> = {
  flagged_generation: ["violence", "hate", "ncii", "self_harm", "spam", "scam", "copyright", "minor_safety"],
  user_report: ["harassment", "hate", "spam", "scam", "violence", "impersonation"],
  deepfake_report: ["deepfake_nonconsensual", "ncii"],
  likeness_complaint: ["likeness_misuse"],
};
const MODEL: Partial<Record<Category, string>> = {
  violence: "vigil-violence-v2",
  self_harm: "vigil-violence-v2",
  hate: "vigil-speech-v2",
  ncii: "vigil-nsfw-v3",
  minor_safety: "vigil-minor-safety-v1",
  spam: "vigil-scam-v1",
  scam: "vigil-scam-v1",
  copyright: "audio-fingerprint-v1",
};

/** Rows of one table as parallel column arrays, the shape unnest() wants. */
export type Columns = Record<string, unknown[]>;

function columns<K extends string>(...names: K[]): Record<K, unknown[]> {
  return Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<K, unknown[]>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildSlice(runId: string, sliceIndex: number, count: number, nowMs: number) {
  const rng = new Rng(`${runId}:${sliceIndex}`);
  const base = sliceIndex * SLICE;
  const accountCount = Math.max(1, Math.ceil(count / 3));
  const accountBase = sliceIndex * Math.ceil(SLICE / 3);

  const accounts = columns(
    "id",
    "handle",
    "displayName",
    "country",
    "reportsFiled",
    "reportsActioned",
    "createdAt",
    "updatedAt",
  );
  const accuracy: { filed: number; actioned: number }[] = [];
  for (let i = 0; i < accountCount; i++) {
    const n = accountBase + i + 1;
    const name = displayName(rng);
    const filed = rng.chance(0.3) ? rng.pareto(1, 1.2, 300) : 0;
    const actioned = Math.round(filed * rng.next());
    accuracy.push({ filed, actioned });
    accounts.id.push(`sacc_${runId}_${n}`);
    accounts.handle.push(
      `${name
        .split(" ")[0]!
        .toLowerCase()
        .normalize("NFD")
        .replace(/[^a-z]/g, "")}${n}_${runId}`,
    );
    accounts.displayName.push(name);
    accounts.country.push(rng.weighted(COUNTRIES));
    accounts.reportsFiled.push(filed);
    accounts.reportsActioned.push(actioned);
    accounts.createdAt.push(iso(nowMs - rng.float(2, 200) * 24 * HOUR));
    accounts.updatedAt.push(iso(nowMs));
  }

  const posts = columns(
    "id",
    "creatorId",
    "prompt",
    "transcript",
    "durationMs",
    "posterUrl",
    "remixOfId",
    "viewCount",
    "remixCount",
    "hasC2pa",
    "hasWatermark",
    "contentHash",
    "createdAt",
    "updatedAt",
    "hashScannedAt",
  );
  const hashes = crypto.randomBytes(32 * count).toString("hex");
  const meta: { risk: Category | null; creator: number; createdAt: number; views: number }[] = [];
  for (let i = 0; i < count; i++) {
    const id = `spost_${runId}_${base + i + 1}`;
    const creator = rng.skewedIndex(accountCount);
    const risky = rng.chance(0.2);
    const risk = risky ? rng.pick(QUEUE_CATEGORIES[rng.weighted(QUEUES)]!) : null;
    const createdAt = nowMs - 60_000 - 120 * 24 * HOUR * rng.next() ** 2;
    const views = rng.pareto(20, 1.05, 9_000_000);
    let remixOf: number | null = null;
    if (i > 10 && rng.chance(0.15)) {
      remixOf = rng.int(0, i - 1);
      posts.remixCount[remixOf] = (posts.remixCount[remixOf] as number) + 1;
    }
    posts.id.push(id);
    posts.creatorId.push(accounts.id[creator]);
    posts.prompt.push(risk ? riskyPrompt(rng, risk) : basePrompt(rng));
    posts.transcript.push(transcriptFor(rng));
    posts.durationMs.push(rng.int(4000, 20000));
    posts.posterUrl.push(posterUrl(id));
    posts.remixOfId.push(remixOf === null ? null : posts.id[remixOf]);
    posts.viewCount.push(views);
    posts.remixCount.push(0);
    posts.hasC2pa.push(rng.chance(0.95));
    posts.hasWatermark.push(rng.chance(0.95));
    posts.contentHash.push(hashes.slice(i * 64, i * 64 + 64));
    posts.createdAt.push(iso(createdAt));
    posts.updatedAt.push(iso(nowMs));
    // Scale data counts as already compared with the hash bank, like a database the matcher has caught up on.
    posts.hashScannedAt.push(iso(createdAt));
    meta.push({ risk, creator, createdAt, views });
  }

  const keyframes = columns("postId", "index", "atMs", "imageUrl", "phash");
  const cases = columns(
    "id",
    "queue",
    "subjectType",
    "subjectKey",
    "postId",
    "status",
    "priority",
    "priorityComponents",
    "deadlineAt",
    "category",
    "maxScore",
    "hasCameo",
    "signalCount",
    "reporterCount",
    "creatorHandle",
    "prompt",
    "createdAt",
    "updatedAt",
    "lastChangedAt",
  );
  const signals = columns(
    "id",
    "kind",
    "subjectType",
    "postId",
    "caseId",
    "platformEventId",
    "reporterId",
    "category",
    "model",
    "score",
    "reason",
    "occurredAt",
    "receivedAt",
  );
  const caseCount = Math.round(count / 8);
  const stride = count / Math.max(1, caseCount);
  const phashes = crypto.randomBytes(32 * KEYFRAMES_PER_POST * caseCount).toString("hex");
  for (let c = 0; c < caseCount; c++) {
    const p = Math.min(count - 1, Math.floor(c * stride + rng.next() * stride));
    const post = meta[p]!;
    const postId = posts.id[p] as string;
    const queue = rng.weighted(QUEUES);
    const category =
      post.risk && QUEUE_CATEGORIES[queue]!.includes(post.risk) ? post.risk : rng.pick(QUEUE_CATEGORIES[queue]!);
    const createdAt = Math.max(post.createdAt + 60_000, nowMs - queueSlaHours[queue] * 1.3 * HOUR * rng.next() ** 1.6);
    const caseId = rng.uuid7(createdAt);
    const isFlag = queue === "flagged_generation";
    const signalCount = rng.chance(0.6) ? 2 : 1;
    const reporters: number[] = [];
    let maxScore: number | null = null;
    for (let s = 0; s < signalCount; s++) {
      const at = s === 0 ? createdAt : createdAt + rng.next() * (nowMs - createdAt);
      const flag = isFlag && s === 0;
      const score = flag ? Math.round((1 - 0.45 * rng.next() ** 1.5) * 1000) / 1000 : null;
      if (score !== null) maxScore = score;
      let reporter: number | null = null;
      if (!flag) {
        reporter = rng.int(0, accountCount - 1);
        if (reporter === post.creator || reporters.includes(reporter)) reporter = null;
        else reporters.push(reporter);
      }
      signals.id.push(rng.uuid7(at));
      signals.kind.push(
        flag
          ? "classifier_flag"
          : queue === "deepfake_report"
            ? "deepfake_report"
            : queue === "likeness_complaint"
              ? "likeness_complaint"
              : "user_report",
      );
      signals.subjectType.push("post");
      signals.postId.push(postId);
      signals.caseId.push(caseId);
      signals.platformEventId.push(`evt_${runId}_${base}_${c}_${s}`);
      signals.reporterId.push(reporter === null ? null : accounts.id[reporter]);
      signals.category.push(category);
      signals.model.push(flag ? (MODEL[category] ?? "vigil-nsfw-v3") : null);
      signals.score.push(score);
      signals.reason.push(flag ? null : REPORT_REASON[category]);
      signals.occurredAt.push(iso(at));
      signals.receivedAt.push(iso(at + 1500));
    }
    const deadlineAt = createdAt + queueSlaHours[queue] * HOUR;
    const priority = computePriority({
      severity: severityForCategory(category),
      maxScore,
      reporters: reporters.map((r) => ({ reportsFiled: accuracy[r]!.filed, reportsActioned: accuracy[r]!.actioned })),
      reach: { views: post.views, remixes: posts.remixCount[p] as number },
      hoursToDeadline: hoursUntil(new Date(deadlineAt), new Date(nowMs)),
    });
    cases.id.push(caseId);
    cases.queue.push(queue);
    cases.subjectType.push("post");
    cases.subjectKey.push(`post:${postId}`);
    cases.postId.push(postId);
    cases.status.push("open");
    cases.priority.push(priority.score);
    cases.priorityComponents.push(JSON.stringify(priority.components));
    cases.deadlineAt.push(iso(deadlineAt));
    cases.category.push(category);
    cases.maxScore.push(maxScore);
    cases.hasCameo.push(false);
    cases.signalCount.push(signalCount);
    cases.reporterCount.push(reporters.length);
    cases.creatorHandle.push(accounts.handle[post.creator]);
    cases.prompt.push(posts.prompt[p]);
    cases.createdAt.push(iso(createdAt));
    cases.updatedAt.push(iso(nowMs));
    cases.lastChangedAt.push(iso(createdAt));
    // reviewers open the evidence of posts with cases, so those get keyframes
    for (let k = 0; k < KEYFRAMES_PER_POST; k++) {
      keyframes.postId.push(postId);
      keyframes.index.push(k);
      keyframes.atMs.push(keyframeAtMs(posts.durationMs[p] as number, k));
      keyframes.imageUrl.push(keyframeUrl(postId, k));
      const o = (c * KEYFRAMES_PER_POST + k) * 64;
      keyframes.phash.push(phashes.slice(o, o + 64));
    }
  }
  return { accounts, posts, keyframes, cases, signals };
}
