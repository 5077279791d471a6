// The three views of the cameo area as links, so each has its own address and Tab reaches them in order.
import { Link } from "wouter";

const AREAS = [
  { path: "/cameos", label: "Cameos" },
  { path: "/cameos/complaints", label: "Likeness complaints" },
  { path: "/cameos/protected", label: "Protected likenesses" },
] as const;

export type CameoArea = (typeof AREAS)[number]["path"];

export function CameoAreaTabs({ current }: { current: CameoArea }) {
  return (
    <nav aria-label="Cameo area" className="status-tabs">
      <ul>
        {AREAS.map((area) => (
          <li key={area.path}>
            <Link href={area.path} className="status-tab" aria-current={area.path === current ? "page" : undefined}>
              {area.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
