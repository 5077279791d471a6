import { useCallback, useState } from "react";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatCount } from "../../../lib/format.ts";
import type { InviteWave } from "../api/get-invite-wave.ts";
import { useInviteCodes, type InviteCodeRow } from "../api/list-invite-codes.ts";
import { toCodeQuery, useCodeFilters } from "../hooks/use-code-filters.ts";
import { CodeFilters } from "./code-filters.tsx";
import { CodesTable } from "./codes-table.tsx";
import { RevokeDialog } from "./revoke-dialog.tsx";

export function CodesPanel({ wave }: { wave: InviteWave }) {
  const { filters, setFilters, clear, hasFilters } = useCodeFilters();
  const query = toCodeQuery(wave.id, filters);
  const codes = useInviteCodes(query);
  const [revoking, setRevoking] = useState<InviteCodeRow | null>(null);
  const { fetchNextPage } = codes;
  const fetchMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <section className="panel" aria-labelledby="codes-heading">
      <div className="section-heading">
        <h2 id="codes-heading">Codes</h2>
        <p className="muted" role="status">
          {codes.total === null
            ? ""
            : codes.isPlaceholderData
              ? "Updating…"
              : `${formatCount(codes.total)} ${codes.total === 1 ? "code matches" : "codes match"}${hasFilters ? " these filters" : ""}; ${formatCount(codes.rows.length)} loaded`}
        </p>
      </div>
      <CodeFilters
        filters={filters}
        batches={wave.batches}
        onChange={setFilters}
        onClear={clear}
        hasFilters={hasFilters}
      />
      {codes.isPending ? (
        <LoadingState label="Loading codes…" />
      ) : codes.isError && !codes.data ? (
        <ErrorState error={codes.error} title="Could not load the codes" onRetry={() => void codes.refetch()} />
      ) : (
        <>
          {codes.isError ? (
            <ErrorState error={codes.error} title="Could not load more codes" onRetry={fetchMore} />
          ) : null}
          <CodesTable
            rows={codes.rows}
            total={codes.total}
            hasNextPage={codes.hasNextPage}
            canFetch={!codes.isFetchingNextPage && !codes.isPlaceholderData && !codes.isError}
            fetchNextPage={fetchMore}
            isBusy={codes.isPlaceholderData || codes.isFetchingNextPage}
            scrollKey={JSON.stringify(query)}
            onRevoke={setRevoking}
            empty={hasFilters ? "No codes match these filters" : "No codes issued yet"}
          />
        </>
      )}
      {revoking ? (
        <RevokeDialog
          scope={{ type: "code", codes: [revoking.code] }}
          title={`Revoke ${revoking.code}`}
          knownCount={1}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </section>
  );
}
