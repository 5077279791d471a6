// "Suspend…", "Ban…" and "Reinstate…" open this dialog: the action form, then what the server did. Each opening
// gets its own idempotency key, so a double submit or a retry after a lost answer acts only once.
import { useEffect, useRef, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { asWire } from "../../../lib/trpc.ts";
import { newUuid } from "../../../lib/uuid.ts";
import type { AccountActionName } from "@contracts/accounts.ts";
import { useActOnAccount, type AccountActionOutcome } from "../api/act-on-account.ts";
import type { AccountProfile } from "../api/get-account.ts";
import { AccountActionForm } from "./account-action-form.tsx";

const TITLES: Record<AccountActionName, string> = { suspend: "Suspend", ban: "Ban", reinstate: "Reinstate" };
const SUBMIT_LABELS: Record<AccountActionName, string> = {
  suspend: "Suspend account",
  ban: "Ban account",
  reinstate: "Reinstate account",
};

function Consequence({ action, account }: { action: AccountActionName; account: AccountProfile }) {
  if (action === "reinstate") {
    const what = account.restriction?.policy
      ? `the ${account.status === "banned" ? "ban" : "suspension"} under ${account.restriction.policy.name}`
      : `the ${account.status === "banned" ? "ban" : "suspension"}`;
    return <p className="muted">Lifts {what}. The platform is told at once; strikes stay as they are.</p>;
  }
  return (
    <p className="muted">
      {action === "ban"
        ? "The account stays banned until a staff member reinstates it. "
        : "The suspension ends on its own after the days you set. "}
      The platform is told at once and the account holder receives a statement of reasons; strikes stay as they are.
    </p>
  );
}

export function AccountActionDialog({
  account,
  action,
  onClose,
}: {
  account: AccountProfile;
  action: AccountActionName;
  onClose: () => void;
}) {
  const act = useActOnAccount();
  const [idempotencyKey] = useState(newUuid);
  const [outcome, setOutcome] = useState<AccountActionOutcome | null>(null);
  const title = `${TITLES[action]} @${account.handle}`;

  return (
    <Dialog title={title} onClose={onClose}>
      {outcome ? (
        <ActionOutcome handle={account.handle} outcome={outcome} onClose={onClose} />
      ) : (
        <>
          <Consequence action={action} account={account} />
          <AccountActionForm
            action={action}
            accountId={account.id}
            idempotencyKey={idempotencyKey}
            submitLabel={SUBMIT_LABELS[action]}
            onSubmit={async (values) => setOutcome(asWire(await act.mutateAsync(values)))}
          />
        </>
      )}
    </Dialog>
  );
}

function outcomeText(handle: string, outcome: AccountActionOutcome): string {
  if (outcome.status === "suspended")
    return `@${handle} is suspended${outcome.suspendedUntil ? ` until ${formatDateTime(outcome.suspendedUntil)}` : ""}.`;
  if (outcome.status === "banned") return `@${handle} is banned.`;
  if (outcome.status === "active") return `@${handle} is active again.`;
  return `@${handle} is ${outcome.status}.`;
}

function ActionOutcome({
  handle,
  outcome,
  onClose,
}: {
  handle: string;
  outcome: AccountActionOutcome;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The form that had focus is gone; the outcome takes it, so a screen reader reads what happened.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="stack" role="status">
      <p>
        <strong>{outcomeText(handle, outcome)}</strong>
      </p>
      <p className="muted">
        {outcome.replayed
          ? "This had already been done by an earlier submit of the same form; nothing changed."
          : "Recorded in the decision history and sent to the platform."}
      </p>
      <Button variant="primary" onClick={onClose}>
        Done
      </Button>
    </div>
  );
}
