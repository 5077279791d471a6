import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { REVIEW_SHORTCUT_HELP } from "../hooks/use-review-shortcuts.ts";

type Shortcut = (typeof REVIEW_SHORTCUT_HELP)[number];
const SHORTCUTS: Shortcut[] = [...REVIEW_SHORTCUT_HELP];
const column = createColumnHelper<typeof dataTableFeatures, Shortcut>();
const columns = column.columns([
  column.accessor("keys", { header: "Keys", cell: (info) => <kbd>{info.getValue()}</kbd> }),
  column.accessor("does", { header: "What it does" }),
]);

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: SHORTCUTS,
    getRowId: (row) => row.keys,
    enableSorting: false,
  });
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <p className="muted">Letters work when the focus is not in a text field.</p>
      <DataTable
        table={table}
        look="doc"
        className="shortcuts-table"
        label="Keyboard shortcuts"
        rowHeader="keys"
        isHeaderHidden
      />
    </Dialog>
  );
}
