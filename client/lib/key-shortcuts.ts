// Single-key shortcuts for keyboard-first review. Letters are ignored while the focus is in a text field (the
// reviewer is typing) and right after "g", which starts the layout's go-to chords ("g t" is not "take down").
import { useEffect, useRef } from "react";

export interface KeyShortcut {
  /** `event.key`, lower-cased for letters: "t", "?", "Enter" */
  key: string;
  /** needs Ctrl (or Cmd on a Mac) */
  withModifier?: boolean;
  /** also fires while the focus is in a text field; only for modifier combos, which typing never produces */
  inFields?: boolean;
  run: (event: KeyboardEvent) => void;
}

const CHORD_MS = 1200;
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

/** True while the reviewer is typing: text inputs, text areas, selects (they search by typed letters). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

export function useKeyShortcuts(shortcuts: readonly KeyShortcut[], enabled = true) {
  // The latest handlers, without re-subscribing on every render.
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    if (!enabled) return;
    let chordArmedAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const hasModifier = event.ctrlKey || event.metaKey;
      const typing = isTypingTarget(event.target);
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (!hasModifier && !event.altKey && !typing && key === "g") {
        chordArmedAt = Date.now();
        return;
      }
      const inChord = Date.now() - chordArmedAt <= CHORD_MS;
      chordArmedAt = 0;
      const shortcut = current.current.find((s) => s.key === key && !!s.withModifier === hasModifier);
      if (!shortcut || event.altKey) return;
      if (typing && !shortcut.inFields) return;
      if (inChord && !shortcut.withModifier) return;
      event.preventDefault();
      shortcut.run(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
