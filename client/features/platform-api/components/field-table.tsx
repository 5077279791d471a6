import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import type { FieldRow } from "../lib/schema-fields.ts";
import { InlineCode } from "./prose.tsx";

const column = createColumnHelper<typeof dataTableFeatures, FieldRow>();
const columns = column.columns([
  column.accessor("path", { header: "Field", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("type", { header: "Type", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("isRequired", {
    header: "Required",
    cell: (info) => (info.getValue() ? "required" : <span className="muted">optional</span>),
  }),
  column.display({
    id: "rules",
    header: "Rules",
    cell: ({ row }) => (
      <>
        {row.original.description ? (
          <p>
            <InlineCode text={row.original.description} />
          </p>
        ) : null}
        {row.original.rules.length > 0 ? <p className="muted">{row.original.rules.join("; ")}</p> : null}
      </>
    ),
  }),
]);

/** Fields of one schema: name, type, required or not, and its rules in words. */
export function FieldTable({ label, rows }: { label: string; rows: FieldRow[] }) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.path,
    enableSorting: false,
  });
  if (rows.length === 0) return <p className="muted">No fields.</p>;
  return (
    <div className="table-wrap">
      <DataTable table={table} look="doc" label={label} rowHeader="path" />
    </div>
  );
}
