import { useEffect, useRef, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useSignOut } from "../../lib/auth.ts";
import type { CurrentUser } from "../../lib/roles.ts";
import { Button } from "../../components/button.tsx";
import { MainNav } from "./main-nav.tsx";
import { useGoShortcuts } from "./use-go-shortcuts.ts";

/** `isRestricted`: the session may only lift its hold (see routes.tsx), so no areas are offered. */
export function AppLayout({
  user,
  isRestricted = false,
  children,
}: {
  user: CurrentUser;
  isRestricted?: boolean;
  children: ReactNode;
}) {
  const signOut = useSignOut();
  const mainRef = useRef<HTMLElement>(null);
  const [location] = useLocation();
  const shownLocation = useRef(location);
  useGoShortcuts(user.role, !isRestricted);

  // After navigating, screen readers and keyboard users start at the new page, not at the link they used.
  useEffect(() => {
    if (shownLocation.current === location) return;
    shownLocation.current = location;
    mainRef.current?.focus({ preventScroll: true });
  }, [location]);

  return (
    <div className={isRestricted ? "app-shell app-shell-restricted" : "app-shell"}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <span className="brand">Vigil</span>
        <div className="session">
          {isRestricted ? (
            <span className="session-user">
              {user.displayName} <span className="role-badge">{user.role}</span>
            </span>
          ) : (
            <>
              <Link className="session-user" href="/account-security">
                Account security
              </Link>
              <Link className="session-user" href="/preferences" title="Your preferences">
                {user.displayName} <span className="role-badge">{user.role}</span>
              </Link>
            </>
          )}
          <Button size="sm" variant="ghost" isPending={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out
          </Button>
        </div>
      </header>
      {isRestricted ? null : (
        <aside className="app-sidebar">
          <MainNav role={user.role} />
        </aside>
      )}
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
