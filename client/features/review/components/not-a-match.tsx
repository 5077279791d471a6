// "Not a match": the reviewer's verdict that the hash bank flagged this post wrongly. The post goes into the
// "Not a match" safe bank, so it and its copies never flag again; the verdict can be undone the same way.
import { useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";
import { useNotAMatch, useNotAMatchState } from "../api/not-a-match.ts";

const ReasonOnly = z.object({
  reason: z.string().check(z.trim(), z.minLength(3, "Write the reason (at least 3 characters)"), z.maxLength(2_000)),
});

export function NotAMatch({ caseId }: { caseId: string }) {
  const state = useNotAMatchState(caseId);
  const marked = state.data?.marked ?? false;
  const [open, setOpen] = useState(false);
  const change = useNotAMatch(caseId, marked);
  if (state.isPending || state.isError) return null;
  return (
    <div className="row-actions">
      {marked ? (
        <p className="muted" role="status">
          Marked as not a match: this post and its copies no longer flag against the banks.
        </p>
      ) : null}
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {marked ? "Undo “not a match”" : "Not a match…"}
      </Button>
      {open ? (
        <ReasonDialog
          title={marked ? "Undo “not a match”" : "Not a match"}
          schema={ReasonOnly}
          reasonLabel={marked ? "Why should it flag again?" : "Why is this not a match?"}
          submitLabel={marked ? "Undo" : "Mark as not a match"}
          onSubmit={(reason) => change.mutateAsync({ caseId, reason }).then(() => setOpen(false))}
          onClose={() => setOpen(false)}
        >
          <p>
            {marked
              ? "The post leaves the “Not a match” bank; it and its copies can flag again."
              : "The post goes into the “Not a match” bank: it and its copies stop flagging against every bank."}
          </p>
        </ReasonDialog>
      ) : null}
    </div>
  );
}
