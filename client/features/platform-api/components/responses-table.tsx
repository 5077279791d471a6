import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import type { OpenApiResponse } from "../lib/openapi-types.ts";
import { jsonBodySchema, refName } from "../lib/schema-fields.ts";
import { InlineCode } from "./prose.tsx";

interface ResponseRow {
  status: string;
  response: OpenApiResponse;
}

const column = createColumnHelper<typeof dataTableFeatures, ResponseRow>();
const columns = column.columns([
  column.accessor("status", { header: "Status", cell: (info) => <code>{info.getValue()}</code> }),
  column.display({
    id: "meaning",
    header: "Meaning",
    cell: ({ row }) => (
      <>
        <p>
          <InlineCode text={row.original.response.description} />
        </p>
        {Object.entries(row.original.response.headers ?? {}).map(([name, header]) => (
          <p key={name} className="muted">
            Header <code>{name}</code>: {header.description}
          </p>
        ))}
      </>
    ),
  }),
  column.display({
    id: "body",
    header: "Body",
    cell: ({ row }) => {
      const body = jsonBodySchema(row.original.response);
      return body?.$ref ? (
        <code>{refName(body.$ref)}</code>
      ) : body ? (
        <code>JSON</code>
      ) : (
        <span className="muted">—</span>
      );
    },
  }),
]);

/** An operation's answers: status, what it means, the body's schema and any headers worth reading. */
export function ResponsesTable({ label, responses }: { label: string; responses: Record<string, OpenApiResponse> }) {
  const data = Object.entries(responses).map(([status, response]) => ({ status, response }));
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => row.status,
    enableSorting: false,
  });
  return (
    <div className="table-wrap">
      <DataTable table={table} look="doc" label={label} rowHeader="status" />
    </div>
  );
}
