// Likeness complaints and legal takedown requests, each with the elements its law asks for. About one notice in
// seven leaves an element out, because real notices do and Vigil's validity checklist must catch it.
import type { EventOf } from "../../server/contracts/platform-events.ts";
import type { Category } from "../../server/domain/cases/priority.ts";
import type { TrafficContext } from "./context.ts";
import type { SimPost } from "./world.ts";
import { COURTS, LIKENESS_COMPLAINTS, PUBLIC_FIGURES, RIGHTSHOLDERS, TRUSTED_FLAGGERS } from "./vocabulary.ts";

type Takedown = EventOf<"takedown.requested">["data"];
type LegalType = Takedown["legalType"];

const HOUR_MS = 3_600_000;
const POST_URL = "https://video.example/p/";

/** Categories each kind of notice is typically about, to aim it at a fitting post. */
const TARGETS: Record<LegalType, readonly Category[]> = {
  take_it_down: ["ncii", "deepfake_nonconsensual"],
  dmca: ["copyright"],
  dsa_notice: ["hate", "violence", "scam", "minor_safety", "csam_suspected", "self_harm"],
  likeness: ["likeness_misuse", "deepfake_nonconsensual", "impersonation"],
  court_order: ["impersonation", "harassment", "deepfake_nonconsensual"],
};

export function fileLikenessComplaint(ctx: TrafficContext): boolean {
  const { rng, world } = ctx;
  if (rng.chance(0.7)) {
    // A cameo owner whose face is showing up where they do not want it.
    const cameo = world.activeCameo(rng, (c) => c.postIds.length > 0);
    const owner = cameo && world.accountById.get(cameo.ownerId);
    if (!cameo || !owner || owner.status === "deleted") return false;
    const postIds = cameo.postIds.filter((id) => world.postById.get(id)?.visibility === "public").slice(-3);
    ctx.emit("likeness.complaint.filed", {
      complainantId: owner.id,
      complainantName: owner.displayName,
      complainantEmail: rng.chance(0.5) ? `${owner.handle.replace(/[^a-z0-9]/gi, "")}@mail.example` : undefined,
      depictedPerson: owner.displayName,
      authority: "self",
      cameoId: cameo.id,
      postIds,
      text: rng.pick(LIKENESS_COMPLAINTS),
      evidence: [
        {
          kind: "selfie_video",
          url: `https://evidence.example/${cameo.id}/selfie.mp4`,
          note: "Recorded holding today's date",
        },
      ],
    });
    return true;
  }
  // A public figure's estate or agent, who has no account and names posts instead of a cameo.
  const figure = rng.pick(PUBLIC_FIGURES);
  const posts = pickPosts(ctx, ["likeness_misuse", "deepfake_nonconsensual"], rng.int(1, 3));
  if (posts.length === 0) return false;
  const estate = rng.chance(0.5);
  ctx.emit("likeness.complaint.filed", {
    complainantName: estate ? figure.estate : `${figure.estate}, on behalf of ${figure.name}`,
    complainantEmail: `claims@${slug(figure.estate)}.example`,
    depictedPerson: figure.name,
    authority: estate ? "estate" : "agent",
    postIds: posts.map((p) => p.id),
    text: `These videos depict ${figure.name}, the ${figure.role}, without consent from ${estate ? "the estate" : "them"}.`,
    evidence: [
      {
        kind: estate ? "death_certificate" : "letter_of_authority",
        url: `https://evidence.example/${slug(figure.estate)}/authority.pdf`,
      },
      { kind: "id_document", url: `https://evidence.example/${slug(figure.estate)}/representative-id.pdf` },
    ],
  });
  return true;
}

export function requestTakedown(ctx: TrafficContext): boolean {
  const { rng } = ctx;
  const legalType = rng.weighted<LegalType>([
    ["take_it_down", 2],
    ["dmca", 3],
    ["dsa_notice", 2],
    ["likeness", 1.5],
    ["court_order", 0.6],
  ]);
  const posts = pickPosts(ctx, TARGETS[legalType], rng.int(1, 3));
  if (posts.length === 0) return false;
  const base = {
    requestId: ctx.newId("t"),
    legalType,
    postIds: posts.map((p) => p.id),
    contentUrls: rng.chance(0.7) ? posts.map((p) => `${POST_URL}${p.id}`) : [],
    goodFaith: true,
    perjuryStatement: false,
    isTrustedFlagger: false,
  };
  const data: Takedown = {
    ...base,
    ...elementsFor(ctx, legalType),
    legalType,
    authority: authorityFor(ctx, legalType),
  };
  if (rng.chance(0.15)) {
    // An incomplete notice: the element dropped is the one its law cares most about.
    if (legalType === "dmca") data.perjuryStatement = false;
    else if (legalType === "court_order") data.orderReference = undefined;
    else data.signature = undefined;
  }
  ctx.emit("takedown.requested", data);
  return true;
}

function authorityFor(ctx: TrafficContext, legalType: LegalType): Takedown["authority"] {
  const { rng } = ctx;
  switch (legalType) {
    case "take_it_down":
      return rng.chance(0.75) ? "self" : "agent";
    case "dmca":
      return rng.chance(0.6) ? "rightsholder" : "agent";
    case "dsa_notice":
      return rng.weighted([
        ["self", 3],
        ["agent", 2],
        ["authority", 1],
      ] as const);
    case "likeness":
      return rng.weighted([
        ["self", 2],
        ["agent", 1],
        ["estate", 1],
      ] as const);
    case "court_order":
      return "authority";
  }
}

function elementsFor(ctx: TrafficContext, legalType: LegalType): Partial<Takedown> {
  const { rng, world } = ctx;
  const person = rng.pick(world.accounts.length > 0 ? world.accounts : [undefined])?.displayName ?? "Jamie Doe";
  switch (legalType) {
    case "take_it_down":
      return {
        requesterName: person,
        requesterEmail: `${slug(person)}@mail.example`,
        signature: person,
        depictedPerson: person,
        description: "An AI-generated intimate video of me, made and posted without my consent.",
      };
    case "dmca": {
      const holder = rng.pick(RIGHTSHOLDERS);
      return {
        requesterName: holder.name,
        requesterEmail: `copyright@${slug(holder.name)}.example`,
        signature: `/s/ ${person}, for ${holder.name}`,
        description: `Reproduces ${holder.work}, owned by ${holder.name}, without a licence.`,
        perjuryStatement: true,
      };
    }
    case "dsa_notice": {
      const flagger = rng.chance(0.3) ? rng.pick(TRUSTED_FLAGGERS) : undefined;
      return {
        requesterName: flagger ?? person,
        requesterEmail: `${slug(flagger ?? person)}@mail.example`,
        signature: flagger ?? person,
        description: "Illegal content under national law: the video is explained in detail in the attached reasoning.",
        isTrustedFlagger: flagger !== undefined,
      };
    }
    case "likeness": {
      const figure = rng.pick(PUBLIC_FIGURES);
      return {
        requesterName: figure.estate,
        requesterEmail: `claims@${slug(figure.estate)}.example`,
        signature: figure.estate,
        depictedPerson: figure.name,
        description: `Commercial use of the likeness of ${figure.name} without permission (right of publicity).`,
      };
    }
    case "court_order": {
      const court = rng.pick(COURTS);
      return {
        requesterName: court.authority,
        issuingAuthority: court.authority,
        orderReference: court.reference.replace("{n}", String(rng.int(100, 999))),
        orderDeadline: ctx.iso(rng.int(24, 120) * HOUR_MS),
        description: "Order to remove the listed videos and preserve the uploader's data.",
        signature: "Presiding judge",
      };
    }
  }
}

/** Up to `count` distinct public posts, preferring ones with a fitting problem. */
function pickPosts(ctx: TrafficContext, categories: readonly Category[], count: number): SimPost[] {
  const picked = new Map<string, SimPost>();
  for (let i = 0; i < count * 3 && picked.size < count; i++) {
    const fitting = ctx.world.troubledPost(ctx.rng, (p) => !!p.problem && categories.includes(p.problem));
    const post = fitting ?? ctx.world.publicPost(ctx.rng);
    if (post) picked.set(post.id, post);
  }
  return [...picked.values()];
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "someone"
  );
}
