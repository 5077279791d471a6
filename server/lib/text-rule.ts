// The one rule for text arriving from outside (tRPC inputs, platform requests): no NUL character and no unpaired
// UTF-16 surrogate, in any string value or field name, however deeply nested. PostgreSQL cannot store either, and
// letting them reach the database turns bad input into a server error. Refusing them here, before any schema, means
// no schema has to remember the rule.

export interface TextProblem {
  /** where the text is: keys and array indexes from the root of the input */
  path: (string | number)[];
  message: string;
}

// Without the `u` flag the pattern sees UTF-16 code units, so it can spot surrogates that have no partner.
// oxlint-disable-next-line no-control-regex -- matching NUL is the point
const FORBIDDEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "g");

/** What is wrong with `text`, as the object of "contains", or null when it keeps the rule. */
function forbiddenIn(text: string): string | null {
  const found = FORBIDDEN.exec(text);
  if (!found) return null;
  if (found[0] === "\u0000") return "a NUL character (U+0000), which is not allowed in text";
  const unit = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `an unpaired surrogate (U+${unit}), which is not valid Unicode text`;
}

/** A field name fit to show back: the offending code units replaced by U+FFFD. */
function printable(key: string): string {
  return key.replace(FORBIDDEN_ALL, "\ufffd");
}

/** Paths are kept as links to the parent, so walking deep input costs nothing until a problem is found. */
interface Step {
  parent: Step | null;
  key: string | number;
}

/** Longer paths are cut, so deeply nested input cannot inflate the answer. */
const MAX_PATH_SHOWN = 32;

function pathOf(step: Step | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let s = step; s; s = s.parent) path.push(s.key);
  path.reverse();
  return path.length > MAX_PATH_SHOWN ? [...path.slice(0, MAX_PATH_SHOWN), "…"] : path;
}

/**
 * Every place in `value` (parsed JSON, or a query object) where text breaks the rule, in document order, up to
 * `limit`. Walks with an explicit stack, so no nesting depth can overflow the call stack.
 */
export function findMalformedText(value: unknown, limit = 20): TextProblem[] {
  const problems: TextProblem[] = [];
  const stack: { value: unknown; at: Step | null; badKey?: string }[] = [{ value, at: null }];
  while (stack.length > 0 && problems.length < limit) {
    const { value: current, at, badKey } = stack.pop()!;
    if (badKey) {
      problems.push({ path: pathOf(at), message: `The field name contains ${badKey}` });
    } else if (typeof current === "string") {
      const why = forbiddenIn(current);
      if (why) problems.push({ path: pathOf(at), message: `Contains ${why}` });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], at: { parent: at, key: i } });
    } else if (typeof current === "object" && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const why = forbiddenIn(key);
        stack.push(
          why
            ? { value: null, at: { parent: at, key: printable(key) }, badKey: why }
            : { value: child, at: { parent: at, key } },
        );
      }
    }
  }
  return problems;
}
