// Puts the server's per-field refusals beside the inputs they are about, nested ones ("statement.territorialScope")
// and list items ("contentUrls[1]") included. The one place every form does this.
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { fieldErrorsOf } from "./api-errors.ts";

/** `contentUrls[1]` → `contentUrls.1`: the server names list items the way zod does, the form the way react-hook-form does. */
function formPath(name: string): string {
  return name.replace(/\[(\d+)\]/g, ".$1");
}

/** The deepest of `fields` that is `path` or holds it: an item of a list with one input belongs to that input. */
function fieldFor(path: string, fields: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const field of fields) {
    if ((path === field || path.startsWith(`${field}.`)) && (found === undefined || field.length > found.length))
      found = field;
  }
  return found;
}

/**
 * Shows the server's field errors on the form: each on the deepest of `fields` (the names of the form's inputs)
 * that is or holds the field the server named, the first one focused. Returns true when every error was shown on
 * a field, so nothing is left to say elsewhere; false when the error named no field, or named one the form has no
 * input for — then the caller shows the error's message.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  form: UseFormReturn<T, any, any>,
  error: unknown,
  fields: readonly string[],
): boolean {
  const entries = Object.entries(fieldErrorsOf(error));
  if (entries.length === 0) return false;
  let allShown = true;
  let focused = false;
  for (const [raw, messages] of entries) {
    const field = fieldFor(formPath(raw), fields);
    if (field === undefined || !messages[0]) {
      allShown = false;
      continue;
    }
    // Some refusals name their field in the message ("suspendDays: say for how many days…"); beside the field
    // that name is noise.
    const message = messages[0].startsWith(`${raw}: `) ? messages[0].slice(raw.length + 2) : messages[0];
    form.setError(
      field as Path<T>,
      { type: "server", message: message.charAt(0).toUpperCase() + message.slice(1) },
      { shouldFocus: !focused },
    );
    focused = true;
  }
  return allShown;
}
