// The organisation's media wellness defaults: what every reviewer gets until they choose otherwise. Admins only;
// the server refuses anyone else.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { CheckboxField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useCurrentUser } from "../../../lib/auth.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import {
  ORG_MEDIA_DEFAULTS,
  orgMediaDefaultsSchema,
  useOrgMediaDefaults,
  useSetOrgMediaDefaults,
  type OrgMediaDefaultsValues,
} from "../api/org-media-defaults.ts";

export function OrgMediaDefaults() {
  const user = useCurrentUser();
  if (!roleAtLeast(user.role, "admin")) return null;
  return <OrgMediaDefaultsPanel />;
}

function OrgMediaDefaultsPanel() {
  const defaults = useOrgMediaDefaults();
  return (
    <section className="panel" aria-labelledby="org-media-defaults-heading">
      <h2 id="org-media-defaults-heading">Media defaults for everyone</h2>
      {defaults.isPending ? (
        <LoadingState label="Loading the media defaults…" />
      ) : defaults.isError ? (
        <ErrorState
          error={defaults.error}
          title="Could not load the media defaults"
          onRetry={() => void defaults.refetch()}
        />
      ) : (
        <OrgMediaDefaultsForm values={defaults.data} />
      )}
    </section>
  );
}

function OrgMediaDefaultsForm({ values }: { values: OrgMediaDefaultsValues }) {
  const save = useSetOrgMediaDefaults();
  const [saved, setSaved] = useState(false);
  return (
    <Form
      schema={orgMediaDefaultsSchema}
      defaultValues={values}
      onSubmit={async (input, form) => {
        setSaved(false);
        const result = await save.mutateAsync(input);
        form.reset(result);
        setSaved(true);
      }}
      aria-labelledby="org-media-defaults-heading"
      className="stack"
    >
      {({ register, formState: { isSubmitting } }) => (
        <>
          <p className="muted">
            What reviewers get until they choose otherwise in their own preferences; their own choices win.
          </p>
          {ORG_MEDIA_DEFAULTS.map((d) => (
            <CheckboxField key={d.key} label={d.label} {...register(d.key, { onChange: () => setSaved(false) })} />
          ))}
          {saved ? (
            <p role="status" className="notice">
              Saved. Reviewers without their own choice now get these defaults.
            </p>
          ) : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={isSubmitting}>
              Save
            </Button>
          </div>
        </>
      )}
    </Form>
  );
}
