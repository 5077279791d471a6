// How enums shared by several areas read in the console.
import { humanize } from "./format.ts";

export const VISIBILITY_LABELS = {
  public: "Public",
  held: "Held",
  taken_down: "Taken down",
  deleted: "Deleted",
} as const;
export const VISIBILITIES = ["public", "held", "taken_down", "deleted"] as const;

/** `labels[value]` for a known value, the value in words otherwise, so a new server enum value still reads. */
export function labelOf(labels: Record<string, string>, value: string | null | undefined): string {
  if (!value) return "—";
  return labels[value] ?? humanize(value);
}
