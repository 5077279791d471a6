// Asks why before entries leave matching: the reason goes to the audit log with one batch id for the lot.
import * as z from "zod/mini";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";
import { pluralize } from "../../../lib/format.ts";
import type { RouterOutputs } from "../../../lib/trpc.ts";
import { useDeactivateHashBankEntries } from "../api/deactivate-hash-bank-entries.ts";
import { DeactivateEntriesInput } from "@contracts/hash-bank.ts";

const DeactivateReason = z.pick(DeactivateEntriesInput, { reason: true });

export type TakeOutResult = RouterOutputs["hashBank"]["deactivate"];

export function TakeOutDialog({
  entryIds,
  onDone,
  onClose,
}: {
  entryIds: string[];
  onDone: (result: TakeOutResult) => void;
  onClose: () => void;
}) {
  const deactivate = useDeactivateHashBankEntries();
  const many = entryIds.length > 1;
  return (
    <ReasonDialog
      title={
        many
          ? `Take ${pluralize(entryIds.length, "entry", "entries")} out of matching`
          : "Take this entry out of matching"
      }
      schema={DeactivateReason}
      reasonHint="Kept in the audit log with the entries, e.g. a false positive or a decision that was reversed."
      submitLabel="Take out of matching"
      submitVariant="danger"
      onClose={onClose}
      onSubmit={async (reason) => {
        onDone(await deactivate.mutateAsync({ entryIds, reason }));
      }}
    >
      <p className="notice notice-warning">
        New posts will no longer be compared with {many ? "these hashes" : "this hash"}. Cases {many ? "they" : "it"}{" "}
        already flagged stay in their queue.
      </p>
    </ReasonDialog>
  );
}

export function describeTakeOut(result: TakeOutResult): string {
  const done = `Took ${pluralize(result.deactivated, "entry", "entries")} out of matching.`;
  if (result.alreadyInactive === 0) return done;
  return `${done} ${result.alreadyInactive} ${result.alreadyInactive === 1 ? "was" : "were"} out already.`;
}
