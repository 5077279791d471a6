import { PageHeader } from "../../../components/page-header.tsx";
import { useCurrentUser } from "../../../lib/auth.ts";
import { ChangePasswordPanel } from "./change-password-panel.tsx";
import { SecondFactorPanel } from "./second-factor-panel.tsx";
import { SessionsPanel } from "./sessions-panel.tsx";

const HELD_BECAUSE = {
  password_change:
    "An admin reset your password. Choose a new one to continue; until then the rest of the console stays closed.",
  second_factor_enrolment:
    "Your role requires two-factor sign-in. Set up an authenticator app to continue; until then the rest of the console stays closed.",
} as const;

/** The signed-in person's own password, second factor and sessions. A held session sees only what lifts the hold. */
export function AccountSecurityPage() {
  const { restriction } = useCurrentUser();
  return (
    <>
      <PageHeader
        title="Account security"
        description="Your password, two-factor sign-in, and where you are signed in."
      />
      {restriction ? (
        <p className="notice notice-warning" role="alert">
          {HELD_BECAUSE[restriction]}
        </p>
      ) : null}
      {restriction !== "second_factor_enrolment" ? <ChangePasswordPanel /> : null}
      {restriction !== "password_change" ? <SecondFactorPanel /> : null}
      {!restriction ? <SessionsPanel /> : null}
    </>
  );
}
