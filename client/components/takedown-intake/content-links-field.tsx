// The links to the content: one or more, each its own input, so a mistake is shown beside the link it is in.
import { useController, useFormContext } from "react-hook-form";
import { Button } from "../button.tsx";
import { TextField } from "../field.tsx";
import type { IntakeFormValues } from "./intake-forms.ts";
import { errorMessageOf } from "./intake-controls.tsx";

const MAX_LINKS = 50;

export function ContentLinksField() {
  const { control, formState } = useFormContext<IntakeFormValues>();
  const { field } = useController({ control, name: "contentUrls" });
  const urls = field.value;
  const listError = errorMessageOf(formState.errors, "contentUrls");

  const update = (next: string[]) => field.onChange(next);

  return (
    <fieldset className="report-links">
      <legend>Links to the content</legend>
      <p className="field-hint">The full address of each post, for example https://app.example/p/abc123.</p>
      {urls.map((url, index) => (
        <div className="report-link-row" key={index}>
          <TextField
            label={`Link ${index + 1}`}
            type="url"
            inputMode="url"
            value={url}
            // The first link takes focus when the list as a whole is refused.
            ref={index === 0 ? field.ref : undefined}
            onBlur={field.onBlur}
            onChange={(event) => update(urls.map((u, i) => (i === index ? event.target.value : u)))}
            error={errorMessageOf(formState.errors, `contentUrls.${index}`) ?? (index === 0 ? listError : undefined)}
          />
          {urls.length > 1 ? (
            <Button size="sm" variant="ghost" onClick={() => update(urls.filter((_, i) => i !== index))}>
              Remove link {index + 1}
            </Button>
          ) : null}
        </div>
      ))}
      {urls.length < MAX_LINKS ? (
        <Button size="sm" onClick={() => update([...urls, ""])}>
          Add another link
        </Button>
      ) : null}
    </fieldset>
  );
}
