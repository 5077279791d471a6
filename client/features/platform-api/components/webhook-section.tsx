// What Vigil sends the platform: one webhook per decision, its headers, body and types, and how it is retried.
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
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

function Webhook({
  doc,
  name,
  method,
  operation,
}: {
  doc: OpenApiDocument;
  name: string;
  method: string;
  operation: OpenApiOperation;
}) {
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
          <WebhookTypesTable label={`${name} webhook types`} types={types} descriptions={typeDescriptions} />
        </>
      ) : null}
      <h4>Answers</h4>
      <ResponsesTable label={`Answers to the ${name} webhook`} responses={operation.responses} />
    </article>
  );
}

interface WebhookType {
  type: string;
  description: string | undefined;
}

const typeColumn = createColumnHelper<typeof dataTableFeatures, WebhookType>();
const typeColumns = typeColumn.columns([
  typeColumn.accessor("type", { header: "Type", cell: (info) => <code>{info.getValue()}</code> }),
  typeColumn.accessor("description", {
    header: "What the platform does",
    cell: (info) => {
      const description = info.getValue();
      return description ? <InlineCode text={description} /> : <span className="muted">—</span>;
    },
  }),
]);

function WebhookTypesTable({
  label,
  types,
  descriptions,
}: {
  label: string;
  types: string[];
  descriptions: Record<string, string>;
}) {
  const data = types.map((type) => ({ type, description: descriptions[type] }));
  const table = useTable({
    features: dataTableFeatures,
    columns: typeColumns,
    data,
    getRowId: (row) => row.type,
    enableSorting: false,
  });
  return (
    <div className="table-wrap">
      <DataTable table={table} look="doc" label={label} rowHeader="type" />
    </div>
  );
}
