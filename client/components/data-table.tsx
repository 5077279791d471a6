// Renders a TanStack Table (v9) as a real <table>: column headers, sort state announced through aria-sort, and
// optionally only the rows in view (virtualized with spacer rows, so the table keeps native table semantics).
import { useEffect, useRef, type ReactNode } from "react";
import {
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type Header,
  type ReactTable,
  type Row,
} from "@tanstack/react-table";
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from "@tanstack/react-virtual";

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
    .reduce((sum, column) => sum + (column.columnDef.meta?.width ?? column.columnDef.meta?.minWidth ?? FLEX_COLUMN_MIN_WIDTH), 0);
}

// Used until the scroll container has been laid out (and under test DOMs, which never lay anything out).
const FALLBACK_RECT: Rect = { width: 1200, height: 640 };

function observeRectOrFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));
}

interface DataTableProps<TData extends object> {
  table: AnyDataTable<TData>;
  /** the accessible name of the table */
  label: string;
  /** shown in a full-width row when there are no rows */
  empty?: ReactNode;
  /** rows after the current page are being fetched, or the rows shown are stale */
  isBusy?: boolean;
  virtualize?: { rowHeight: number; onNearEnd?: () => void };
  rowClassName?: (row: Row<DataTableFeatures, TData>) => string | undefined;
  /** resets the scroll position when it changes: a new filter starts at the top */
  scrollKey?: string;
  footer?: ReactNode;
}

export function DataTable<TData extends object>(props: DataTableProps<TData>) {
  return props.virtualize ? <VirtualTable {...props} virtualize={props.virtualize} /> : <PlainTable {...props} />;
}

function PlainTable<TData extends object>({ table, label, empty, isBusy, rowClassName, footer }: DataTableProps<TData>) {
  const rows = table.getRowModel().rows;
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label} aria-busy={isBusy || undefined} style={{ minWidth: tableMinWidth(table) }}>
        <TableHead table={table} />
        <tbody>
          {rows.length === 0 && empty ? <EmptyRow table={table}>{empty}</EmptyRow> : null}
          {rows.map((row) => (
            <BodyRow key={row.id} table={table} row={row} className={rowClassName?.(row)} />
          ))}
        </tbody>
      </table>
      {footer}
    </div>
  );
}

function VirtualTable<TData extends object>({
  table,
  label,
  empty,
  isBusy,
  virtualize,
  rowClassName,
  scrollKey,
  footer,
}: DataTableProps<TData> & { virtualize: NonNullable<DataTableProps<TData>["virtualize"]> }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => virtualize.rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectOrFallback,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  const { onNearEnd } = virtualize;
  useEffect(() => {
    if (onNearEnd && rows.length > 0 && lastIndex >= rows.length - 10) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [scrollKey]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="table-wrap table-scroll" ref={scrollRef}>
      <table
        className="data-table"
        aria-label={label}
        aria-busy={isBusy || undefined}
        aria-rowcount={rows.length + 1}
        style={{ minWidth: tableMinWidth(table) }}
      >
        <TableHead table={table} />
        <tbody>
          {rows.length === 0 && empty ? <EmptyRow table={table}>{empty}</EmptyRow> : null}
          {paddingTop > 0 ? <SpacerRow height={paddingTop} columns={columnCount} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return <BodyRow key={row.id} table={table} row={row} rowIndex={item.index + 2} className={rowClassName?.(row)} />;
          })}
          {paddingBottom > 0 ? <SpacerRow height={paddingBottom} columns={columnCount} /> : null}
        </tbody>
      </table>
      {footer}
    </div>
  );
}

function TableHead<TData extends object>({ table }: { table: AnyDataTable<TData> }) {
  return (
    <thead>
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

function HeaderCell<TData extends object>({ table, header }: { table: AnyDataTable<TData>; header: Header<DataTableFeatures, TData, unknown> }) {
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
  rowIndex,
  className,
}: {
  table: AnyDataTable<TData>;
  row: Row<DataTableFeatures, TData>;
  rowIndex?: number;
  className?: string;
}) {
  const selected = row.getIsSelected();
  const classes = [className, selected ? "is-selected" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <tr className={classes} aria-rowindex={rowIndex}>
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        return (
          <td key={cell.id} className={meta?.align === "end" ? "align-end" : undefined}>
            <table.FlexRender cell={cell} />
          </td>
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

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="spacer-row">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
