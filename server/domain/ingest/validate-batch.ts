// Everything that can be checked about a batch before it touches the database, in the order a platform fixes
// things: the text rule over the raw JSON (every string and field name), the event schemas, then the dates of
// every event against the clock of the request. Every problem is reported with the event's index and the
// field's path, so one bad event names itself instead of failing the whole stream.
import {
  DATE_WINDOW_AHEAD_MS,
  DATE_WINDOWS,
  describeDateWindow,
  EARLIEST_EVENT_DATE,
  EventBatch,
  PlatformEvent,
} from "../../contracts/platform-events.ts";
import { fieldName } from "../../lib/validation.ts";
import { findMalformedText } from "../../lib/text-rule.ts";
import { walkParsed } from "../../lib/schema-walk.ts";
import type { IngestProblem } from "./references.ts";

export type BatchValidation = { ok: true; events: PlatformEvent[] } | { ok: false; problems: IngestProblem[] };

/** `["events", 3, "data", "id"]` → event 3, `data.id`; anything outside `events` has no index. */
function located(path: readonly PropertyKey[], message: string): IngestProblem {
  const [root, index, ...rest] = path;
  return root === "events" && typeof index === "number"
    ? { index, path: fieldName(rest), message }
    : { index: null, path: fieldName(path as PropertyKey[]), message };
}

/** Dates outside their window: a year 0001 or 9999 is a platform bug, not an event worth a case. */
function datesOutOfWindow(events: PlatformEvent[], now: Date): IngestProblem[] {
  const problems: IngestProblem[] = [];
  events.forEach((event, index) => {
    walkParsed(PlatformEvent, event, (schema, value, path) => {
      const window = DATE_WINDOWS.get(schema)?.window;
      if (!window || typeof value !== "string") return;
      const at = Date.parse(value);
      const latest = now.getTime() + DATE_WINDOW_AHEAD_MS[window];
      if (at < EARLIEST_EVENT_DATE.getTime() || at > latest) {
        problems.push({
          index,
          path: fieldName(path),
          message: `Must lie between ${EARLIEST_EVENT_DATE.toISOString()} and ${new Date(latest).toISOString()} (${describeDateWindow(window)})`,
        });
      }
    });
  });
  return problems;
}

export function validateEventBatch(json: unknown, now: Date): BatchValidation {
  const textProblems = findMalformedText(json).map((p) => located(p.path, p.message));
  const parsed = EventBatch.safeParse(json);
  if (!parsed.success || textProblems.length > 0) {
    // A string that breaks the text rule usually fails its schema too; one problem per place is enough.
    const reported = new Set(textProblems.map((p) => `${p.index}|${p.path}`));
    const schemaProblems = (parsed.error?.issues ?? [])
      .map((i) => located(i.path, i.message))
      .filter((p) => !reported.has(`${p.index}|${p.path}`));
    return { ok: false, problems: [...textProblems, ...schemaProblems] };
  }
  const dateProblems = datesOutOfWindow(parsed.data.events, now);
  if (dateProblems.length > 0) return { ok: false, problems: dateProblems };
  return { ok: true, events: parsed.data.events };
}
