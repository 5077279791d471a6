import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { STAFF_ROLES } from "../../../lib/roles.ts";
import { newStaffSchema, PASSWORD_MIN_LENGTH, useCreateStaff } from "../api/create-staff.ts";

const ROLE_OPTIONS = STAFF_ROLES.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) }));

export function AddStaffForm() {
  const create = useCreateStaff();
  const [added, setAdded] = useState<string | null>(null);

  return (
    <section className="panel" aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading">New staff account</h2>
      {added ? (
        <p role="status" className="notice">
          Added {added}. Give them the temporary password through a separate channel.
        </p>
      ) : null}
      <Form
        schema={newStaffSchema}
        defaultValues={{ email: "", displayName: "", role: "moderator", password: "" }}
        onSubmit={async (values, form) => {
          setAdded(null);
          const user = await create.mutateAsync(values);
          form.reset();
          setAdded(`${user.displayName} (${user.email})`);
        }}
        aria-labelledby="add-staff-heading"
        className="form-grid"
      >
        {({ register, formState: { errors, isSubmitting } }) => (
          <>
            <TextField
              label="Email"
              type="email"
              autoComplete="off"
              error={errors.email?.message}
              {...register("email")}
            />
            <TextField
              label="Display name"
              autoComplete="off"
              error={errors.displayName?.message}
              {...register("displayName")}
            />
            <SelectField label="Role" options={ROLE_OPTIONS} error={errors.role?.message} {...register("role")} />
            <TextField
              label="Temporary password"
              type="password"
              autoComplete="new-password"
              hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
              error={errors.password?.message}
              {...register("password")}
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" isPending={isSubmitting}>
                Add staff member
              </Button>
            </div>
          </>
        )}
      </Form>
    </section>
  );
}
