// Validation errors from zod (classic or mini) and from tRPC's standard-schema path, described one way:
// the dotted field name and the reason, e.g. "filters.minScore: Too big: expected number to be <=1".
import * as zc from "zod/v4/core";

export interface Issue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

/** Issues found by a check that is not a schema (the text rule), reported exactly like a schema's. */
export class InputIssues extends Error {
  constructor(readonly issues: Issue[]) {
    super(describeIssues(issues).message);
    this.name = "InputIssues";
  }
}

export function isValidationError(err: unknown): err is Error & { issues: Issue[] } {
  return (
    typeof err === "object" &&
    err !== null &&
    Array.isArray((err as { issues?: unknown }).issues) &&
    (err instanceof zc.$ZodError ||
      err instanceof InputIssues ||
      (err as Error).name === "StandardSchemaV1Error" ||
      (err as Error).name === "ZodError")
  );
}

/** `filters.minScore`, `codes[3]` */
export function fieldName(path: Issue["path"] = []): string {
  return path.reduce<string>((acc, raw) => {
    const part = typeof raw === "object" && raw !== null ? raw.key : raw;
    if (typeof part === "number") return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, "");
}

export function describeIssues(issues: Issue[]): { message: string; fieldErrors: Record<string, string[]> } {
  // No prototype: a field named "constructor" or "__proto__" must not find an inherited value.
  const fieldErrors = Object.create(null) as Record<string, string[]>;
  for (const issue of issues) (fieldErrors[fieldName(issue.path) || "input"] ??= []).push(issue.message);
  const message = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join("; ");
  return { message, fieldErrors };
}

/** Parses with any zod schema (classic or mini); throws the zod error, which the router maps to BAD_REQUEST. */
export function parseInput<S extends zc.$ZodType>(schema: S, input: unknown): zc.output<S> {
  return zc.parse(schema, input);
}
