// Which page a URL shows, who may see it, and where signed-out visitors go. Pages load on first visit so the
// first paint only carries the shell.
import { lazy, Suspense, type ComponentType } from "react";
import { Link, Redirect, Route, Switch, useLocation, useSearch } from "wouter";
import { safeNextPath, useCurrentUserQuery } from "../lib/auth.ts";
import { ErrorState, LoadingState } from "../components/states.tsx";
import { AppLayout } from "./layout/app-layout.tsx";
import { RequireRole } from "./layout/require-role.tsx";

const ACCOUNT_SECURITY_PATH = "/account-security";

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const SignInPage = page(() => import("../features/auth/components/sign-in-page.tsx"), "SignInPage");
const QueuesPage = page(() => import("../features/queues/components/queues-page.tsx"), "QueuesPage");
const QueueHealthPage = page(() => import("../features/queues/components/queue-health-page.tsx"), "QueueHealthPage");
const AccountsPage = page(() => import("../features/accounts/components/accounts-page.tsx"), "AccountsPage");
const AccountPage = page(() => import("../features/accounts/components/account-page.tsx"), "AccountPage");
const CasePage = page(() => import("../features/review/components/case-page.tsx"), "CasePage");
const TakedownsPage = page(() => import("../features/takedowns/components/takedowns-page.tsx"), "TakedownsPage");
const EnterTakedownPage = page(
  () => import("../features/takedowns/components/enter-takedown-page.tsx"),
  "EnterTakedownPage",
);
const TakedownDetailPage = page(
  () => import("../features/takedowns/components/takedown-detail-page.tsx"),
  "TakedownDetailPage",
);
const CameosPage = page(() => import("../features/cameos/components/cameos-page.tsx"), "CameosPage");
const CameoDetailPage = page(() => import("../features/cameos/components/cameo-detail-page.tsx"), "CameoDetailPage");
const ComplaintsPage = page(() => import("../features/cameos/components/complaints-page.tsx"), "ComplaintsPage");
const ProtectedRegisterPage = page(
  () => import("../features/cameos/components/protected-register-page.tsx"),
  "ProtectedRegisterPage",
);
const HashBankPage = page(() => import("../features/hash-bank/components/hash-bank-page.tsx"), "HashBankPage");
const MediaLookupPage = page(
  () => import("../features/media-lookup/components/media-lookup-page.tsx"),
  "MediaLookupPage",
);
const InvitesPage = page(() => import("../features/invites/components/invites-page.tsx"), "InvitesPage");
const InviteWavePage = page(() => import("../features/invites/components/wave-page.tsx"), "WavePage");
const AuditPage = page(() => import("../features/audit/components/audit-page.tsx"), "AuditPage");
const TeamPage = page(() => import("../features/team/components/team-page.tsx"), "TeamPage");
const SettingsPage = page(() => import("../features/settings/components/settings-page.tsx"), "SettingsPage");
const DeliveriesPage = page(() => import("../features/deliveries/components/deliveries-page.tsx"), "DeliveriesPage");
const PlatformApiPage = page(
  () => import("../features/platform-api/components/platform-api-page.tsx"),
  "PlatformApiPage",
);
const PreferencesPage = page(() => import("../features/settings/components/preferences-page.tsx"), "PreferencesPage");
const AccountSecurityPage = page(
  () => import("../features/account-security/components/account-security-page.tsx"),
  "AccountSecurityPage",
);
const ReportPage = page(() => import("../features/report/components/report-page.tsx"), "ReportPage");

export function AppRoutes() {
  const me = useCurrentUserQuery();
  const [location] = useLocation();
  const search = useSearch();

  // The public takedown form: open to everyone, so it neither waits for nor depends on a session.
  if (location === "/report") {
    return (
      <Suspense fallback={<LoadingState />}>
        <ReportPage />
      </Suspense>
    );
  }
  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.error)
    return <ErrorState error={me.error} title="Vigil could not reach the server" onRetry={() => void me.refetch()} />;

  if (location === "/sign-in") {
    if (me.data) return <Redirect to={safeNextPath(new URLSearchParams(search).get("next"))} replace />;
    return (
      <Suspense fallback={<LoadingState />}>
        <SignInPage />
      </Suspense>
    );
  }
  if (!me.data) {
    const wanted = location === "/" ? "" : `?next=${encodeURIComponent(location + (search ? `?${search}` : ""))}`;
    return <Redirect to={`/sign-in${wanted}`} replace />;
  }

  // A session held to one task (a reset password, a required second factor) sees only the page that lifts it;
  // the server refuses everything else anyway.
  if (me.data.restriction) {
    // Keyed: coming from the sign-in page's redirect, an unkeyed one would be the same element and never fire.
    if (location !== ACCOUNT_SECURITY_PATH) return <Redirect key="held" to={ACCOUNT_SECURITY_PATH} replace />;
    return (
      <AppLayout user={me.data} isRestricted>
        <Suspense fallback={<LoadingState />}>
          <AccountSecurityPage />
        </Suspense>
      </AppLayout>
    );
  }

  return (
    <AppLayout user={me.data}>
      <Suspense fallback={<LoadingState />}>
        <Switch>
          <Route path="/">
            <Redirect to="/queues" replace />
          </Route>
          <Route path="/queues/:queue?">
            <RequireRole min="moderator" area="Queues">
              <QueuesPage />
            </RequireRole>
          </Route>
          <Route path="/health">
            <RequireRole min="moderator" area="Queue health">
              <QueueHealthPage />
            </RequireRole>
          </Route>
          <Route path="/accounts">
            <RequireRole min="moderator" area="Accounts">
              <AccountsPage />
            </RequireRole>
          </Route>
          <Route path="/accounts/:accountId">
            <RequireRole min="moderator" area="Accounts">
              <AccountPage />
            </RequireRole>
          </Route>
          <Route path="/cases/:caseId">
            <RequireRole min="moderator" area="Case review">
              <CasePage />
            </RequireRole>
          </Route>
          <Route path="/takedowns">
            <RequireRole min="staff" area="Takedowns">
              <TakedownsPage />
            </RequireRole>
          </Route>
          <Route path="/takedowns/new">
            <RequireRole min="staff" area="Takedowns">
              <EnterTakedownPage />
            </RequireRole>
          </Route>
          <Route path="/takedowns/:requestId">
            <RequireRole min="staff" area="Takedowns">
              <TakedownDetailPage />
            </RequireRole>
          </Route>
          <Route path="/cameos">
            <RequireRole min="staff" area="Cameos">
              <CameosPage />
            </RequireRole>
          </Route>
          <Route path="/cameos/complaints">
            <RequireRole min="staff" area="Likeness complaints">
              <ComplaintsPage />
            </RequireRole>
          </Route>
          <Route path="/cameos/protected">
            <RequireRole min="staff" area="Protected likenesses">
              <ProtectedRegisterPage />
            </RequireRole>
          </Route>
          <Route path="/cameos/:cameoId">
            <RequireRole min="staff" area="Cameos">
              <CameoDetailPage />
            </RequireRole>
          </Route>
          <Route path="/hash-bank">
            <RequireRole min="staff" area="Hash bank">
              <HashBankPage />
            </RequireRole>
          </Route>
          <Route path="/media-lookup">
            <RequireRole min="staff" area="Media lookup">
              <MediaLookupPage />
            </RequireRole>
          </Route>
          <Route path="/invites">
            <RequireRole min="admin" area="Invites">
              <InvitesPage />
            </RequireRole>
          </Route>
          <Route path="/invites/:waveId">
            <RequireRole min="admin" area="Invites">
              <InviteWavePage />
            </RequireRole>
          </Route>
          <Route path="/deliveries">
            <RequireRole min="admin" area="Deliveries">
              <DeliveriesPage />
            </RequireRole>
          </Route>
          <Route path="/audit">
            <RequireRole min="staff" area="Audit">
              <AuditPage />
            </RequireRole>
          </Route>
          <Route path="/team">
            <RequireRole min="admin" area="Team">
              <TeamPage />
            </RequireRole>
          </Route>
          <Route path="/settings">
            <RequireRole min="admin" area="Settings">
              <SettingsPage />
            </RequireRole>
          </Route>
          <Route path="/platform-api">
            <RequireRole min="staff" area="Platform API">
              <PlatformApiPage />
            </RequireRole>
          </Route>
          <Route path="/preferences">
            <PreferencesPage />
          </Route>
          <Route path={ACCOUNT_SECURITY_PATH}>
            <AccountSecurityPage />
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Suspense>
    </AppLayout>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link href="/queues">Go to the queues</Link>.
      </p>
    </section>
  );
}
