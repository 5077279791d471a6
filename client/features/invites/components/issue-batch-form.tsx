// Issues a batch and follows it to the end. Up to 10,000 codes are written before the server answers; larger
// batches answer at once and continue in the background, so the bar polls the batch until it is complete.
import { useEffect, useEffectEvent, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { formatCount } from "../../../lib/format.ts";
import {
  issueBatchSchema,
  MAX_BATCH_SIZE,
  useInviteBatch,
  useIssueInviteBatch,
  useRefreshAfterIssue,
} from "../api/issue-invite-batch.ts";
import { BatchProgress } from "./batch-progress.tsx";

export function IssueBatchForm({ waveId, isClosed }: { waveId: string; isClosed: boolean }) {
  const issue = useIssueInviteBatch();
  const refresh = useRefreshAfterIssue();
  const [batchId, setBatchId] = useState<string | null>(null);
  const batch = useInviteBatch(batchId);
  const status = batch.data?.status;

  // The counts elsewhere on the page change when the batch ends.
  const onFinished = useEffectEvent(() => void refresh(waveId));
  useEffect(() => {
    if (status === "complete" || status === "failed") onFinished();
  }, [status, batchId]);

  const requested = issue.isPending ? (issue.variables?.count ?? 0) : null;

  return (
    <section className="panel" aria-labelledby="issue-heading">
      <h2 id="issue-heading">Issue codes</h2>
      {isClosed ? (
        <p className="muted">This wave is closed; open a new wave to issue more codes.</p>
      ) : (
        <Form
          schema={issueBatchSchema}
          defaultValues={{ waveId, count: 1_000 }}
          onSubmit={async (values) => {
            setBatchId(null);
            const started = await issue.mutateAsync(values);
            setBatchId(started.id);
          }}
          aria-label="Issue codes"
          className="inline-form"
        >
          {({ register, formState: { errors, isSubmitting } }) => (
            <>
              <TextField
                label="Number of codes"
                type="number"
                min={1}
                max={MAX_BATCH_SIZE}
                inputMode="numeric"
                hint={`1 to ${formatCount(MAX_BATCH_SIZE)} per batch.`}
                error={errors.count?.message}
                {...register("count", { valueAsNumber: true })}
              />
              <div className="form-actions">
                <Button type="submit" variant="primary" isPending={isSubmitting}>
                  Issue codes
                </Button>
              </div>
            </>
          )}
        </Form>
      )}
      {requested !== null ? (
        <div className="batch-run">
          <BatchProgress issued={0} size={requested} label="Issuing codes" />
          <p className="muted" role="status">
            Issuing {formatCount(requested)} codes…
          </p>
        </div>
      ) : batch.data ? (
        <div className="batch-run">
          <BatchProgress issued={batch.data.issuedCount} size={batch.data.size} label="Issuing codes" />
          <p role="status" className={batch.data.status === "failed" ? "field-error" : "muted"}>
            {batch.data.status === "complete"
              ? `Issued ${formatCount(batch.data.issuedCount)} codes.`
              : batch.data.status === "failed"
                ? `Stopped after ${formatCount(batch.data.issuedCount)} of ${formatCount(batch.data.size)} codes: ${batch.data.failedReason ?? "issuing failed"}.`
                : `Issued ${formatCount(batch.data.issuedCount)} of ${formatCount(batch.data.size)} codes…`}
          </p>
        </div>
      ) : null}
    </section>
  );
}
