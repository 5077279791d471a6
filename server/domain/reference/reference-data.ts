// Reference data every installation needs: the policy catalogue and the queue settings. Runs on every start, so
// it only creates what is missing and never overwrites what admins have since edited in the console.
import type { Database } from "../../db/client.ts";
import type { DsaDecisionGround, QueueKind, StaffRole } from "../../db/generated/enums.ts";
import { queueSlaHours, severityForCategory, type Category } from "../cases/priority.ts";

export interface PolicySeed {
  code: Category;
  name: string;
  description: string;
  severity: number;
  strikeWeight: number;
  strikeThreshold: number;
  dsaCategory: string;
  dsaGround: DsaDecisionGround;
  legalReference: string | null;
}

type PolicyDraft = Omit<PolicySeed, "severity">;

const DRAFTS: PolicyDraft[] = [
  {
    code: "csam_suspected",
    name: "Child sexual abuse material",
    description:
      "Any sexualised depiction of a minor, real or generated. Remove, preserve evidence, report to the competent authority, ban the account.",
    strikeWeight: 10,
    strikeThreshold: 1,
    dsaCategory: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    dsaGround: "illegal_content",
    legalReference: "18 U.S.C. § 2258A; Directive 2011/93/EU",
  },
  {
    code: "minor_safety",
    name: "Minor safety",
    description:
      "Content that endangers minors: dangerous challenges aimed at children, grooming cues, minors in cameos they cannot consent to.",
    strikeWeight: 3,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "ncii",
    name: "Non-consensual intimate imagery",
    description:
      "Intimate or sexual depictions of a real, identifiable person without their consent, including AI-generated forgeries.",
    strikeWeight: 5,
    strikeThreshold: 1,
    dsaCategory: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    dsaGround: "illegal_content",
    legalReference: "TAKE IT DOWN Act, 47 U.S.C. § 223(h); Directive (EU) 2024/1385 Art. 5",
  },
  {
    code: "deepfake_nonconsensual",
    name: "Non-consensual deepfake",
    description:
      "Realistic depictions of a real person saying or doing things they did not, made without their cameo or consent, or presented as real.",
    strikeWeight: 3,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "self_harm",
    name: "Suicide and self-harm",
    description: "Content that promotes, instructs or glorifies suicide, self-injury or eating disorders.",
    strikeWeight: 1,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_SELF_HARM",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "violence",
    name: "Violence and threats",
    description: "Graphic violence presented for shock, credible threats, and glorification of violent attacks.",
    strikeWeight: 2,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "hate",
    name: "Hateful conduct",
    description: "Attacks on people based on protected characteristics, in the video, the audio or the prompt.",
    strikeWeight: 2,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "likeness_misuse",
    name: "Cameo misuse",
    description:
      "Use of someone's cameo beyond the permission they gave or against the restrictions they wrote, or after a grant was revoked.",
    strikeWeight: 2,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "impersonation",
    name: "Impersonation",
    description: "Accounts or cameos that pose as another person or brand in a way that misleads.",
    strikeWeight: 2,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "harassment",
    name: "Harassment and bullying",
    description: "Targeted abuse, degrading depictions of private individuals, and brigading.",
    strikeWeight: 1,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
  {
    code: "scam",
    name: "Scams and fraud",
    description: "Fake endorsements, investment schemes, phishing and giveaways that are not real.",
    strikeWeight: 2,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    dsaGround: "illegal_content",
    legalReference: "Directive (EU) 2019/713 (fraud); national criminal law on fraud",
  },
  {
    code: "copyright",
    name: "Copyright infringement",
    description:
      "Re-uploads of protected works and generations that reproduce them, on a valid notice from the rightsholder.",
    strikeWeight: 1,
    strikeThreshold: 3,
    dsaCategory: "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    dsaGround: "illegal_content",
    legalReference: "17 U.S.C. § 512; Directive (EU) 2019/790 Art. 17",
  },
  {
    code: "spam",
    name: "Spam and platform manipulation",
    description: "Mass re-uploads, engagement farming, and invite-code selling.",
    strikeWeight: 1,
    strikeThreshold: 5,
    dsaCategory: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    dsaGround: "incompatible_content",
    legalReference: null,
  },
];

export const POLICY_SEEDS: PolicySeed[] = DRAFTS.map((d) => ({ ...d, severity: severityForCategory(d.code) }));

// A Record, so adding a queue to the schema fails type-checking here until it has a label.
const QUEUES: Record<QueueKind, { label: string; minRole: StaffRole }> = {
  flagged_generation: { label: "Flagged generations", minRole: "moderator" },
  deepfake_report: { label: "Deepfake reports", minRole: "moderator" },
  likeness_complaint: { label: "Likeness complaints", minRole: "moderator" },
  user_report: { label: "User reports", minRole: "moderator" },
  takedown: { label: "Takedown requests", minRole: "staff" },
  appeal: { label: "Appeals", minRole: "moderator" },
  escalated: { label: "Escalated", minRole: "staff" },
};

export const QUEUE_SEEDS = (Object.keys(QUEUES) as QueueKind[]).map((queue) => ({
  queue,
  ...QUEUES[queue],
  slaHours: queueSlaHours[queue],
}));

export async function seedReferenceData(db: Database): Promise<{ policiesCreated: number; queuesCreated: number }> {
  const policies = await db.prisma.policy.createMany({ data: POLICY_SEEDS, skipDuplicates: true });
  const queues = await db.prisma.queueSetting.createMany({ data: QUEUE_SEEDS, skipDuplicates: true });
  return { policiesCreated: policies.count, queuesCreated: queues.count };
}
