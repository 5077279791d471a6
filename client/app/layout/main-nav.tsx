import { Link, useLocation } from "wouter";
import { roleAtLeast, type StaffRole } from "../../lib/roles.ts";
import { NAV_ITEMS } from "../nav-items.ts";

export function MainNav({ role }: { role: StaffRole }) {
  const [location] = useLocation();
  const items = NAV_ITEMS.filter((item) => roleAtLeast(role, item.minRole));
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {items.map((item) => {
          const isCurrent = location === item.path || location.startsWith(`${item.path}/`);
          return (
            <li key={item.path}>
              <Link
                href={item.path}
                className={isCurrent ? "nav-link is-current" : "nav-link"}
                aria-current={isCurrent ? "page" : undefined}
              >
                {item.label}
                <kbd className="nav-shortcut" aria-hidden="true">
                  g {item.shortcut}
                </kbd>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
