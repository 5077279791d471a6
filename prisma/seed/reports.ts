// What people write when they report, complain or decide: short, varied, and matched to the category.
import type { Category } from "../../server/domain/cases/priority.ts";
import type { Rng } from "./random.ts";

export const REPORT_REASON: Record<Category, string> = {
  csam_suspected: "child_safety",
  minor_safety: "child_safety",
  ncii: "sexual_content",
  deepfake_nonconsensual: "fake_of_real_person",
  self_harm: "self_harm",
  violence: "violence",
  hate: "hate",
  likeness_misuse: "my_likeness",
  impersonation: "impersonation",
  harassment: "bullying",
  scam: "scam",
  copyright: "intellectual_property",
  spam: "spam",
};

const REPORT_TEXT: Partial<Record<string, string[]>> = {
  child_safety: [
    "This looks like a kid.",
    "Kids are copying this.",
    "Why is this allowed?? there are children on here",
  ],
  sexual_content: ["This is sexual and it's someone real.", "Explicit, shouldn't be on the feed."],
  fake_of_real_person: ["That's my friend and she never agreed to this.", "This is a fake of a real person."],
  self_harm: ["This could push someone over the edge.", "Please check on this creator."],
  violence: ["Way too graphic.", "Gore on my feed with no warning."],
  hate: ["Racist.", "This is targeting a religion.", "Hate speech in the audio."],
  my_likeness: ["That's me. I did not approve this.", "I revoked their access weeks ago."],
  impersonation: ["This account is pretending to be me.", "Fake brand account."],
  bullying: ["They are mocking a kid from my school.", "Pile-on against a private person."],
  scam: ["Crypto scam.", "Fake giveaway asking for passwords."],
  intellectual_property: ["This is my animation.", "Ripped straight from a movie."],
  spam: ["Same video posted 50 times.", "Selling invite codes."],
  misleading: ["Presented as real news.", "Fake footage of a real event."],
  other: ["Just weird.", "I don't like this.", "Cringe."],
};

export function reportText(rng: Rng, reason: string): string | null {
  if (rng.chance(0.45)) return null;
  return rng.pick(REPORT_TEXT[reason] ?? REPORT_TEXT.other!);
}

export const DEEPFAKE_TEXT = [
  "This is a realistic fake of me. I never made a cameo.",
  "Someone generated my sister saying things she never said.",
  "Fake video of a politician spreading on here as if it were real.",
  "This is a deepfake of my teacher, it's being shared in our class chat.",
  "AI fake of me, I want it gone now.",
];

export const LIKENESS_TEXT = [
  "My cameo is set to 'only me'. How is this possible?",
  "I revoked this person's access and they are still posting me.",
  "My restrictions say no ads. This is an ad.",
  "They made me say things about my employer.",
  "This is against the restrictions on my cameo.",
];

export const CAMEO_IMPERSONATION_TEXT = [
  "This cameo is my face. Someone verified it with a video of me from YouTube.",
  "This cameo is a copy of me, not the owner.",
  "A fan made a cameo of my late father.",
];

export const ESCALATION_NOTES = [
  "Possible minor in frame — need staff eyes before anything else.",
  "Public figure. Newsworthiness call, not mine to make.",
  "Creator is a verified partner with a very large following; escalating before removal.",
  "Mentions a real school and a date. Possible credible threat.",
  "Requester says police are involved. Legal should own this.",
  "Self-harm risk looks imminent from the transcript. Please check welfare escalation.",
];

export function decisionReason(rng: Rng, action: string, policyName: string | null): string {
  if (action === "dismiss") {
    return rng.pick([
      "No violation found after reviewing all keyframes and the audio.",
      "Satire of a public figure; clearly labelled and not deceptive.",
      "Classifier false positive: stylised, not realistic.",
      "Reported content is within the cameo owner's stated permissions.",
    ]);
  }
  const verb = action === "hold_post" ? "Held pending review" : "Removed";
  return `${verb} under ${policyName ?? "policy"}: ${rng.pick([
    "confirmed on keyframes 2–4.",
    "the audio confirms the report.",
    "consent was not given by the person depicted.",
    "matches prior removals of the same content.",
    "the requester's claim is substantiated.",
  ])}`;
}

export const EEA = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LI",
  "LT",
  "LU",
  "MT",
  "NL",
  "NO",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "IS",
];
