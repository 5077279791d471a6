// An automatic take-down someone asked for, waiting for a second admin (four-eyes rule): who asked, when and why,
// and for another admin the way to approve or refuse it. The one who asked is told another admin must decide.
import { useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { DecideBankActionInput } from "@contracts/hash-bank.ts";
import { useDecideBankAction } from "../api/decide-bank-action.ts";
import type { HashBank } from "../api/list-hash-banks.ts";
import { bankActionLabel } from "./bank-labels.ts";

const DecisionReason = z.pick(DecideBankActionInput, { reason: true });

export function BankPendingAction({
  bank,
  viewer,
  onDecided,
}: {
  bank: HashBank;
  viewer: { id: string; isAdmin: boolean };
  onDecided: (message: string) => void;
}) {
  const decide = useDecideBankAction();
  const [deciding, setDeciding] = useState<"approve" | "refuse" | null>(null);
  if (!bank.pendingAction) return null;
  const asked = bankActionLabel(bank.pendingAction).toLowerCase();
  const askedByViewer = bank.pendingActionBy?.id === viewer.id;

  return (
    <div className="notice notice-warning" role="group" aria-label={`Waiting for a second admin: ${bank.name}`}>
      <p>
        <strong>Waiting for a second admin</strong> to approve: {asked}.
      </p>
      <p className="muted">
        Asked by {askedByViewer ? "you" : (bank.pendingActionBy?.displayName ?? "a former admin")}
        {bank.pendingActionAt ? (
          <>
            {" "}
            on <time dateTime={bank.pendingActionAt}>{formatDateTime(bank.pendingActionAt)}</time>
          </>
        ) : null}
        {bank.pendingActionReason ? <>: “{bank.pendingActionReason}”</> : null}
      </p>
      {!viewer.isAdmin ? null : askedByViewer ? (
        <p className="muted">Another admin must approve or refuse it.</p>
      ) : (
        <p className="row-actions">
          <Button size="sm" variant="primary" onClick={() => setDeciding("approve")}>
            Approve…
          </Button>
          <Button size="sm" onClick={() => setDeciding("refuse")}>
            Refuse…
          </Button>
        </p>
      )}
      {deciding ? (
        <ReasonDialog
          title={
            deciding === "approve"
              ? `Approve automatic take-down for ${bank.name}`
              : `Refuse the request for ${bank.name}`
          }
          schema={DecisionReason}
          reasonHint="Kept in the audit log with the decision."
          submitLabel={deciding === "approve" ? "Approve" : "Refuse"}
          submitVariant={deciding === "approve" ? "danger" : "primary"}
          onClose={() => setDeciding(null)}
          onSubmit={async (reason) => {
            await decide.mutateAsync({ bankId: bank.id, approve: deciding === "approve", reason });
            setDeciding(null);
            onDecided(
              deciding === "approve"
                ? `${bank.name}: a match now takes the post down automatically.`
                : `${bank.name}: the request for automatic take-down was refused.`,
            );
          }}
        >
          {deciding === "approve" ? (
            <p className="notice notice-warning">
              Posts matching this bank will be taken down without a moderator looking at them first.
            </p>
          ) : null}
        </ReasonDialog>
      ) : null}
    </div>
  );
}
