// The case view's decision: the form (the procedure's own schema), and a submit that is safe to repeat, turns
// the server's refusals into something to act on, and hands over to the next case.
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { DecisionFields, type CaseAction } from "@contracts/decisions.ts";
import { errorCodeOf, messageOf } from "../../../lib/api-errors.ts";
import {
  DECISION_FIELD_NAMES,
  initialDecisionValues,
  preferredPolicy,
  rememberPolicy,
  toDecisionInput,
  type DecisionOutput,
  type DecisionValues,
} from "../../../lib/decision-values.ts";
import type { Policy } from "../../../lib/policies.ts";
import { applyServerFieldErrors } from "../../../lib/server-field-errors.ts";
import { isApiError, type RouterOutputs } from "../../../lib/trpc.ts";
import { newUuid } from "../../../lib/uuid.ts";
import { useDecideCase } from "../api/decide-case.ts";
import type { CaseDetail } from "../api/get-case.ts";
import { hasAutomatedDetection } from "../lib/case-facts.ts";

export type DecisionResult = RouterOutputs["case"]["decide"];

export const ACTION_SHORTCUTS: Partial<Record<CaseAction, string>> = {
  take_down_post: "t",
  hold_post: "h",
  dismiss: "d",
  escalate: "e",
};

export function useDecisionForm({
  detail,
  policies,
  onDecided,
}: {
  detail: CaseDetail;
  policies: readonly Policy[];
  onDecided: (result: DecisionResult) => Promise<void>;
}) {
  const decide = useDecideCase();
  const [defaultValues] = useState(() =>
    initialDecisionValues({
      policy: preferredPolicy(policies, detail.queue, detail.category),
      automatedDetection: hasAutomatedDetection(detail),
    }),
  );
  const form = useForm<DecisionValues, unknown, DecisionOutput>({
    resolver: zodResolver(DecisionFields),
    defaultValues,
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // One key per attempt at these values: resending after a lost answer replays the first result instead of
  // deciding twice; once the server has answered, the next submit is a new attempt.
  const idempotencyKey = useRef<string | null>(null);

  // A second Ctrl+Enter while the first submit is on its way must not decide (and claim a next case) twice.
  const isBusy = useRef(false);

  const handleSubmit = form.handleSubmit(async (values) => {
    setConflict(null);
    setFormError(null);
    idempotencyKey.current ??= newUuid();
    let result: DecisionResult;
    try {
      result = await decide.mutateAsync({
        ...toDecisionInput(values),
        caseId: detail.id,
        expectedVersion: detail.version,
        idempotencyKey: idempotencyKey.current,
      });
    } catch (error) {
      if (isApiError(error) && error.data) idempotencyKey.current = null;
      if (errorCodeOf(error) === "CONFLICT") setConflict(messageOf(error));
      else if (!applyServerFieldErrors(form, error, DECISION_FIELD_NAMES)) setFormError(messageOf(error));
      return;
    }
    idempotencyKey.current = null;
    rememberPolicy(detail.queue, values.policyId);
    try {
      await onDecided(result);
    } catch (error) {
      setFormError(`The decision was saved, but the next case could not be opened: ${messageOf(error)}`);
    }
  });

  const submit = async (event?: { preventDefault: () => void }) => {
    if (isBusy.current || decide.isSuccess) {
      event?.preventDefault();
      return;
    }
    isBusy.current = true;
    try {
      await handleSubmit(event as Parameters<typeof handleSubmit>[0]);
    } finally {
      isBusy.current = false;
    }
  };

  return {
    form,
    submit,
    isSubmitting: form.formState.isSubmitting,
    isDecided: decide.isSuccess,
    conflict,
    formError,
    clearConflict: () => setConflict(null),
  };
}
