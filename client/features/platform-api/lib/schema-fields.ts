// Turns the document's JSON schemas into what a reader scans: one row per field with its type, whether it is
// required, and its rules in words.
import { formatCount } from "../../../lib/format.ts";
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiParameter } from "./openapi-types.ts";

export interface FieldRow {
  /** dotted path; array items as `name[]` */
  path: string;
  type: string;
  isRequired: boolean;
  rules: string[];
  description?: string;
}

export interface EventTypeDoc {
  type: string;
  schemaName: string;
  schema: JsonSchema;
}

const SCHEMA_REF = "#/components/schemas/";
const PARAMETER_REF = "#/components/parameters/";
// Integers without a real bound are generated with the largest safe integer; saying so would only be noise.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
// A format already says what the pattern checks, in words.
const FORMAT_LABELS: Record<string, string> = {
  "date-time": "ISO 8601 date-time",
  email: "email address",
  uuid: "UUID",
  uri: "URL",
};

export function refName(ref: string): string {
  return ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : ref;
}

export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {};
  for (let depth = 0; current.$ref && depth < 10; depth += 1)
    current = doc.components.schemas[refName(current.$ref)] ?? {};
  return current;
}

export function resolveParameter(doc: OpenApiDocument, parameter: OpenApiParameter): OpenApiParameter {
  if (!parameter.$ref) return parameter;
  return doc.components.parameters?.[parameter.$ref.slice(PARAMETER_REF.length)] ?? parameter;
}

export function jsonBodySchema(
  operation: { content?: Record<string, { schema?: JsonSchema }> } | undefined,
): JsonSchema | undefined {
  return operation?.content?.["application/json"]?.schema;
}

/** The events an operation takes in its batch: the body's `events` items, one entry per `oneOf` option. */
export function eventTypesOf(doc: OpenApiDocument, operation: OpenApiOperation): EventTypeDoc[] {
  const batch = resolveSchema(doc, jsonBodySchema(operation.requestBody));
  const eventRef = batch.properties?.events?.items;
  const event = resolveSchema(doc, eventRef);
  const options = event.oneOf ?? (eventRef ? [eventRef] : []);
  return options.flatMap((option) => {
    const schema = resolveSchema(doc, option);
    const type = schema.properties?.type?.const;
    if (typeof type !== "string") return [];
    return [{ type, schemaName: option.$ref ? refName(option.$ref) : type, schema }];
  });
}

export function typeLabel(schema: JsonSchema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return options.map((o) => typeLabel(o)).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const label = types
    .map((t) => {
      if (t === "array") return `array of ${schema.items ? typeLabel(schema.items) : "anything"}`;
      if (t === "object" && !schema.properties && schema.additionalProperties !== undefined) return "object (any keys)";
      return t;
    })
    .join(" or ");
  return label || "any";
}

function lengthRule(
  min: number | undefined,
  max: number | undefined,
  unit: string,
  plural = `${unit}s`,
): string | null {
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${formatCount(min)} ${plural}` : `${formatCount(min)}–${formatCount(max)} ${plural}`;
  if (max !== undefined) return `at most ${formatCount(max)} ${max === 1 ? unit : plural}`;
  if (min !== undefined && min > 0) return `at least ${formatCount(min)} ${min === 1 ? unit : plural}`;
  return null;
}

export function rulesOf(schema: JsonSchema): string[] {
  const rules: string[] = [];
  if (schema.format) rules.push(FORMAT_LABELS[schema.format] ?? schema.format);
  if (schema.enum) rules.push(`one of ${schema.enum.map((v) => String(v)).join(", ")}`);
  const chars = lengthRule(schema.minLength, schema.maxLength, "character");
  if (chars) rules.push(chars);
  if (schema.pattern && !(schema.format && FORMAT_LABELS[schema.format])) rules.push(`matches ${schema.pattern}`);
  const min = schema.minimum !== undefined && schema.minimum > -UNBOUNDED ? schema.minimum : undefined;
  const max = schema.maximum !== undefined && schema.maximum < UNBOUNDED ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) rules.push(`${min} to ${max}`);
  else if (min !== undefined) rules.push(`at least ${min}`);
  else if (max !== undefined) rules.push(`at most ${max}`);
  const items = lengthRule(schema.minItems, schema.maxItems, "item");
  if (items) rules.push(items);
  if (schema.default !== undefined) rules.push(`default ${JSON.stringify(schema.default)}`);
  return rules;
}

/** Every field of an object schema, nested objects and arrays of objects flattened into dotted paths. */
export function fieldRows(doc: OpenApiDocument, schema: JsonSchema, prefix = "", depth = 0): FieldRow[] {
  const object = resolveSchema(doc, schema);
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).flatMap(([name, raw]) => {
    const field = resolveSchema(doc, raw);
    const path = `${prefix}${name}`;
    const row: FieldRow = {
      path,
      type: typeLabel(raw.$ref ? raw : field),
      isRequired: required.has(name),
      rules: rulesOf(field),
      ...(field.description ? { description: field.description } : {}),
    };
    if (depth >= 4) return [row];
    const item = field.items ? resolveSchema(doc, field.items) : undefined;
    if (field.properties) return [row, ...fieldRows(doc, field, `${path}.`, depth + 1)];
    if (item?.properties) return [row, ...fieldRows(doc, item, `${path}[].`, depth + 1)];
    return [row];
  });
}
