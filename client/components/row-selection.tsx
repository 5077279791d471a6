// The checkboxes of a selectable table: one in the header for every loaded row (indeterminate when some are
// selected), one per row. Each table names them for screen readers.
import type { Row, Table } from "@tanstack/react-table";
import type { DataTableFeatures } from "./data-table.tsx";

export function SelectAllRows<TData extends object>({
  table,
  label,
}: {
  table: Table<DataTableFeatures, TData>;
  label: string;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={table.getIsAllRowsSelected()}
      ref={(el) => {
        if (el) el.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  );
}

export function SelectRow<TData extends object>({ row, label }: { row: Row<DataTableFeatures, TData>; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={row.getIsSelected()}
      disabled={!row.getCanSelect()}
      onChange={row.getToggleSelectedHandler()}
    />
  );
}
