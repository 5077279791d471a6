import { useMemo } from "react";
import { useTable } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useOwnSessions, type OwnSession } from "../api/list-sessions.ts";
import { useEndOtherSessions, useEndSession } from "../api/end-session.ts";
import { buildSessionColumns } from "./session-columns.tsx";

const NO_SESSIONS: OwnSession[] = [];

/** Where you are signed in. Ending a session you do not recognise signs that device out at once. */
export function SessionsPanel() {
  const sessions = useOwnSessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const endingId = end.isPending ? (end.variables?.sessionId ?? null) : null;
  const endSession = end.mutate;
  const columns = useMemo(
    () => buildSessionColumns({ onEnd: (s) => endSession({ sessionId: s.id }), endingId }),
    [endSession, endingId],
  );
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: sessions.data ?? NO_SESSIONS,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  const others = (sessions.data ?? NO_SESSIONS).filter((s) => !s.isCurrent).length;
  const error = end.error ?? endOthers.error;

  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <div className="panel-heading">
        <h2 id="sessions-heading">Your sessions</h2>
        <Button size="sm" disabled={others === 0} isPending={endOthers.isPending} onClick={() => endOthers.mutate()}>
          End all other sessions
        </Button>
      </div>
      {endOthers.isSuccess ? (
        <p role="status" className="notice">
          {endOthers.data.ended === 1
            ? "1 other session was ended."
            : `${endOthers.data.ended} other sessions were ended.`}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {messageOf(error)}
        </p>
      ) : null}
      {sessions.isPending ? (
        <LoadingState label="Loading your sessions…" />
      ) : sessions.isError ? (
        <ErrorState
          error={sessions.error}
          title="Could not load your sessions"
          onRetry={() => void sessions.refetch()}
        />
      ) : (
        <DataTable
          table={table}
          label="Your sessions"
          empty="No open sessions"
          rowClassName={(row) => (row.original.isCurrent ? "is-current-row" : undefined)}
        />
      )}
    </section>
  );
}
