import { useId } from "react";
import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { useCreateInviteWave } from "../api/create-invite-wave.ts";
import { INVITE_PLATFORMS, NEW_WAVE_DEFAULTS, newWaveSchema } from "../lib/wave-form.ts";

const PLATFORM_LABELS: Record<(typeof INVITE_PLATFORMS)[number], string> = {
  ios: "iOS",
  android: "Android",
  web: "Web",
};

/** Creates a draft wave; `onCreated` gets its id (the page then opens it). */
export function NewWaveForm({ onCreated, onCancel }: { onCreated: (waveId: string) => void; onCancel: () => void }) {
  const create = useCreateInviteWave();
  const hintId = useId();

  return (
    <Form
      schema={newWaveSchema}
      defaultValues={NEW_WAVE_DEFAULTS}
      onSubmit={async (values) => {
        const wave = await create.mutateAsync(values);
        onCreated(wave.id);
      }}
      aria-label="New wave"
      className="form-grid"
    >
      {({ register, formState: { errors, isSubmitting } }) => (
        <>
          <TextField label="Name" autoComplete="off" error={errors.name?.message} {...register("name")} />
          <TextField
            label="Purpose"
            autoComplete="off"
            hint="Who the wave is for; shown beside its name."
            error={errors.purpose?.message}
            {...register("purpose")}
          />
          <TextField
            label="Target size"
            type="number"
            min={1}
            inputMode="numeric"
            hint="Members the wave should bring in."
            error={errors.targetSize?.message}
            {...register("targetSize", { valueAsNumber: true })}
          />
          <TextField
            label="Uses per code"
            type="number"
            min={1}
            inputMode="numeric"
            error={errors.usesPerCode?.message}
            {...register("usesPerCode", { valueAsNumber: true })}
          />
          <TextField
            label="Expires"
            type="datetime-local"
            hint="Your local time; leave empty for codes that do not expire."
            error={errors.expiresAt?.message}
            {...register("expiresAt")}
          />
          <TextField
            label="Regions"
            autoComplete="off"
            placeholder="US, DE"
            hint="Two-letter country codes; empty means every region."
            error={errors.regions?.message}
            {...register("regions")}
          />
          <TextField
            label="Codes per new member"
            type="number"
            min={0}
            max={50}
            inputMode="numeric"
            hint="Codes each member who joins receives to share (0 to 50)."
            error={errors.allotment?.message}
            {...register("allotment", { valueAsNumber: true })}
          />
          <fieldset aria-describedby={hintId}>
            <legend>Platforms</legend>
            {INVITE_PLATFORMS.map((p) => (
              <label key={p} className="field-checkbox">
                <input type="checkbox" value={p} {...register("platforms")} /> {PLATFORM_LABELS[p]}
              </label>
            ))}
            <p id={hintId} className="field-hint">
              None checked means every platform.
            </p>
            {errors.platforms?.message ? <p className="field-error">{errors.platforms.message}</p> : null}
          </fieldset>
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={isSubmitting}>
              Create wave
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </>
      )}
    </Form>
  );
}
