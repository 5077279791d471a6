// The case view's keyboard: every key here also has a visible control on the page.
import type { CaseAction } from "@contracts/decisions.ts";
import { useKeyShortcuts, type KeyShortcut } from "../../../lib/key-shortcuts.ts";
import { ACTION_SHORTCUTS } from "./use-decision-form.ts";
import { PLAYER_KEY_HELP } from "./use-player-keys.ts";

/** For the shortcuts dialog: keys as shown, and what they do. */
export const REVIEW_SHORTCUT_HELP: readonly { keys: string; does: string }[] = [
  { keys: "t", does: "Choose Take down post" },
  { keys: "h", does: "Choose Hold post" },
  { keys: "d", does: "Choose Dismiss" },
  { keys: "e", does: "Choose Escalate to staff" },
  { keys: "r", does: "Write the reason" },
  { keys: "Ctrl + Enter  or  ⌘ + Enter", does: "Decide (also while writing)" },
  { keys: "n", does: "Claim and open the next case of this queue" },
  { keys: "j", does: "Open the next case of the list you came from" },
  { keys: "k", does: "Go back to the previous page" },
  { keys: "?", does: "Show these shortcuts" },
  { keys: "g q", does: "Go to the queues" },
  ...PLAYER_KEY_HELP,
];

export interface ReviewShortcutHandlers {
  chooseAction: (action: CaseAction) => void;
  focusReason: () => void;
  submit: (event: KeyboardEvent) => void;
  nextCase: () => void;
  nextInList: () => void;
  previous: () => void;
  showHelp: () => void;
}

export function useReviewShortcuts(handlers: ReviewShortcutHandlers, enabled: boolean) {
  const actionKeys = Object.entries(ACTION_SHORTCUTS) as [CaseAction, string][];
  const shortcuts: KeyShortcut[] = [
    ...actionKeys.map(([action, key]) => ({ key, run: () => handlers.chooseAction(action) })),
    { key: "r", run: handlers.focusReason },
    { key: "Enter", withModifier: true, inFields: true, run: handlers.submit },
    { key: "n", run: handlers.nextCase },
    { key: "j", run: handlers.nextInList },
    { key: "k", run: handlers.previous },
    { key: "?", run: handlers.showHelp },
  ];
  useKeyShortcuts(shortcuts, enabled);
}
