// Visits every value of parsed data together with the schema that produced it, so rules that need more than a
// schema can know (such as the request's clock) can be attached to schemas by a registry and checked afterwards.
import * as zc from "zod/v4/core";

type Path = (string | number)[];
export type Visit = (schema: zc.$ZodType, value: unknown, path: Path) => void;

interface AnyDef {
  type: string;
  shape?: Record<string, zc.$ZodType>;
  element?: zc.$ZodType;
  innerType?: zc.$ZodType;
  options?: zc.$ZodType[];
  discriminator?: string;
  out?: zc.$ZodType;
  left?: zc.$ZodType;
  right?: zc.$ZodType;
  valueType?: zc.$ZodType;
  items?: zc.$ZodType[];
  getter?: () => zc.$ZodType;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The option of a union that `value` (already parsed by the union) came from. */
function unionOption(def: AnyDef, value: unknown): zc.$ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator && isRecord(value)) {
    const tag = value[def.discriminator];
    return options.find((o) =>
      (o._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[def.discriminator!]?.has(tag as never),
    );
  }
  return options.find((o) => zc.safeParse(o, value).success);
}

/** Calls `visit` for `value` and, depth first, for everything inside it, each with its schema and path. */
export function walkParsed(schema: zc.$ZodType, value: unknown, visit: Visit, path: Path = []): void {
  visit(schema, value, path);
  const def = schema._zod.def as unknown as AnyDef;
  switch (def.type) {
    case "object":
      if (isRecord(value))
        for (const [key, child] of Object.entries(def.shape ?? {}))
          if (key in value) walkParsed(child, value[key], visit, [...path, key]);
      return;
    case "array":
      if (Array.isArray(value) && def.element)
        value.forEach((item, i) => walkParsed(def.element!, item, visit, [...path, i]));
      return;
    case "tuple":
      if (Array.isArray(value)) (def.items ?? []).forEach((item, i) => walkParsed(item, value[i], visit, [...path, i]));
      return;
    case "record":
      if (isRecord(value) && def.valueType)
        for (const [key, child] of Object.entries(value)) walkParsed(def.valueType, child, visit, [...path, key]);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      if (value !== undefined && value !== null && def.innerType) walkParsed(def.innerType, value, visit, path);
      return;
    case "union": {
      const option = unionOption(def, value);
      if (option) walkParsed(option, value, visit, path);
      return;
    }
    case "intersection":
      if (def.left) walkParsed(def.left, value, visit, path);
      if (def.right) walkParsed(def.right, value, visit, path);
      return;
    case "pipe":
      if (def.out) walkParsed(def.out, value, visit, path);
      return;
    case "lazy":
      if (def.getter) walkParsed(def.getter(), value, visit, path);
      return;
    default:
      return;
  }
}
