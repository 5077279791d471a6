// One case as its reviewer sees it: only a case whose content the viewer may see, and every view of its
// evidence is written to the audit log.
import type { Database } from "../../db/client.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visibleCase } from "../access/content-visibility.ts";
import { similarRemovedContent } from "../hashbank/similar.ts";
import { DEFAULT_MAX_DISTANCE } from "../hashbank/scan.ts";
import { getCaseDetail } from "./case-detail.ts";
import { framePairs } from "../media/post-media-view.ts";
import { isPostVisible } from "../access/content-visibility.ts";
import { notFound } from "../../lib/errors.ts";

/** The whole case for review; the view is audited. */
export async function viewCase(db: Database, caseId: string, access: ContentAccess, viewer: StaffActor, now: Date) {
  await visibleCase(db, access, caseId);
  const detail = await getCaseDetail(db, caseId, access, viewer, now);
  await db.prisma.$transaction((tx) =>
    appendAudit(
      tx,
      { ...staffAuditActor(viewer), action: "case.view", subjectType: "case", subjectId: caseId, caseId },
      now,
    ),
  );
  return detail;
}

/** Removed posts whose file or video match the case's post, closest first (empty for other subjects). */
export async function similarRemovedForCase(db: Database, caseId: string, access: ContentAccess) {
  const c = await visibleCase(db, access, caseId);
  return c.postId ? similarRemovedContent(db, c.postId, { maxDistance: DEFAULT_MAX_DISTANCE }, access) : [];
}

/** The frames of the case's post that match a removed post's video, paired, with the matched stretches of time. */
export async function mediaMatchForCase(db: Database, caseId: string, matchedPostId: string, access: ContentAccess) {
  const c = await visibleCase(db, access, caseId);
  if (!c.postId || !(await isPostVisible(db.prisma, access, matchedPostId))) throw notFound("Post");
  return framePairs(db.prisma, c.postId, matchedPostId, { maxDistance: DEFAULT_MAX_DISTANCE });
}
