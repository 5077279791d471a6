// Puts the server's per-field refusals on the form's fields, including nested ones ("statement.territorialScope").
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { fieldErrorsOf } from "./api-errors.ts";

/** `statement.territorialScope[0]` → `statement.territorialScope`: an item's error belongs to its list's input. */
function fieldOf(name: string): string {
  return name.replace(/\[\d+\]$/, "");
}

/** Sets what it can; returns true when every field error found its field (nothing left to show elsewhere). */
export function applyServerFieldErrors<T extends FieldValues>(form: UseFormReturn<T, any, any>, fieldNames: readonly string[], error: unknown): boolean {
  const entries = Object.entries(fieldErrorsOf(error));
  if (entries.length === 0) return false;
  let allMatched = true;
  let focused = false;
  for (const [raw, messages] of entries) {
    const field = fieldOf(raw);
    if (!fieldNames.includes(field) || !messages[0]) {
      allMatched = false;
      continue;
    }
    // Some refusals name their field in the message ("suspendDays: say for how many days…"); beside the field
    // that name is noise.
    const message = messages[0].startsWith(`${raw}: `) ? messages[0].slice(raw.length + 2) : messages[0];
    form.setError(field as Path<T>, { type: "server", message: message.charAt(0).toUpperCase() + message.slice(1) }, { shouldFocus: !focused });
    focused = true;
  }
  return allMatched;
}
