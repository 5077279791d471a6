// The demo world as plain rows, built in memory first so generation stays deterministic and the database work is
// a handful of bulk inserts inside one transaction.
import type { Prisma } from "../../server/db/generated/client.ts";
import type { StaffRole } from "../../server/db/generated/enums.ts";

export interface StaffSeed {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

export type AccountRow = Prisma.AccountCreateManyInput & { id: string; handle: string; createdAt: Date };
export type PostRow = Prisma.PostCreateManyInput & {
  id: string;
  creatorId: string;
  prompt: string;
  createdAt: Date;
  viewCount: number;
  remixCount: number;
  contentHash: string;
};
export type CameoRow = Prisma.CameoCreateManyInput & { id: string; ownerId: string; createdAt: Date };
export type GrantRow = Prisma.CameoGrantCreateManyInput & { id: string };
export type SignalRow = Prisma.SignalCreateManyInput & { id: string; occurredAt: Date };
export type CaseRow = Prisma.CaseCreateManyInput & { id: string; createdAt: Date };
export type DecisionRow = Prisma.DecisionCreateManyInput & { id: string; createdAt: Date };
export type TakedownRow = Prisma.TakedownRequestCreateManyInput & { id: string; receivedAt: Date };
export type CodeRow = Prisma.InviteCodeCreateManyInput & {
  id: string;
  useCount: number;
  maxUses: number;
  createdAt: Date;
};

export interface World {
  now: Date;
  staff: StaffSeed[];
  accounts: AccountRow[];
  posts: PostRow[];
  keyframes: Prisma.PostKeyframeCreateManyInput[];
  cameos: CameoRow[];
  grants: GrantRow[];
  appearances: Prisma.CameoAppearanceCreateManyInput[];
  cases: CaseRow[];
  signals: SignalRow[];
  notes: Prisma.CaseNoteCreateManyInput[];
  decisions: DecisionRow[];
  appeals: Prisma.AppealCreateManyInput[];
  takedowns: TakedownRow[];
  takedownPosts: Prisma.TakedownRequestPostCreateManyInput[];
  counterNotices: Prisma.CounterNoticeCreateManyInput[];
  hashEntries: Prisma.HashBankEntryCreateManyInput[];
  waves: Prisma.InviteWaveCreateManyInput[];
  batches: Prisma.InviteBatchCreateManyInput[];
  codes: CodeRow[];
  redemptions: Prisma.RedemptionCreateManyInput[];
}

/** Policy id, severity and statement-of-reasons fields by policy code. */
export interface PolicyRef {
  id: string;
  code: string;
  name: string;
  severity: number;
  strikeWeight: number;
  dsaCategory: string;
  dsaGround: Prisma.DecisionCreateManyInput["dsaGround"];
  legalReference: string | null;
}
