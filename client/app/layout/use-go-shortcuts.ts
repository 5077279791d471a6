// "g" then a letter jumps to an area, as in most review tools. Ignored while typing in a field.
import { useEffect } from "react";
import { useLocation } from "wouter";
import { roleAtLeast, type StaffRole } from "../../lib/roles.ts";
import { NAV_ITEMS } from "../nav-items.ts";

const CHORD_MS = 1200;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function useGoShortcuts(role: StaffRole, isEnabled = true) {
  const [, navigate] = useLocation();
  useEffect(() => {
    if (!isEnabled) return;
    let armedAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "g") {
        armedAt = Date.now();
        return;
      }
      if (Date.now() - armedAt > CHORD_MS) return;
      armedAt = 0;
      const item = NAV_ITEMS.find((i) => i.shortcut === key && roleAtLeast(role, i.minRole));
      if (item) {
        event.preventDefault();
        navigate(item.path);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [navigate, role, isEnabled]);
}
