// The one form wrapper: react-hook-form validated by a zod schema, with the server's refusals shown where they
// belong — a field's message beside the field, anything else in an alert above the buttons.
import { useState, type FormHTMLAttributes, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type * as z from "zod/v4/core";
import { messageOf } from "../lib/api-errors.ts";
import { applyServerFieldErrors } from "../lib/server-field-errors.ts";

// Core types, so both full zod and zod/mini schemas fit.
type AnySchema = z.$ZodType<FieldValues, FieldValues>;
export type FormMethods<S extends AnySchema> = UseFormReturn<z.input<S>, unknown, z.output<S>>;

interface FormProps<S extends AnySchema> extends Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "children"> {
  schema: S;
  /** every field, so server field errors can be matched to the inputs that exist */
  defaultValues: DefaultValues<z.input<S>>;
  /** throw (or let a mutation throw) to show the server's answer */
  onSubmit: (values: z.output<S>, form: FormMethods<S>) => unknown;
  children: (form: FormMethods<S>) => ReactNode;
}

export function Form<S extends AnySchema>({ schema, defaultValues, onSubmit, children, ...formProps }: FormProps<S>) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema),
    defaultValues,
  });
  const [formError, setFormError] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values, form);
    } catch (error) {
      if (!applyServerFieldErrors(form, error, Object.keys(defaultValues ?? {}))) setFormError(messageOf(error));
    }
  });

  return (
    <form noValidate {...formProps} onSubmit={(event) => void submit(event)}>
      {formError ? (
        <div className="form-alert" role="alert">
          {formError}
        </div>
      ) : null}
      {children(form)}
    </form>
  );
}
