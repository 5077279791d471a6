// Everything that can be checked about a batch before it touches the database, in the order a platform fixes
// things: the text rule over the raw JSON (every string and field name), then the event schemas. Every problem
// is reported with the event's index and the field's path, so one bad event names itself instead of failing
// the whole stream.
import { EventBatch, type PlatformEvent } from "../../contracts/platform-events.ts";
import { fieldName } from "../../lib/validation.ts";
import { findMalformedText } from "../../lib/text-rule.ts";
import type { IngestProblem } from "./references.ts";

export type BatchValidation = { ok: true; events: PlatformEvent[] } | { ok: false; problems: IngestProblem[] };

/** `["events", 3, "data", "id"]` → event 3, `data.id`; anything outside `events` has no index. */
function located(path: readonly PropertyKey[], message: string): IngestProblem {
  const [root, index, ...rest] = path;
  return root === "events" && typeof index === "number"
    ? { index, path: fieldName(rest), message }
    : { index: null, path: fieldName(path as PropertyKey[]), message };
}

export function validateEventBatch(json: unknown): BatchValidation {
  const textProblems = findMalformedText(json).map((p) => located(p.path, p.message));
  const parsed = EventBatch.safeParse(json);
  if (!parsed.success || textProblems.length > 0) {
    // A string that breaks the text rule usually fails its schema too; one problem per place is enough.
    const reported = new Set(textProblems.map((p) => `${p.index}|${p.path}`));
    const schemaProblems = (parsed.error?.issues ?? []).map((i) => located(i.path, i.message)).filter((p) => !reported.has(`${p.index}|${p.path}`));
    return { ok: false, problems: [...textProblems, ...schemaProblems] };
  }
  return { ok: true, events: parsed.data.events };
}
