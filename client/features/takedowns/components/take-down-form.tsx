// One decision over the selected posts: a single batch, a statement of reasons per post, and a notice to the
// requester. The per-post outcome stays on screen, since some posts may be skipped (already down, deleted).
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Field, SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { usePolicies } from "../../../lib/policies.ts";
import { useTakeDown, type TakedownDetail } from "../api/takedown-detail.ts";

const SCOPE = /^([A-Z]{2}|EEA|WORLD)$/;

function splitScope(value: string): string[] {
  return value
    .toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean);
}

const TakeDownSchema = z.object({
  policyId: z.string().check(z.minLength(1, "Choose a policy")),
  reason: z.string().check(z.trim(), z.minLength(3, "Write the reason the uploader will read"), z.maxLength(2_000)),
  territorialScope: z
    .string()
    .check(
      z.refine(
        (value) => splitScope(value).length > 0 && splitScope(value).every((s) => SCOPE.test(s)),
        "Use WORLD, EEA or two-letter country codes",
      ),
    ),
});

export function TakeDownForm({ request, postIds }: { request: TakedownDetail; postIds: string[] }) {
  const policies = usePolicies();
  const takeDown = useTakeDown(request.id);
  const result = takeDown.data;

  return (
    <section className="panel" aria-labelledby="take-down-heading">
      <h2 id="take-down-heading">Take down</h2>
      <QueryStates query={policies} loadingLabel="Loading the policies…" errorTitle="Could not load the policies">
        {(list) => (
          <Form
            schema={TakeDownSchema}
            defaultValues={{ policyId: "", reason: "", territorialScope: "WORLD" }}
            aria-labelledby="take-down-heading"
            className="stack"
            onSubmit={async (values) => {
              await takeDown.mutateAsync({
                requestId: request.id,
                postIds,
                policyId: values.policyId,
                reason: values.reason,
                territorialScope: splitScope(values.territorialScope),
              });
            }}
          >
            {(form) => (
              <>
                <SelectField
                  label="Policy"
                  options={[
                    { value: "", label: "Choose a policy" },
                    ...list.map((p) => ({ value: p.id, label: p.name })),
                  ]}
                  error={form.formState.errors.policyId?.message}
                  {...form.register("policyId")}
                />
                <Field
                  label="Reason"
                  hint="Each uploader reads this in the statement of reasons."
                  error={form.formState.errors.reason?.message}
                >
                  {(control) => <textarea className="input" rows={3} {...control} {...form.register("reason")} />}
                </Field>
                <TextField
                  label="Territorial scope"
                  hint="WORLD, EEA or country codes such as DE FR."
                  error={form.formState.errors.territorialScope?.message}
                  {...form.register("territorialScope")}
                />
                <Button
                  type="submit"
                  variant="danger"
                  disabled={postIds.length === 0}
                  isPending={form.formState.isSubmitting}
                >
                  Take down {postIds.length} selected post{postIds.length === 1 ? "" : "s"}
                </Button>
                {postIds.length === 0 ? (
                  <p className="muted">Select the posts to act on in the located posts table.</p>
                ) : null}
              </>
            )}
          </Form>
        )}
      </QueryStates>
      {result ? (
        <div role="status" className="notice" aria-label="Take-down result">
          <p>
            Batch <code>{result.batchId}</code>: {result.results.filter((r) => r.status === "taken_down").length} taken
            down, {result.results.filter((r) => r.status === "skipped").length} skipped.
          </p>
          <ul>
            {result.results.map((r) => (
              <li key={r.postId}>
                <code>{r.postId}</code>:{" "}
                {r.status === "taken_down" ? "taken down" : `skipped${r.message ? ` — ${r.message}` : ""}`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
