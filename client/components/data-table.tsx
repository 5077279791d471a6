// Renders a TanStack Table (v9) as a real <table>: column headers, sort state announced through aria-sort, and
// optionally only the rows in view (virtualized with spacer rows, so the table keeps native table semantics).
import type { ReactNode } from "react";
import {
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type Header,
  type ReactTable,
  type Row,
} from "@tanstack/react-table";
import { SpacerRow, useVirtualRows } from "./virtual-rows.tsx";

export interface DataTableColumnMeta {
  /** numbers line up on the right */
  align?: "end";
  /** fixed column width in px; the rest share what is left */
  width?: number;
  /** for a column without a fixed width: narrower than this, the table scrolls sideways */
  minWidth?: number;
  /** the column's name in the column chooser when its header is not plain text */
  label?: string;
}

/** One feature set for every table in the app, so one renderer fits all of them. */
export const dataTableFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  columnMeta: {} as DataTableColumnMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;
// The selected-state type parameter does not matter to the renderer.
export type AnyDataTable<TData extends object> = ReactTable<DataTableFeatures, TData, any>;

/** Columns without a fixed width never get narrower than this; the table scrolls sideways instead. */
const FLEX_COLUMN_MIN_WIDTH = 220;

function tableMinWidth<TData extends object>(table: AnyDataTable<TData>): number {
  return table
    .getVisibleLeafColumns()
    .reduce(
      (sum, column) => sum + (column.columnDef.meta?.width ?? column.columnDef.meta?.minWidth ?? FLEX_COLUMN_MIN_WIDTH),
      0,
    );
}

/** How the table is named: a label of its own, the heading it sits under, or a caption (shown unless the table is). */
type DataTableName = { label: string } | { labelledBy: string } | { caption: ReactNode };

type DataTableProps<TData extends object> = DataTableName & {
  table: AnyDataTable<TData>;
  /** shown in a full-width row when there are no rows */
  empty?: ReactNode;
  /** rows after the current page are being fetched, or the rows shown are stale */
  isBusy?: boolean;
  virtualize?: { rowHeight: number; onNearEnd?: () => void };
  rowClassName?: (row: Row<DataTableFeatures, TData>) => string | undefined;
  /** resets the scroll position when it changes: a new filter starts at the top */
  scrollKey?: string;
  footer?: ReactNode;
  /** the column whose cells name their row (`<th scope="row">`), e.g. a queue's name in a summary */
  rowHeader?: string;
  /**
   * "grid" (the default): a list of records in its own scroll box, columns sized by their meta.
   * "summary": a few rows sized to their content, in the page's flow.
   * "doc": reference text that wraps, in the page's flow.
   */
  look?: "grid" | "summary" | "doc";
  /** the column headers are for assistive technology only (a two-column list that explains itself) */
  isHeaderHidden?: boolean;
  /** e.g. "visually-hidden" for a chart's text twin */
  className?: string;
};

const TABLE_CLASS = { grid: "data-table", summary: "data-table health-table", doc: "doc-table" } as const;

function tableAttributes<TData extends object>(props: DataTableProps<TData>) {
  const look = props.look ?? "grid";
  return {
    className: [TABLE_CLASS[look], props.className].filter(Boolean).join(" "),
    "aria-label": "label" in props ? props.label : undefined,
    "aria-labelledby": "labelledBy" in props ? props.labelledBy : undefined,
    "aria-busy": props.isBusy || undefined,
    style: look === "grid" ? { minWidth: tableMinWidth(props.table) } : undefined,
  };
}

export function DataTable<TData extends object>(props: DataTableProps<TData>) {
  return props.virtualize ? <VirtualTable {...props} virtualize={props.virtualize} /> : <PlainTable {...props} />;
}

function PlainTable<TData extends object>(props: DataTableProps<TData>) {
  const { table, empty, rowClassName, footer, rowHeader, isHeaderHidden } = props;
  const rows = table.getRowModel().rows;
  const content = (
    <table {...tableAttributes(props)}>
      {"caption" in props ? <caption>{props.caption}</caption> : null}
      <TableHead table={table} isHidden={isHeaderHidden} />
      <tbody>
        {rows.length === 0 && empty ? <EmptyRow table={table}>{empty}</EmptyRow> : null}
        {rows.map((row) => (
          <BodyRow key={row.id} table={table} row={row} rowHeader={rowHeader} className={rowClassName?.(row)} />
        ))}
      </tbody>
    </table>
  );
  // Summaries and reference text sit in the page's flow; a grid gets a box that scrolls sideways when narrow.
  if ((props.look ?? "grid") !== "grid")
    return footer ? (
      <>
        {content}
        {footer}
      </>
    ) : (
      content
    );
  return (
    <div className="table-wrap">
      {content}
      {footer}
    </div>
  );
}

function VirtualTable<TData extends object>(
  props: DataTableProps<TData> & { virtualize: NonNullable<DataTableProps<TData>["virtualize"]> },
) {
  const { table, empty, virtualize, rowClassName, scrollKey, footer, rowHeader, isHeaderHidden } = props;
  const rows = table.getRowModel().rows;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count: rows.length,
    rowHeight: virtualize.rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    onNearEnd: virtualize.onNearEnd,
    scrollKey,
  });
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="table-wrap table-scroll" ref={scrollRef}>
      <table {...tableAttributes(props)} aria-rowcount={rows.length + 1}>
        {"caption" in props ? <caption>{props.caption}</caption> : null}
        <TableHead table={table} isHidden={isHeaderHidden} />
        <tbody>
          {rows.length === 0 && empty ? <EmptyRow table={table}>{empty}</EmptyRow> : null}
          <SpacerRow height={paddingTop} columns={columnCount} />
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <BodyRow
                key={row.id}
                table={table}
                row={row}
                rowHeader={rowHeader}
                rowIndex={item.index + 2}
                className={rowClassName?.(row)}
              />
            );
          })}
          <SpacerRow height={paddingBottom} columns={columnCount} />
        </tbody>
      </table>
      {footer}
    </div>
  );
}

function TableHead<TData extends object>({ table, isHidden }: { table: AnyDataTable<TData>; isHidden?: boolean }) {
  return (
    <thead className={isHidden ? "visually-hidden" : undefined}>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} aria-rowindex={1}>
          {group.headers.map((header) => (
            <HeaderCell key={header.id} table={table} header={header} />
          ))}
        </tr>
      ))}
    </thead>
  );
}

function HeaderCell<TData extends object>({
  table,
  header,
}: {
  table: AnyDataTable<TData>;
  header: Header<DataTableFeatures, TData, unknown>;
}) {
  const meta = header.column.columnDef.meta;
  const sorted = header.column.getIsSorted();
  const canSort = header.column.getCanSort();
  const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
  return (
    <th
      scope="col"
      className={meta?.align === "end" ? "align-end" : undefined}
      style={meta?.width ? { width: meta.width } : undefined}
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
    >
      {canSort ? (
        <button type="button" className="th-sort" onClick={header.column.getToggleSortingHandler()}>
          {content}
          <span className="sort-mark" aria-hidden="true">
            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
          </span>
        </button>
      ) : (
        content
      )}
    </th>
  );
}

function BodyRow<TData extends object>({
  table,
  row,
  rowHeader,
  rowIndex,
  className,
}: {
  table: AnyDataTable<TData>;
  row: Row<DataTableFeatures, TData>;
  rowHeader?: string;
  rowIndex?: number;
  className?: string;
}) {
  const selected = row.getIsSelected();
  const classes = [className, selected ? "is-selected" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <tr className={classes} aria-rowindex={rowIndex}>
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        const Cell = cell.column.id === rowHeader ? "th" : "td";
        return (
          <Cell
            key={cell.id}
            scope={Cell === "th" ? "row" : undefined}
            className={meta?.align === "end" ? "align-end" : undefined}
          >
            <table.FlexRender cell={cell} />
          </Cell>
        );
      })}
    </tr>
  );
}

function EmptyRow<TData extends object>({ table, children }: { table: AnyDataTable<TData>; children: ReactNode }) {
  return (
    <tr>
      <td className="empty-cell" colSpan={table.getVisibleLeafColumns().length}>
        {children}
      </td>
    </tr>
  );
}
