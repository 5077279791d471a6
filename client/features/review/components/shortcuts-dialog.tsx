import { Dialog } from "../../../components/dialog.tsx";
import { REVIEW_SHORTCUT_HELP } from "../hooks/use-review-shortcuts.ts";

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <p className="muted">Letters work when the focus is not in a text field.</p>
      <table className="doc-table shortcuts-table">
        <tbody>
          {REVIEW_SHORTCUT_HELP.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
