import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import type { OpenApiDocument, OpenApiParameter } from "../lib/openapi-types.ts";
import { resolveParameter } from "../lib/schema-fields.ts";
import { InlineCode } from "./prose.tsx";

const column = createColumnHelper<typeof dataTableFeatures, OpenApiParameter>();
const columns = column.columns([
  column.accessor("name", { header: "Header", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("required", {
    header: "Required",
    cell: (info) => (info.getValue() ? "required" : <span className="muted">optional</span>),
  }),
  column.accessor("description", { header: "Meaning", cell: (info) => <InlineCode text={info.getValue() ?? ""} /> }),
]);

export function HeadersTable({
  doc,
  label,
  parameters,
}: {
  doc: OpenApiDocument;
  label: string;
  parameters: OpenApiParameter[];
}) {
  const headers = parameters.map((p) => resolveParameter(doc, p)).filter((p) => p.in === "header");
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: headers,
    getRowId: (row) => row.name,
    enableSorting: false,
  });
  if (headers.length === 0) return null;
  return (
    <div className="table-wrap">
      <DataTable table={table} look="doc" label={label} rowHeader="name" />
    </div>
  );
}
