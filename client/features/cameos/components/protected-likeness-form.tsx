// Adding a person to the protected-likeness register. Aliases are typed comma-separated and checked, once split,
// by the procedure's own rule.
import { useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Field, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { NewProtectedLikenessInput, PROTECTED_KINDS } from "@contracts/cameos.ts";
import { useAddProtectedLikeness } from "../api/add-protected-likeness.ts";
import { PROTECTED_KIND_LABELS } from "../lib/labels.ts";

function splitAliases(text: string): string[] {
  return text
    .split(",")
    .map((alias) => alias.trim())
    .filter(Boolean);
}

const AddFields = z.extend(NewProtectedLikenessInput, {
  aliases: z.pipe(z.pipe(z.string(), z.transform(splitAliases)), NewProtectedLikenessInput.shape.aliases),
});

export function ProtectedLikenessForm() {
  const add = useAddProtectedLikeness();
  const [added, setAdded] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="register-add-heading">
      <h2 id="register-add-heading">Add to the register</h2>
      <Form
        schema={AddFields}
        defaultValues={{ name: "", kind: undefined, aliases: "", requestedBy: "", note: "" }}
        aria-labelledby="register-add-heading"
        className="form-grid"
        onSubmit={async (values, form) => {
          setAdded(null);
          const entry = await add.mutateAsync(values);
          setAdded(entry.name);
          form.reset();
        }}
      >
        {(form) => {
          const kindError = form.formState.errors.kind?.message;
          return (
            <>
              <TextField
                label="Name"
                autoComplete="off"
                error={form.formState.errors.name?.message}
                {...form.register("name")}
              />
              <fieldset className="action-choice" aria-describedby={kindError ? "register-kind-error" : undefined}>
                <legend>Kind</legend>
                <div className="action-options">
                  {PROTECTED_KINDS.map((kind) => (
                    <div className="action-option" key={kind}>
                      <input
                        type="radio"
                        id={`register-kind-${kind}`}
                        value={kind}
                        aria-invalid={kindError ? true : undefined}
                        {...form.register("kind")}
                      />
                      <label htmlFor={`register-kind-${kind}`}>{PROTECTED_KIND_LABELS[kind]}</label>
                    </div>
                  ))}
                </div>
                {kindError ? (
                  <p id="register-kind-error" className="field-error">
                    {kindError}
                  </p>
                ) : null}
              </fieldset>
              <TextField
                label="Aliases"
                hint="Other names, comma-separated."
                autoComplete="off"
                error={form.formState.errors.aliases?.message}
                {...form.register("aliases")}
              />
              <TextField
                label="Requested by"
                hint="The person, agent or estate who asked."
                error={form.formState.errors.requestedBy?.message}
                {...form.register("requestedBy")}
              />
              <Field label="Note" error={form.formState.errors.note?.message}>
                {(control) => <textarea className="input" rows={2} {...control} {...form.register("note")} />}
              </Field>
              <div className="form-actions row-actions">
                <Button type="submit" variant="primary" isPending={form.formState.isSubmitting}>
                  Add to register
                </Button>
                {added ? (
                  <span role="status" className="notice">
                    Added {added} to the register.
                  </span>
                ) : null}
              </div>
            </>
          );
        }}
      </Form>
    </section>
  );
}
