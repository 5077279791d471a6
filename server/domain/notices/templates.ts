// The texts Vigil sends to requesters and uploaders. Plain text: it reaches every mail client and is what
// legal teams archive. Each template says what happened, what happens next, and the reference to quote.
import { TAKEDOWN_TYPE_LABELS, type TakedownIntakeType } from "../../contracts/takedown-intake.ts";

export interface NoticeText {
  subject: string;
  text: string;
}

const SIGN_OFF =
  "\n\n— The Trust & Safety team\nThis message was sent because of a request made to us. Reply to this address with your reference.";

function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function receiptNotice(input: {
  reference: string;
  type: TakedownIntakeType;
  receivedAt: Date;
  dueAt: Date | null;
  urls: string[];
}): NoticeText {
  const lines = [
    `We received your request (${TAKEDOWN_TYPE_LABELS[input.type]}) on ${formatUtc(input.receivedAt)}.`,
    `Your reference: ${input.reference}`,
    "",
    "Content you reported:",
    ...input.urls.map((u) => `  - ${u}`),
    "",
    input.dueAt
      ? `We will act on it by ${formatUtc(input.dueAt)}, as the law requires, and write to you when we have.`
      : "We will review it without undue delay and write to you with our decision.",
  ];
  return { subject: `We received your request ${input.reference}`, text: lines.join("\n") + SIGN_OFF };
}

/** DMCA § 512(g)(2)(B): the complainant receives a copy of the counter-notice and the restore date. */
export function counterNoticeForward(input: {
  reference: string;
  postUrl: string;
  name: string;
  address: string;
  statement: string;
  restoreNotBefore: Date;
  restoreNotAfter: Date;
}): NoticeText {
  return {
    subject: `Counter-notice received for your request ${input.reference}`,
    text:
      [
        `The uploader of ${input.postUrl} sent a counter-notice. A copy follows.`,
        "",
        `  From: ${input.name}, ${input.address}`,
        `  Statement: ${input.statement}`,
        "",
        `We will restore the material between ${formatUtc(input.restoreNotBefore)} and ${formatUtc(input.restoreNotAfter)} unless you tell us, before then, that you have filed an action seeking a court order against the uploader.`,
        "",
        `Reference: ${input.reference}`,
      ].join("\n") + SIGN_OFF,
  };
}

export function decisionNotice(input: {
  reference: string;
  actioned: number;
  total: number;
  reason: string;
}): NoticeText {
  const outcome =
    input.actioned === 0
      ? "After review we did not remove the content you reported."
      : `We removed ${input.actioned} item${input.actioned === 1 ? "" : "s"} for your request${input.total > input.actioned ? ` (${input.total - input.actioned} were already gone)` : ""}, including identical copies we found.`;
  return {
    subject: `Decision on your request ${input.reference}`,
    text: [outcome, "", `Reason: ${input.reason}`, "", `Reference: ${input.reference}`].join("\n") + SIGN_OFF,
  };
}

const ACTION_WORDS: Record<string, string> = {
  take_down_post: "We removed your video.",
  hold_post: "We hid your video while we review it.",
  warn_account: "We are warning your account.",
  add_strike: "We added a strike to your account.",
  suspend_account: "We suspended your account.",
};

/** EU DSA Art. 17: the uploader learns what was restricted, why, on which ground, and how to appeal. */
export function statementOfReasonsNotice(input: {
  action: string;
  postId: string | null;
  policyName: string;
  ground: "illegal_content" | "incompatible_content" | null;
  legalReference: string | null;
  reason: string;
  automated: boolean;
  decidedAt: Date;
  suspendedUntil: Date | null;
}): NoticeText {
  const appealUntil = new Date(input.decidedAt);
  appealUntil.setUTCMonth(appealUntil.getUTCMonth() + 6);
  return {
    subject: "A decision about your content",
    text:
      [
        ACTION_WORDS[input.action] ?? "We restricted your content.",
        ...(input.postId ? [`Video: ${input.postId}`] : []),
        ...(input.suspendedUntil ? [`Until: ${formatUtc(input.suspendedUntil)}`] : []),
        `Why: ${input.reason}`,
        `Rule: ${input.policyName}${input.ground === "illegal_content" ? ` — illegal content${input.legalReference ? ` (${input.legalReference})` : ""}` : " — our terms of service"}`,
        input.automated ? "The decision was made with automated means." : "A person on our team made this decision.",
        "",
        `You can appeal in the app until ${formatUtc(appealUntil)}. Someone other than the person who decided will review it.`,
      ].join("\n") + SIGN_OFF,
  };
}

const CAMEO_ACTION_WORDS = {
  revoke_grant: (grantee: string) => `We revoked @${grantee}'s permission to use your cameo.`,
  disable_cameo: () => "We disabled your cameo: nobody can put it in new videos.",
  reinstate_grant: (grantee: string) =>
    `We reversed our earlier revocation: @${grantee} may use your cameo again under your settings.`,
  reinstate_cameo: () => "We reinstated your cameo: it can be used again under your settings.",
} as const;

/** The cameo's owner learns what was done with their likeness and to how many videos. */
export function cameoOwnerNotice(input: {
  what: keyof typeof CAMEO_ACTION_WORDS;
  granteeHandle: string | null;
  posts: number;
  mode: "take_down" | "hold" | null;
  reason: string;
  reference: string;
}): NoticeText {
  const effect =
    input.posts === 0
      ? "No published videos were affected."
      : input.mode === null
        ? `${input.posts} video${input.posts === 1 ? " was" : "s were"} restored.`
        : `${input.posts} video${input.posts === 1 ? "" : "s"} featuring your cameo ${input.posts === 1 ? "was" : "were"} ${input.mode === "hold" ? "hidden while we review" : "removed"}.`;
  return {
    subject: input.what.startsWith("reinstate")
      ? "Your cameo: an earlier action was reversed"
      : "Your cameo: we acted on its use",
    text:
      [
        CAMEO_ACTION_WORDS[input.what](input.granteeHandle ?? ""),
        effect,
        "",
        `Reason: ${input.reason}`,
        "",
        `Reference: ${input.reference}`,
      ].join("\n") + SIGN_OFF,
  };
}
