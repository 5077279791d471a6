// A DMCA § 512(g) counter-notice received by post or email, typed in by staff. The server checks every element
// again; the checks here only spare a round trip for the obvious gaps.
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { CheckboxField, Field, SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { useRecordCounterNotice } from "../api/takedown-extras.ts";

const required = (min: number, message: string) => z.string().check(z.trim(), z.minLength(min, message));

const CounterNoticeSchema = z.object({
  postId: required(1, "Choose the post the counter-notice is about"),
  name: required(1, "Enter the sender's full name"),
  address: required(5, "Enter the sender's address"),
  phone: required(5, "Enter a telephone number"),
  email: z.string().check(
    z.trim(),
    z.refine((v) => v === "" || v.includes("@"), "Enter an email address or leave it empty"),
  ),
  signature: required(2, "A physical or electronic signature is required"),
  statement: required(
    20,
    "State, under penalty of perjury, the good-faith belief that the material was removed by mistake",
  ),
  consentToJurisdiction: z
    .boolean()
    .check(z.refine((v) => v, "The sender must consent to the jurisdiction of a federal district court")),
});

const EMPTY = {
  postId: "",
  name: "",
  address: "",
  phone: "",
  email: "",
  signature: "",
  statement: "",
  consentToJurisdiction: false,
};

export function CounterNoticeForm({ requestId, postIds }: { requestId: string; postIds: string[] }) {
  const record = useRecordCounterNotice(requestId);
  return (
    <Form
      schema={CounterNoticeSchema}
      defaultValues={{ ...EMPTY, postId: postIds.length === 1 ? postIds[0]! : "" }}
      aria-label="Record a counter-notice"
      className="stack"
      onSubmit={async (values, form) => {
        await record.mutateAsync({
          requestId,
          ...values,
          email: values.email || undefined,
          consentToJurisdiction: true,
        });
        form.reset(EMPTY);
      }}
    >
      {(form) => {
        const errors = form.formState.errors;
        return (
          <>
            <SelectField
              label="Post"
              options={[
                { value: "", label: "Choose a taken-down post" },
                ...postIds.map((id) => ({ value: id, label: id })),
              ]}
              error={errors.postId?.message}
              {...form.register("postId")}
            />
            <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
            <TextField
              label="Address"
              autoComplete="off"
              error={errors.address?.message}
              {...form.register("address")}
            />
            <TextField label="Phone" autoComplete="off" error={errors.phone?.message} {...form.register("phone")} />
            <TextField
              label="Email"
              type="email"
              hint="Optional."
              autoComplete="off"
              error={errors.email?.message}
              {...form.register("email")}
            />
            <TextField
              label="Signature"
              autoComplete="off"
              error={errors.signature?.message}
              {...form.register("signature")}
            />
            <Field
              label="Statement"
              hint="The statement under penalty of perjury, as received."
              error={errors.statement?.message}
            >
              {(control) => <textarea className="input" rows={3} {...control} {...form.register("statement")} />}
            </Field>
            <CheckboxField
              label="The sender consents to the jurisdiction of a federal district court"
              {...form.register("consentToJurisdiction")}
            />
            {errors.consentToJurisdiction?.message ? (
              <p className="field-error">{errors.consentToJurisdiction.message}</p>
            ) : null}
            <Button type="submit" variant="primary" isPending={form.formState.isSubmitting}>
              Record counter-notice
            </Button>
          </>
        );
      }}
    </Form>
  );
}
