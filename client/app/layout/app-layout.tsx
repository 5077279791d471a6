import { useEffect, useRef, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useSignOut } from "../../lib/auth.ts";
import type { CurrentUser } from "../../lib/roles.ts";
import { Button } from "../../components/button.tsx";
import { MainNav } from "./main-nav.tsx";
import { useGoShortcuts } from "./use-go-shortcuts.ts";

export function AppLayout({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const signOut = useSignOut();
  const mainRef = useRef<HTMLElement>(null);
  const [location] = useLocation();
  const shownLocation = useRef(location);
  useGoShortcuts(user.role);

  // After navigating, screen readers and keyboard users start at the new page, not at the link they used.
  useEffect(() => {
    if (shownLocation.current === location) return;
    shownLocation.current = location;
    mainRef.current?.focus({ preventScroll: true });
  }, [location]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <span className="brand">Vigil</span>
        <div className="session">
          <Link className="session-user" href="/preferences" title="Your preferences">
            {user.displayName} <span className="role-badge">{user.role}</span>
          </Link>
          <Button size="sm" variant="ghost" isPending={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out
          </Button>
        </div>
      </header>
      <aside className="app-sidebar">
        <MainNav role={user.role} />
      </aside>
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
