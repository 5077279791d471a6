// Step 2: the chosen type's form. Validated with that type's schema before anything is sent; the server's
// per-field refusals land beside their fields, anything else in an alert.
import { useState } from "react";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "../button.tsx";
import { messageOf } from "../../lib/api-errors.ts";
import { applyServerFieldErrors } from "../../lib/server-field-errors.ts";
import {
  defaultValuesFor,
  INTAKE_FORM_SCHEMAS,
  TAKEDOWN_TYPE_LABELS,
  toIntake,
  type IntakeFormValues,
  type TakedownIntakeType,
} from "./intake-forms.ts";
import { ContentLinksField } from "./content-links-field.tsx";
import { TYPE_FIELDS } from "./type-fields.tsx";

export interface SubmittedTakedown {
  type: TakedownIntakeType;
  reference: string;
  email: string | null;
}

interface TakedownFormProps {
  type: TakedownIntakeType;
  /** sends the request: the public form files it, staff enter it on the requester's behalf */
  send: (intake: ReturnType<typeof toIntake>) => Promise<{ reference: string }>;
  onSubmitted: (submitted: SubmittedTakedown) => void;
  submitLabel?: string;
}

export function TakedownForm({ type, send, onSubmitted, submitLabel = "Send request" }: TakedownFormProps) {
  const defaultValues = defaultValuesFor(type);
  const form = useForm<IntakeFormValues>({
    // Each type's schema differs; the form's values are the loose shape they all share.
    resolver: zodResolver(INTAKE_FORM_SCHEMAS[type] as never) as unknown as Resolver<IntakeFormValues>,
    defaultValues,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const Fields = TYPE_FIELDS[type];

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { reference } = await send(toIntake(values));
      const email =
        typeof values.requesterEmail === "string" && values.requesterEmail.trim() ? values.requesterEmail.trim() : null;
      onSubmitted({ type, reference, email });
    } catch (error) {
      // Each link is its own input; the list's own refusal goes beside the first.
      const fields = [
        ...Object.keys(defaultValues),
        ...form.getValues("contentUrls").map((_, index) => `contentUrls.${index}`),
      ];
      if (!applyServerFieldErrors(form, error, fields)) setFormError(messageOf(error));
    }
  });

  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="stack report-form"
        aria-label={TAKEDOWN_TYPE_LABELS[type]}
        onSubmit={(event) => void submit(event)}
      >
        {formError ? (
          <div className="form-alert" role="alert">
            {formError}
          </div>
        ) : null}
        <ContentLinksField />
        <Fields />
        {/* Bots fill every field they find; people never see this one, so a value here marks a bot. */}
        <div className="report-honeypot" aria-hidden="true">
          <label htmlFor="report-website">Leave this field empty</label>
          <input id="report-website" type="text" tabIndex={-1} autoComplete="off" {...form.register("website")} />
        </div>
        <Button type="submit" variant="primary" isPending={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </form>
    </FormProvider>
  );
}
