import { Button } from "../../../components/button.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useKeyShortcuts } from "../../../lib/key-shortcuts.ts";
import { useOpenNextCase } from "../../../lib/next-case.ts";
import type { QueueKind } from "../api/get-queues.ts";

/** Claims the queue's highest-priority unclaimed case and opens it; "n" does the same. */
export function NextCaseButton({ queue }: { queue: QueueKind | undefined }) {
  const { openNext, isPending, error } = useOpenNextCase();
  const run = () => {
    if (queue && !isPending) void openNext(queue).catch(() => undefined);
  };
  useKeyShortcuts([{ key: "n", run }], !!queue);

  return (
    <div className="next-case">
      <Button
        variant="primary"
        onClick={run}
        isPending={isPending}
        disabled={!queue}
        title={queue ? undefined : "Choose a queue first"}
      >
        Next case
        <kbd className="shortcut-hint" aria-hidden="true">
          n
        </kbd>
      </Button>
      {error ? (
        <p className="field-error" role="alert">
          Could not claim the next case: {messageOf(error)}
        </p>
      ) : null}
    </div>
  );
}
