import { CheckboxField } from "../../../components/field.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { MEDIA_PREFERENCES, usePreferences, useUpdatePreferences } from "../api/preferences.ts";

/** Wellness defaults for reviewing disturbing media: on unless the reviewer turns them off. */
export function MediaPreferences() {
  const preferences = usePreferences();
  const update = useUpdatePreferences();

  return (
    <section className="panel" aria-labelledby="media-preferences-heading">
      <h2 id="media-preferences-heading">Your media preferences</h2>
      {preferences.isPending ? (
        <LoadingState label="Loading your preferences…" />
      ) : preferences.isError ? (
        <ErrorState
          error={preferences.error}
          title="Could not load your preferences"
          onRetry={() => void preferences.refetch()}
        />
      ) : (
        <fieldset className="stack" disabled={update.isPending} aria-describedby="media-preferences-hint">
          <legend className="visually-hidden">Media preferences</legend>
          <p id="media-preferences-hint" className="muted">
            Applies to evidence in case views. Changes save at once.
          </p>
          {MEDIA_PREFERENCES.map((pref) => (
            <CheckboxField
              key={pref.key}
              label={pref.label}
              checked={preferences.data[pref.key] !== false}
              onChange={(event) => update.mutate({ [pref.key]: event.target.checked })}
            />
          ))}
          {update.isError ? (
            <p role="alert" className="field-error">
              {messageOf(update.error)}
            </p>
          ) : null}
          {update.isSuccess ? (
            <p role="status" className="muted">
              Saved.
            </p>
          ) : null}
        </fieldset>
      )}
    </section>
  );
}
