// A named likeness case every demo has, so a walkthrough (and the end-to-end test) can follow it: Noor's friend
// Riley was allowed to use Noor's cameo, posted three videos with it, and Noor now withdraws consent. Noor's own
// video and a third friend's video use the same cameo and must stay up. Also the protected-likeness register.
import type { Prisma } from "../../server/db/generated/client.ts";
import type { Database } from "../../server/db/client.ts";
import { computePriority, severityForCategory } from "../../server/domain/cases/priority.ts";
import { requestCameoDisable } from "../../server/domain/cameos/actions.ts";

export const LIKENESS_SCENARIO = {
  owner: { id: "acc_demo_noor", handle: "noor_okafor", displayName: "Noor Okafor", email: "noor@users.example" },
  grantee: { id: "acc_demo_riley", handle: "riley_remixes", displayName: "Riley Remixes" },
  third: { id: "acc_demo_jo", handle: "jo_fanpage", displayName: "Jo Fanpage" },
  cameoId: "cam_demo_noor",
  granteePostIds: ["post_demo_riley_1", "post_demo_riley_2", "post_demo_riley_3"],
  ownPostId: "post_demo_noor_1",
  thirdPostId: "post_demo_jo_1",
} as const;

const PROMPTS = [
  "noor and riley dancing on a rooftop at sunset",
  "noor giving a fake product endorsement for energy drinks",
  "noor singing karaoke badly in a neon bar",
];

export async function seedLikenessScenario(db: Database, now: Date, staffId: string): Promise<void> {
  const s = LIKENESS_SCENARIO;
  const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
  await db.prisma.$transaction(async (tx) => {
    await tx.account.createMany({
      data: [
        { ...s.owner, country: "GB", reportsFiled: 1, createdAt: hours(24 * 90) },
        { ...s.grantee, country: "US", createdAt: hours(24 * 80) },
        { ...s.third, country: "IE", createdAt: hours(24 * 70) },
      ],
    });
    await tx.cameo.create({
      data: {
        id: s.cameoId,
        ownerId: s.owner.id,
        permission: "approved",
        restrictions: "No ads or endorsements. Nothing political.",
        verifiedAt: hours(24 * 89),
        verificationMethod: "liveness_video",
        createdAt: hours(24 * 89),
      },
    });
    await tx.cameoGrant.createMany({
      data: [
        { id: "grant_demo_riley", cameoId: s.cameoId, granteeId: s.grantee.id, createdAt: hours(24 * 60) },
        { id: "grant_demo_jo", cameoId: s.cameoId, granteeId: s.third.id, createdAt: hours(24 * 50) },
      ],
    });
    const post = (id: string, creatorId: string, prompt: string, ageHours: number) => ({
      id,
      creatorId,
      prompt,
      durationMs: 9_000,
      posterUrl: `/media/posts/${id}/poster.svg`,
      contentHash: `demo-${id}`,
      viewCount: 1_200 + ageHours * 10,
      createdAt: hours(ageHours),
      hashScannedAt: hours(ageHours),
    });
    await tx.post.createMany({
      data: [
        ...s.granteePostIds.map((id, i) => post(id, s.grantee.id, PROMPTS[i]!, 30 - i * 5)),
        post(s.ownPostId, s.owner.id, "me, noor, introducing my cameo to friends", 200),
        post(s.thirdPostId, s.third.id, "jo and noor at the beach, a birthday message", 60),
      ],
    });
    await tx.cameoAppearance.createMany({
      data: [...s.granteePostIds, s.ownPostId, s.thirdPostId].map((postId) => ({ postId, cameoId: s.cameoId })),
    });

    const complaintAt = hours(3);
    const deadlineAt = new Date(complaintAt.getTime() + 24 * 3_600_000);
    const priority = computePriority({
      severity: severityForCategory("likeness_misuse"),
      maxScore: null,
      reporters: [{ reportsFiled: 1, reportsActioned: 0 }],
      reach: { views: 0, remixes: 0 },
      hoursToDeadline: (deadlineAt.getTime() - now.getTime()) / 3_600_000,
    });
    const kase = await tx.case.create({
      data: {
        queue: "likeness_complaint",
        subjectType: "cameo",
        subjectKey: `cameo:${s.cameoId}`,
        cameoId: s.cameoId,
        category: "likeness_misuse",
        hasCameo: true,
        signalCount: 1,
        reporterCount: 1,
        priority: priority.score,
        priorityComponents: priority.components as unknown as Prisma.InputJsonObject,
        creatorHandle: s.owner.handle,
        deadlineAt,
        createdAt: complaintAt,
        lastChangedAt: complaintAt,
      },
    });
    await tx.signal.create({
      data: {
        kind: "likeness_complaint",
        subjectType: "cameo",
        cameoId: s.cameoId,
        caseId: kase.id,
        reporterId: s.owner.id,
        category: "likeness_misuse",
        reason: "consent_withdrawn",
        text: "I let Riley use my cameo for fun videos, but they made me endorse an energy drink. I withdraw my consent for Riley; Jo's video is fine.",
        payload: {
          complainantName: s.owner.displayName,
          complainantEmail: s.owner.email,
          depictedPerson: s.owner.displayName,
          authority: "self",
          postIds: [...s.granteePostIds],
          evidence: [
            {
              kind: "selfie_video",
              url: "https://evidence.example/noor/selfie-with-date.mp4",
              note: "Holding today's newspaper",
            },
            {
              kind: "id_document",
              url: "https://evidence.example/noor/passport.jpg",
              note: "UK passport, name matches",
            },
          ],
        },
        occurredAt: complaintAt,
        receivedAt: complaintAt,
      },
    });

    await tx.protectedLikeness.createMany({
      data: [
        {
          name: "Marguerite Vale",
          kind: "deceased",
          aliases: ["Maggie Vale"],
          requestedBy: "The Vale Estate",
          note: "Actor, died 2019; the estate opts out of all generation.",
          createdById: staffId,
          createdAt: hours(24 * 40),
        },
        {
          name: "Desmond Achterberg",
          kind: "deceased",
          aliases: [],
          requestedBy: "Achterberg Family Trust",
          createdById: staffId,
          createdAt: hours(24 * 30),
        },
        {
          name: "Kaito Ferreira",
          kind: "public_figure",
          aliases: ["K. Ferreira"],
          requestedBy: "Ferreira Management (agent)",
          note: "Footballer; opted out through his agent.",
          createdById: staffId,
          createdAt: hours(24 * 12),
        },
      ],
    });
  });

  // One action waiting for a second staff member, so the approvals list has something to show: an admin asked to
  // disable an impersonating cameo.
  const impersonating = await db.prisma.cameo.findFirst({
    where: { status: "active", id: { not: s.cameoId }, appearances: { some: {} } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const admin = await db.prisma.staffUser.findFirst({
    where: { role: "admin" },
    orderBy: { createdAt: "asc" },
    select: { id: true, displayName: true },
  });
  const policy = await db.prisma.policy.findUnique({ where: { code: "impersonation" }, select: { id: true } });
  if (impersonating && admin && policy) {
    await requestCameoDisable(
      db,
      {
        cameoId: impersonating.id,
        mode: "hold",
        policyId: policy.id,
        reason: "The cameo impersonates a streamer; the real person wrote to us with ID.",
      },
      { id: admin.id, displayName: admin.displayName },
      hours(1),
    );
  }
}
