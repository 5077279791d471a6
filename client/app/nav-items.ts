// The console's areas and who may use them. Mirrors the server's minimum roles; the server refuses anyway.
import type { StaffRole } from "../lib/roles.ts";

export interface NavItem {
  path: string;
  label: string;
  minRole: StaffRole;
  /** second key of the "g then key" shortcut */
  shortcut: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/queues", label: "Queues", minRole: "moderator", shortcut: "q" },
  { path: "/health", label: "Queue health", minRole: "moderator", shortcut: "h" },
  { path: "/accounts", label: "Accounts", minRole: "moderator", shortcut: "u" },
  { path: "/takedowns", label: "Takedowns", minRole: "staff", shortcut: "t" },
  { path: "/cameos", label: "Cameos", minRole: "staff", shortcut: "c" },
  { path: "/hash-bank", label: "Hash bank", minRole: "staff", shortcut: "b" },
  { path: "/media-lookup", label: "Media lookup", minRole: "staff", shortcut: "l" },
  { path: "/invites", label: "Invites", minRole: "admin", shortcut: "i" },
  { path: "/deliveries", label: "Deliveries", minRole: "admin", shortcut: "d" },
  { path: "/audit", label: "Audit", minRole: "staff", shortcut: "a" },
  { path: "/team", label: "Team", minRole: "admin", shortcut: "m" },
  { path: "/settings", label: "Settings", minRole: "admin", shortcut: "s" },
  { path: "/platform-api", label: "Platform API", minRole: "staff", shortcut: "p" },
];

export function navItemFor(path: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => path === item.path || path.startsWith(`${item.path}/`));
}
