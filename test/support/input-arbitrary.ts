// fast-check arbitraries read from zod schemas (classic or mini): values shaped like a schema's input, with free
// text drawn from every UTF-16 code unit (NUL and lone surrogates included) and constrained strings (ids, uuids,
// emails, links, dates) drawn from samples that fit, so generated input gets past the schema often enough to reach
// the domain and the database.
import fc from "fast-check";
import * as zc from "zod/v4/core";

/** Single code units, with the ones the text rule is about made frequent rather than left to chance. */
const codeUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme-composite", minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "\u0000",
      "\ud800",
      "\udbff",
      "\udc00",
      "\udfff",
      "\ud83d\ude00",
      "'",
      '"',
      "\\",
      "%",
      "_",
    ),
  },
);

/** Any text of up to `maxLength` code units. */
export const anyText = (maxLength: number, minLength = 0) =>
  fc.string({ unit: codeUnit, minLength, maxLength: Math.max(minLength, maxLength) });

export interface SchemaArbitraryOptions {
  /** strings tried against each string schema; those it accepts are offered beside arbitrary text */
  samples: readonly string[];
  /** mix field names of arbitrary text into objects */
  strayKeys?: boolean;
}

interface Def {
  type: string;
  shape?: Record<string, zc.$ZodType>;
  element?: zc.$ZodType;
  innerType?: zc.$ZodType;
  options?: zc.$ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: zc.$ZodType;
  coerce?: boolean;
}

interface Bag {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
}

const TEXT_CAP = 48;
const ARRAY_CAP = 3;

function fitting(schema: zc.$ZodType, samples: readonly string[]): string[] {
  return samples.filter((s) => zc.safeParse(schema, s).success);
}

function numberArbitrary(bag: Bag): fc.Arbitrary<number> {
  const min = bag.minimum ?? bag.exclusiveMinimum ?? -1e9;
  const max = bag.maximum ?? bag.exclusiveMaximum ?? 1e9;
  if (bag.format === "safeint" || bag.format === "int32")
    return fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) });
  return fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary for `schema`'s input. Throws for a kind of schema it does not know, so none is skipped unnoticed. */
export function arbitraryFor(schema: zc.$ZodType, opts: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const def = schema._zod.def as unknown as Def;
  const bag = (schema._zod.bag ?? {}) as Bag;
  switch (def.type) {
    case "string": {
      const text = anyText(Math.min(bag.maximum ?? TEXT_CAP, TEXT_CAP), Math.min(bag.minimum ?? 0, TEXT_CAP));
      const fits = fitting(schema, opts.samples);
      return fits.length > 0 ? fc.oneof(fc.constantFrom(...fits), text) : text;
    }
    case "date": {
      const fits = fitting(schema, opts.samples);
      return fits.length > 0 ? fc.constantFrom(...fits) : anyText(TEXT_CAP);
    }
    case "number":
      return numberArbitrary(bag);
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "literal":
      return fc.constantFrom(...(def.values ?? []));
    case "optional":
    case "default":
    case "prefault":
      return arbitraryFor(def.innerType!, opts);
    case "nullable":
      return fc.option(arbitraryFor(def.innerType!, opts), { nil: null });
    case "array":
      return fc.array(arbitraryFor(def.element!, opts), {
        minLength: Math.min(bag.minimum ?? 0, ARRAY_CAP),
        maxLength: Math.min(bag.maximum ?? ARRAY_CAP, ARRAY_CAP),
      });
    case "union":
      return fc.oneof(...(def.options ?? []).map((o) => arbitraryFor(o, opts)));
    case "pipe":
      return arbitraryFor(def.in!, opts);
    case "object": {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, arbitraryFor(field, opts)]));
      const requiredKeys = Object.keys(shape).filter((key) => shape[key]!._zod.optin !== "optional");
      const record = fc.record(fields, { requiredKeys });
      if (!opts.strayKeys) return record;
      const stray = fc.option(fc.dictionary(anyText(12, 1), anyText(12), { maxKeys: 2 }), { nil: undefined, freq: 4 });
      return fc.tuple(record, stray).map(([value, extra]) => (extra ? { ...extra, ...value } : value));
    }
    default:
      throw new Error(`arbitraryFor: no arbitrary for zod schemas of type "${def.type}"`);
  }
}

/** Whether text keeps the rule, checked independently of the server: URI encoding refuses lone surrogates. */
export function keepsTextRule(text: string): boolean {
  if (text.includes("\u0000")) return false;
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Where generated input breaks the text rule: dotted paths of bad values, and whether any field name is bad. */
export function textRuleBreaches(value: unknown, path = ""): { values: string[]; keys: number } {
  const found = { values: [] as string[], keys: 0 };
  const visit = (v: unknown, at: string) => {
    if (typeof v === "string") {
      if (!keepsTextRule(v)) found.values.push(at);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${at}[${i}]`));
    } else if (typeof v === "object" && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        if (!keepsTextRule(key)) found.keys++;
        else visit(child, at ? `${at}.${key}` : key);
      }
    }
  };
  visit(value, path);
  return found;
}
