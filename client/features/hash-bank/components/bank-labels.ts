// How banks are named to people: kinds and actions in plain words, never the stored codes.
import { HASH_BANK_ACTIONS, HASH_BANK_KINDS } from "@contracts/hash-bank.ts";

export type BankKind = (typeof HASH_BANK_KINDS)[number];
export type BankAction = (typeof HASH_BANK_ACTIONS)[number];

export const BANK_KIND_LABELS: Record<BankKind, string> = {
  removed_content: "Removed content",
  ncii: "Non-consensual intimate imagery",
  child_safety: "Child safety",
  copyright: "Copyright",
  likeness: "Likeness",
  violent_extremism: "Violent extremism",
  spam: "Spam",
  safe: "Known false positives (safe)",
};

export const BANK_ACTION_LABELS: Record<BankAction, string> = {
  review: "Open a review case",
  hold: "Hold the post pending review",
  take_down: "Take down automatically",
};

export const BANK_KIND_OPTIONS = HASH_BANK_KINDS.map((kind) => ({ value: kind, label: BANK_KIND_LABELS[kind] }));

export function bankKindLabel(kind: string): string {
  return BANK_KIND_LABELS[kind as BankKind] ?? kind;
}

export function bankActionLabel(action: string): string {
  return BANK_ACTION_LABELS[action as BankAction] ?? action;
}
