// Ties a complaint to what it is about: a cameo (by id) or a person on the protected-likeness register.
import type * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { LinkComplaintInput } from "@contracts/cameos.ts";
import { useLinkComplaint } from "../api/link-complaint.ts";
import { useProtectedLikenesses } from "../api/list-protected-likenesses.ts";

type LinkValues = z.input<typeof LinkComplaintInput>;

export function LinkComplaintForm({
  signalId,
  cameoId,
  onDone,
}: {
  signalId: string;
  cameoId: string | null;
  onDone?: () => void;
}) {
  const link = useLinkComplaint();
  const register = useProtectedLikenesses({ search: "", includeRemoved: false });
  const idBase = `link-${signalId}`;
  return (
    <Form
      schema={LinkComplaintInput}
      // Both targets' fields, so switching keeps what was typed; the union's schema keeps only the chosen one's.
      defaultValues={{ signalId, target: "cameo", cameoId: cameoId ?? "", protectedLikenessId: "" } as LinkValues}
      aria-label="Link the complaint"
      className="stack"
      onSubmit={async (values) => {
        await link.mutateAsync(values);
        onDone?.();
      }}
    >
      {(form) => {
        const target = form.watch("target");
        const errors = form.formState.errors as Partial<
          Record<"cameoId" | "protectedLikenessId", { message?: string }>
        >;
        return (
          <>
            <fieldset className="action-choice">
              <legend>Link to</legend>
              <div className="action-options">
                <div className="action-option">
                  <input type="radio" id={`${idBase}-cameo`} value="cameo" {...form.register("target")} />
                  <label htmlFor={`${idBase}-cameo`}>A cameo</label>
                </div>
                <div className="action-option">
                  <input
                    type="radio"
                    id={`${idBase}-protected`}
                    value="protected_likeness"
                    {...form.register("target")}
                  />
                  <label htmlFor={`${idBase}-protected`}>A protected likeness</label>
                </div>
              </div>
            </fieldset>
            {target === "cameo" ? (
              <TextField label="Cameo id" error={errors.cameoId?.message} {...form.register("cameoId")} />
            ) : (
              <SelectField
                label="Register entry"
                hint={register.isPending ? "Loading the register…" : undefined}
                options={[
                  { value: "", label: "Choose a person" },
                  ...(register.data ?? []).map((e) => ({ value: e.id, label: e.name })),
                ]}
                error={errors.protectedLikenessId?.message}
                {...form.register("protectedLikenessId")}
              />
            )}
            <div className="form-actions">
              <Button type="submit" size="sm" isPending={form.formState.isSubmitting}>
                Save link
              </Button>
            </div>
          </>
        );
      }}
    </Form>
  );
}
