// The player's keys. They work only while the focus is inside the player region, so they never compete with the
// case view's letters, and never while the reviewer types in a field.
import type { KeyboardEvent } from "react";
import { isTypingTarget } from "../../../lib/key-shortcuts.ts";

export interface PlayerKeyActions {
  togglePlay: () => void;
  previousFrame: () => void;
  nextFrame: () => void;
  toggleMute: () => void;
  toggleBlur: () => void;
}

/** For the shortcuts dialog. */
export const PLAYER_KEY_HELP: readonly { keys: string; does: string }[] = [
  { keys: "Space", does: "Play or pause the video (focus in the player)" },
  { keys: ",", does: "Previous frame (focus in the player)" },
  { keys: ".", does: "Next frame (focus in the player)" },
  { keys: "m", does: "Mute or unmute the video (focus in the player)" },
  { keys: "b", does: "Blur or unblur the media (focus in the player)" },
];

const KEY_ACTIONS: Record<string, keyof PlayerKeyActions> = {
  " ": "togglePlay",
  ",": "previousFrame",
  ".": "nextFrame",
  m: "toggleMute",
  b: "toggleBlur",
};

/** A keydown handler for the player region. */
export function usePlayerKeys(actions: PlayerKeyActions) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target)) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const action = KEY_ACTIONS[key];
    if (!action) return;
    // Space on a focused button presses that button; doing both would undo the press.
    if (key === " " && event.target instanceof HTMLElement && event.target.closest("button, a, summary")) return;
    // Handled here: the page must not scroll, and the case view's own shortcuts must not see it.
    event.preventDefault();
    actions[action]();
  };
}
