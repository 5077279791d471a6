import type { AnyDataTable } from "../../../components/data-table.tsx";
import { columnLabel } from "./case-columns.tsx";

/** Show or hide columns; a disclosure, so it is reachable and operable from the keyboard without a script menu. */
export function ColumnChooser<TData extends object>({ table }: { table: AnyDataTable<TData> }) {
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <fieldset>
        <legend>Visible columns</legend>
        {columns.map((column) => {
          const id = `column-toggle-${column.id}`;
          return (
            <div className="field-checkbox" key={column.id}>
              <input
                id={id}
                type="checkbox"
                checked={column.getIsVisible()}
                onChange={(event) => column.toggleVisibility(event.target.checked)}
              />
              <label htmlFor={id}>
                {columnLabel(column.id, column.columnDef.header, column.columnDef.meta?.label)}
              </label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}
