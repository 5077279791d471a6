// Shown while rows are selected: how many, and the way into a bulk decision on them.
import { lazy, Suspense, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { LoadingState } from "../../../components/states.tsx";
import { pluralize } from "../../../lib/format.ts";
import type { CaseRow } from "../api/list-cases.ts";

const BulkDecisionForm = lazy(async () => ({ default: (await import("./bulk-decision-form.tsx")).BulkDecisionForm }));

export function BulkBar({
  selectedCount,
  selectedRows,
  queueKey,
  onClearSelection,
}: {
  selectedCount: number;
  selectedRows: readonly CaseRow[];
  queueKey: string;
  onClearSelection: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  // Once a bulk run starts, its outcome stays on screen after the selection is cleared, until closed.
  if (selectedCount === 0 && !isOpen) return null;
  const notLoaded = selectedCount - selectedRows.length;

  return (
    <div className="bulk-bar" role="region" aria-label="Selected cases">
      {selectedCount > 0 ? (
        <p className="selection-count">
          <strong>{selectedCount} selected</strong>
          {" — "}
          <Button size="sm" variant="primary" aria-expanded={isOpen} onClick={() => setIsOpen(true)} disabled={isOpen}>
            Decide…
          </Button>{" "}
          <Button size="sm" variant="ghost" onClick={onClearSelection}>
            Clear selection
          </Button>
          {notLoaded > 0 ? (
            <span className="muted"> {pluralize(notLoaded, "selected case")} not loaded here will be left out.</span>
          ) : null}
        </p>
      ) : null}
      {isOpen ? (
        <Suspense fallback={<LoadingState label="Loading the bulk form…" />}>
          <BulkDecisionForm
            rows={selectedRows}
            queueKey={queueKey}
            onFinished={onClearSelection}
            onClose={() => setIsOpen(false)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
