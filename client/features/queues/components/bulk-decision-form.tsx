// The bulk decision: the same fields as a single decision, applied to every selected case under one batch id.
// Loaded on demand, so the queue list does not carry the form until someone decides in bulk.
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { DecisionFields, CASE_ACTIONS } from "@contracts/decisions.ts";
import { Button } from "../../../components/button.tsx";
import { DecisionFieldset } from "../../../components/decision/decision-fieldset.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import {
  DECISION_FIELD_NAMES,
  initialDecisionValues,
  preferredPolicy,
  rememberPolicy,
  toDecisionInput,
  type DecisionOutput,
  type DecisionValues,
} from "../../../lib/decision-values.ts";
import { pluralize } from "../../../lib/format.ts";
import { usePolicies, type Policy } from "../../../lib/policies.ts";
import { applyServerFieldErrors } from "../../../lib/server-field-errors.ts";
import { useBulkDecision } from "../api/decide-bulk.ts";
import type { CaseRow } from "../api/list-cases.ts";
import { BulkProgress } from "./bulk-progress.tsx";

export interface BulkDecisionFormProps {
  rows: readonly CaseRow[];
  /** the queue the list shows, or "all"; the remembered policy is per queue */
  queueKey: string;
  onFinished: () => void;
  onClose: () => void;
}

export function BulkDecisionForm(props: BulkDecisionFormProps) {
  const policies = usePolicies();
  return (
    <QueryStates query={policies} loadingLabel="Loading the policies…" errorTitle="Could not load the policies">
      {(list) => <BulkForm {...props} policies={list} />}
    </QueryStates>
  );
}

function rowLabel(row: CaseRow): string {
  return `${row.creatorHandle ? `@${row.creatorHandle}` : "case"} (${row.id.slice(-6)})`;
}

/** The category every selected case shares, if they share one: its policy is the likely citation. */
function sharedCategory(rows: readonly CaseRow[]): string | null {
  const first = rows[0]?.category ?? null;
  return rows.every((r) => r.category === first) ? first : null;
}

function BulkForm({
  rows,
  queueKey,
  policies,
  onFinished,
  onClose,
}: BulkDecisionFormProps & { policies: readonly Policy[] }) {
  const idPrefix = useId();
  const bulk = useBulkDecision();
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const [defaultValues] = useState(() =>
    initialDecisionValues({
      policy: preferredPolicy(policies, queueKey, sharedCategory(rows)),
      automatedDetection: rows.some((r) => r.maxScore !== null),
    }),
  );
  const form = useForm<DecisionValues, unknown, DecisionOutput>({
    resolver: zodResolver(DecisionFields),
    defaultValues,
  });

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setLabels(new Map(rows.map((r) => [r.id, rowLabel(r)])));
    try {
      await bulk.start(
        toDecisionInput(values),
        rows.map((r) => ({ caseId: r.id, expectedVersion: r.version })),
      );
      rememberPolicy(queueKey, values.policyId);
      onFinished();
    } catch (error) {
      if (!applyServerFieldErrors(form, error, DECISION_FIELD_NAMES)) setFormError(messageOf(error));
    }
  });

  const run = bulk.run;
  // A run refused before deciding anything (say, a field the server rejects) goes back to the form.
  const isEditing = !run || (run.status === "interrupted" && run.outcomes.length === 0);

  return (
    <section className="bulk-form" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>Decide {pluralize(run ? run.total : rows.length, "case")}</h2>
      {isEditing ? (
        <form noValidate aria-labelledby={`${idPrefix}-title`} onSubmit={(event) => void submit(event)}>
          {formError ? (
            <div className="form-alert" role="alert">
              {formError}
            </div>
          ) : null}
          <fieldset className="decision-fields bulk-fields" disabled={form.formState.isSubmitting}>
            <DecisionFieldset
              form={form}
              actions={CASE_ACTIONS}
              policies={policies}
              idPrefix={idPrefix}
              reasonHint="Every user concerned reads this."
            />
            <div className="form-actions">
              <Button
                type="submit"
                variant="primary"
                isPending={form.formState.isSubmitting}
                disabled={rows.length === 0}
              >
                Decide {pluralize(rows.length, "case")}
              </Button>
              <Button variant="ghost" onClick={onClose}>
                Cancel
              </Button>
            </div>
          </fieldset>
        </form>
      ) : (
        <>
          <BulkProgress run={run} labels={labels} />
          {run.status === "interrupted" ? (
            <div className="form-alert" role="alert">
              The run stopped: {messageOf(run.error)}{" "}
              <Button size="sm" onClick={() => void bulk.resume().then(onFinished, () => undefined)}>
                Resume the remaining {run.remaining.length}
              </Button>
            </div>
          ) : null}
          {run.status === "done" ? (
            <Button size="sm" onClick={onClose}>
              Close
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
