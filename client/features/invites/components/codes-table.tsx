// The codes table, virtualized over the whole result (the total comes with the first page): the scrollbar is
// the real length from the start, only the rows in view (plus an overscan) are in the DOM, and keyset pages are
// fetched in order as the view moves past what has loaded. Rows not loaded yet show as placeholders.
import { memo } from "react";
import { Button } from "../../../components/button.tsx";
import { SpacerRow, useVirtualRows } from "../../../components/virtual-rows.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { InviteCodeRow } from "../api/list-invite-codes.ts";
import { batchLabel } from "../lib/batch-label.ts";

export const CODE_ROW_HEIGHT = 34;
const OVERSCAN = 12;
const MAX_HEIGHT = 480;
/** Fetch the next page while this many loaded rows are still ahead of the view. */
const PREFETCH_ROWS = 150;

const COLUMNS: { label: string; width?: number; align?: "end" }[] = [
  { label: "Code", width: 170 },
  { label: "Status", width: 90 },
  { label: "Uses", width: 80, align: "end" },
  { label: "Batch", width: 100 },
  { label: "Shared by" },
  { label: "Created", width: 160 },
  { label: "Expires", width: 160 },
  { label: "Actions", width: 100 },
];

interface CodesTableProps {
  rows: InviteCodeRow[];
  /** every matching code, loaded or not; null until the first page arrives */
  total: number | null;
  hasNextPage: boolean;
  canFetch: boolean;
  fetchNextPage: () => void;
  isBusy: boolean;
  /** a new filter starts at the top */
  scrollKey: string;
  onRevoke: (row: InviteCodeRow) => void;
  empty: string;
}

export function CodesTable({
  rows,
  total,
  hasNextPage,
  canFetch,
  fetchNextPage,
  isBusy,
  scrollKey,
  onRevoke,
  empty,
}: CodesTableProps) {
  // Codes issued after the first page was counted come last (ids are time-ordered), so the loaded rows may outgrow the total.
  const count = Math.max(total ?? 0, rows.length);
  // Keyset pages come in order: a jump far ahead fetches page after page until the view is covered.
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count,
    rowHeight: CODE_ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? `pending-${index}`,
    overscan: OVERSCAN,
    loaded: rows.length,
    onNearEnd: hasNextPage && canFetch ? fetchNextPage : undefined,
    aheadRows: PREFETCH_ROWS,
    scrollKey,
  });

  return (
    // Focusable, so the keyboard can scroll it; labelled, so the focus says what it is.
    <div
      className="table-wrap table-scroll codes-scroll"
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label="Invite codes, scrollable"
      // A short list takes the room it needs; a long one scrolls inside a fixed height.
      style={{ height: Math.min(MAX_HEIGHT, (Math.max(count, 2) + 1) * CODE_ROW_HEIGHT + 2) }}
    >
      <table
        className="data-table"
        aria-label="Invite codes"
        aria-busy={isBusy || undefined}
        aria-rowcount={count + 1}
        style={{ minWidth: 980 }}
      >
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={c.align === "end" ? "align-end" : undefined}
                style={c.width ? { width: c.width } : undefined}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {count === 0 ? (
            <tr>
              <td className="empty-cell" colSpan={COLUMNS.length}>
                {empty}
              </td>
            </tr>
          ) : null}
          <SpacerRow height={paddingTop} columns={COLUMNS.length} />
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <CodeRow key={item.key} row={row} rowIndex={item.index + 2} onRevoke={onRevoke} />
            ) : (
              <tr key={item.key} aria-rowindex={item.index + 2} className="placeholder-row">
                <td colSpan={COLUMNS.length} className="muted">
                  Loading…
                </td>
              </tr>
            );
          })}
          <SpacerRow height={paddingBottom} columns={COLUMNS.length} />
        </tbody>
      </table>
    </div>
  );
}

// Rows keep their identity across pages and scrolls, so only the rows that come into view render.
const CodeRow = memo(function CodeRow({
  row,
  rowIndex,
  onRevoke,
}: {
  row: InviteCodeRow;
  rowIndex: number;
  onRevoke: (row: InviteCodeRow) => void;
}) {
  const expired = row.expiresAt !== null && new Date(row.expiresAt).getTime() < Date.now();
  return (
    <tr aria-rowindex={rowIndex} className={row.status === "revoked" ? "is-disabled-row" : undefined}>
      <td>
        <code>{row.code}</code>
      </td>
      <td>
        <span className={`status status-${row.status}`} title={row.revokedReason ?? undefined}>
          {humanize(row.status)}
        </span>
      </td>
      <td className="align-end">
        {row.useCount} / {row.maxUses}
      </td>
      <td>
        {row.batchId ? (
          <span className="muted">{batchLabel(row.batchId)}</span>
        ) : (
          <span className="muted">allotment</span>
        )}
      </td>
      <td>{row.issuerAccountId ?? <span className="muted">admin</span>}</td>
      <td>{formatDateTime(row.createdAt)}</td>
      <td className={expired ? "is-overdue" : undefined}>
        {row.expiresAt ? formatDateTime(row.expiresAt) : <span className="muted">Never</span>}
      </td>
      <td>
        {row.status === "active" ? (
          <Button size="sm" variant="ghost" aria-label={`Revoke ${row.code}`} onClick={() => onRevoke(row)}>
            Revoke…
          </Button>
        ) : null}
      </td>
    </tr>
  );
});
