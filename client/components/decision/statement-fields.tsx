// The statement of reasons (EU DSA Art. 17) sent with a restrictive decision. Filled from the policy and the
// action; the reviewer can still correct any field before deciding.
import { useEffect, useRef, useState } from "react";
import { useController, useWatch } from "react-hook-form";
import { VISIBILITY_DECISIONS } from "@contracts/decisions.ts";
import { humanize } from "../../lib/format.ts";
import { CheckboxField, Field, SelectField, TextField } from "../field.tsx";
import type { DecisionForm } from "./decision-form-types.ts";

const GROUND_OPTIONS = [
  { value: "", label: "Choose a ground" },
  { value: "incompatible_content", label: "Incompatible with the terms of service" },
  { value: "illegal_content", label: "Illegal content" },
];

const VISIBILITY_OPTIONS = [
  { value: "", label: "Choose an outcome" },
  ...VISIBILITY_DECISIONS.map((v) => ({ value: v, label: humanize(v) })),
];

export function StatementFields({ form }: { form: DecisionForm }) {
  const errors = form.formState.errors.statement;
  const hasErrors = !!errors && Object.keys(errors).length > 0;
  const [isOpen, setIsOpen] = useState(false);
  const [ground, category, visibility, territories] = useWatch({
    control: form.control,
    name: ["statement.dsaGround", "statement.dsaCategory", "statement.visibility", "statement.territorialScope"],
  });

  // A refusal inside the statement must be visible, not folded away.
  useEffect(() => {
    if (hasErrors) setIsOpen(true);
  }, [hasErrors]);

  const summary = [ground ? humanize(ground) : null, visibility ? humanize(visibility) : null, territories?.join(", ")]
    .filter(Boolean)
    .join(" · ");
  return (
    <details className="statement" open={isOpen} onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary>
        Statement of reasons <span className="muted">{summary || "filled from the policy"}</span>
      </summary>
      <fieldset className="statement-fields">
        <legend className="visually-hidden">Statement of reasons</legend>
        <SelectField
          label="Decision ground"
          options={GROUND_OPTIONS}
          error={errors?.dsaGround?.message}
          {...form.register("statement.dsaGround")}
        />
        <TextField
          label="DSA category"
          title={category}
          error={errors?.dsaCategory?.message}
          {...form.register("statement.dsaCategory")}
        />
        <SelectField
          label="Visibility"
          options={VISIBILITY_OPTIONS}
          error={errors?.visibility?.message}
          {...form.register("statement.visibility")}
        />
        <TextField
          label="Legal reference"
          hint="Empty: the policy's own reference."
          error={errors?.legalReference?.message}
          {...form.register("statement.legalReference")}
        />
        <TerritoryField form={form} />
        <CheckboxField label="Detected by automated means" {...form.register("statement.automatedDetection")} />
        <CheckboxField label="Decided by automated means" {...form.register("statement.automatedDecision")} />
      </fieldset>
    </details>
  );
}

function parseTerritories(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
}

/** A list's error is on the list (too short) or on its items (a bad code): either way, one message. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if ("message" in error && typeof error.message === "string") return error.message;
  if (Array.isArray(error)) return error.map(firstMessage).find(Boolean);
  return undefined;
}

/** A list edited as text: the typed text is kept as typed (commas and all) while the form gets the parsed list. */
function TerritoryField({ form }: { form: DecisionForm }) {
  const { field, fieldState } = useController({ control: form.control, name: "statement.territorialScope" });
  const joined = (field.value ?? []).join(", ");
  const [text, setText] = useState(joined);
  const lastSent = useRef(joined);

  useEffect(() => {
    if (joined === lastSent.current) return;
    lastSent.current = joined;
    setText(joined);
  }, [joined]);

  const error = firstMessage(fieldState.error);
  return (
    <Field label="Territorial scope" hint="ISO country codes, EEA or WORLD, separated by commas." error={error}>
      {(control) => (
        <input
          {...control}
          className="input"
          ref={field.ref}
          name={field.name}
          value={text}
          onBlur={field.onBlur}
          onChange={(event) => {
            setText(event.target.value);
            const list = parseTerritories(event.target.value);
            lastSent.current = list.join(", ");
            field.onChange(list);
          }}
        />
      )}
    </Field>
  );
}
