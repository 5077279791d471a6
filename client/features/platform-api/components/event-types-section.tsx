// The events the platform sends: the envelope every event shares, then each type's `data` fields.
import type { OpenApiDocument } from "../lib/openapi-types.ts";
import { fieldRows, resolveSchema, type EventTypeDoc, type FieldRow } from "../lib/schema-fields.ts";
import { FieldTable } from "./field-table.tsx";
import { Prose } from "./prose.tsx";

export const EVENT_TYPES_ANCHOR = "event-types";

export function eventAnchor(type: string): string {
  return `event-${type.replace(/[^a-z0-9]+/gi, "-")}`;
}

/** The fields outside `data`, taken from one event; `type` is a constant per event, so it is described generally. */
function envelopeRows(doc: OpenApiDocument, example: EventTypeDoc): FieldRow[] {
  return fieldRows(doc, example.schema)
    .filter((row) => !row.path.startsWith("data."))
    .map((row) => (row.path === "type" ? { ...row, type: "string", rules: ["one of the event types below"] } : row));
}

export function EventTypesSection({ doc, events }: { doc: OpenApiDocument; events: EventTypeDoc[] }) {
  const first = events[0];
  return (
    <section className="panel doc-section" aria-labelledby={EVENT_TYPES_ANCHOR}>
      <h2 id={EVENT_TYPES_ANCHOR}>Event types</h2>
      {first ? (
        <>
          <p>
            Every event has the same envelope; what happened is in its type-specific <code>data</code>.
          </p>
          <FieldTable label="Fields of every event" rows={envelopeRows(doc, first)} />
        </>
      ) : (
        <p className="muted">The document lists no event types.</p>
      )}
      <nav aria-label="Event types" className="doc-toc">
        <ul>
          {events.map((event) => (
            <li key={event.type}>
              <a href={`#${eventAnchor(event.type)}`}>
                <code>{event.type}</code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {events.map((event) => (
        <EventType key={event.type} doc={doc} event={event} />
      ))}
    </section>
  );
}

function EventType({ doc, event }: { doc: OpenApiDocument; event: EventTypeDoc }) {
  const anchor = eventAnchor(event.type);
  const data = resolveSchema(doc, event.schema.properties?.data);
  return (
    <article className="doc-event" aria-labelledby={anchor}>
      <h3 id={anchor}>
        <code>{event.type}</code>
      </h3>
      <p className="muted">Schema {event.schemaName}</p>
      <Prose text={event.schema.description} />
      <Prose text={data.description} className="doc-rule" />
      <FieldTable label={`${event.type} data fields`} rows={fieldRows(doc, data)} />
    </article>
  );
}
