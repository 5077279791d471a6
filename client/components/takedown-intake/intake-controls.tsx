// The form's controls, bound to the surrounding react-hook-form by field name so each legal type's fields read
// as a list of what the law asks for. Each wires its label, hint and error to the control for screen readers.
import { useId, type ReactNode } from "react";
import { useFormContext, type FieldErrors } from "react-hook-form";
import { Field, TextField } from "../field.tsx";
import type { IntakeFormValues } from "./intake-forms.ts";

/** A field's message, at any depth ("contentUrls.1"). */
export function errorMessageOf(errors: FieldErrors<IntakeFormValues>, name: string): string | undefined {
  let node: unknown = errors;
  for (const part of name.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message ? message : undefined;
}

export function useIntakeField(name: string) {
  const form = useFormContext<IntakeFormValues>();
  return { register: form.register(name), error: errorMessageOf(form.formState.errors, name) };
}

export function IntakeTextField({
  name,
  label,
  hint,
  type = "text",
  autoComplete,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  type?: string;
  autoComplete?: string;
}) {
  const { register, error } = useIntakeField(name);
  return <TextField label={label} hint={hint} type={type} autoComplete={autoComplete} error={error} {...register} />;
}

export function IntakeTextArea({ name, label, hint }: { name: string; label: string; hint?: ReactNode }) {
  const { register, error } = useIntakeField(name);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <textarea className="input" rows={4} {...register} {...control} />}
    </Field>
  );
}

/** A statement the requester affirms; the law's wording is the label, so what is signed is what is read. */
export function IntakeStatement({ name, children }: { name: string; children: ReactNode }) {
  const { register, error } = useIntakeField(name);
  const id = useId();
  return (
    <div className={["field-checkbox", "report-statement", error ? "field-invalid" : ""].filter(Boolean).join(" ")}>
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...register}
      />
      <label htmlFor={id}>{children}</label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function IntakeChoice({
  name,
  legend,
  options,
}: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
}) {
  const { register, error } = useIntakeField(name);
  const id = useId();
  return (
    <fieldset
      className={["field", "report-choice", error ? "field-invalid" : ""].filter(Boolean).join(" ")}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="field-checkbox">
          <input type="radio" value={option.value} aria-invalid={error ? true : undefined} {...register} />
          {option.label}
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function RequesterFields({ isOptional = false }: { isOptional?: boolean }) {
  const hint = isOptional ? "Optional for notices about child sexual abuse." : undefined;
  return (
    <>
      <IntakeTextField name="requesterName" label="Your full name" autoComplete="name" hint={hint} />
      <IntakeTextField
        name="requesterEmail"
        label="Your email"
        type="email"
        autoComplete="email"
        hint={hint ?? "We send the receipt and our decision here."}
      />
    </>
  );
}

export function SignatureField() {
  return (
    <IntakeTextField
      name="signature"
      label="Electronic signature"
      hint="Type your full name. It counts as your signature."
      autoComplete="name"
    />
  );
}
