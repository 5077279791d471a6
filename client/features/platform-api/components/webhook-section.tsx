// What Vigil sends the platform: one webhook per decision, its headers, body and types, and how it is retried.
import type { OpenApiDocument, OpenApiOperation } from "../lib/openapi-types.ts";
import { fieldRows, jsonBodySchema, resolveSchema } from "../lib/schema-fields.ts";
import { FieldTable } from "./field-table.tsx";
import { HeadersTable } from "./headers-table.tsx";
import { InlineCode, Prose } from "./prose.tsx";
import { ResponsesTable } from "./responses-table.tsx";

export const WEBHOOKS_ANCHOR = "webhooks";

export function WebhooksSection({ doc }: { doc: OpenApiDocument }) {
  const webhooks = Object.entries(doc.webhooks ?? {}).flatMap(([name, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name, method, operation })),
  );
  return (
    <section className="panel doc-section" aria-labelledby={WEBHOOKS_ANCHOR}>
      <h2 id={WEBHOOKS_ANCHOR}>Webhooks</h2>
      {webhooks.length === 0 ? <p className="muted">The document lists no webhooks.</p> : null}
      {webhooks.map((w) => (
        <Webhook key={`${w.name}-${w.method}`} doc={doc} name={w.name} method={w.method} operation={w.operation} />
      ))}
    </section>
  );
}

function Webhook({ doc, name, method, operation }: { doc: OpenApiDocument; name: string; method: string; operation: OpenApiOperation }) {
  const anchor = `webhook-${name}`;
  const body = resolveSchema(doc, jsonBodySchema(operation.requestBody));
  const typeSchema = resolveSchema(doc, body.properties?.type);
  const typeDescriptions = typeSchema["x-enumDescriptions"] ?? {};
  const types = (typeSchema.enum ?? []).map(String);

  return (
    <article className="doc-event" aria-labelledby={anchor}>
      <h3 id={anchor}>
        <code>{name}</code>: {method.toUpperCase()} to the platform's webhook URL
      </h3>
      {operation.summary ? <p className="doc-summary">{operation.summary}</p> : null}
      <Prose text={operation.description} />
      <h4>Headers</h4>
      <HeadersTable doc={doc} label={`Headers of the ${name} webhook`} parameters={operation.parameters ?? []} />
      <h4>Body</h4>
      <Prose text={body.description} />
      <FieldTable label={`${name} webhook fields`} rows={fieldRows(doc, body)} />
      {types.length > 0 ? (
        <>
          <h4>Types</h4>
          <div className="table-wrap">
            <table className="doc-table" aria-label={`${name} webhook types`}>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">What the platform does</th>
                </tr>
              </thead>
              <tbody>
                {types.map((type) => (
                  <tr key={type}>
                    <th scope="row">
                      <code>{type}</code>
                    </th>
                    <td>{typeDescriptions[type] ? <InlineCode text={typeDescriptions[type]} /> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h4>Answers</h4>
      <ResponsesTable label={`Answers to the ${name} webhook`} responses={operation.responses} />
    </article>
  );
}
