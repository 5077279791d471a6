// /cameos/protected — people whose likeness the platform must not generate: public figures who opted out and
// deceased people whose estates did. The platform reads the active entries from the signed feed.
import { useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { CheckboxField } from "../../../components/field.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useUrlState } from "../../../lib/url-state.ts";
import { RemoveProtectedLikenessInput } from "@contracts/cameos.ts";
import { useProtectedLikenesses, type ProtectedLikeness } from "../api/list-protected-likenesses.ts";
import { useRemoveProtectedLikeness } from "../api/remove-protected-likeness.ts";
import { labelOf, PROTECTED_KIND_LABELS } from "../lib/labels.ts";
import { CameoAreaTabs } from "./cameo-area-tabs.tsx";
import { ProtectedLikenessForm } from "./protected-likeness-form.tsx";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";

const RemoveReason = z.pick(RemoveProtectedLikenessInput, { reason: true });

export function ProtectedRegisterPage() {
  const [params, update] = useUrlState();
  const search = params.get("search") ?? "";
  const includeRemoved = params.get("removed") === "1";
  const list = useProtectedLikenesses({ search: search.trim(), includeRemoved });
  const [removing, setRemoving] = useState<ProtectedLikeness | null>(null);
  const remove = useRemoveProtectedLikeness();

  return (
    <>
      <PageHeader
        title="Protected likenesses"
        description={
          <>
            The platform fetches the active entries through the signed <code>GET /api/v1/protected-likenesses</code> and blocks prompts and uploads
            naming them.
          </>
        }
      />
      <CameoAreaTabs current="/cameos/protected" />
      <form role="search" aria-label="Find register entries" className="filter-bar" onSubmit={(event) => event.preventDefault()}>
        <DebouncedSearchField label="Name or alias" value={search} onCommit={(next) => update({ search: next.trim() }, { replace: true })} />
        <CheckboxField label="Include removed entries" checked={includeRemoved} onChange={(event) => update({ removed: event.target.checked ? "1" : null }, { replace: true })} />
      </form>
      {list.isPending ? (
        <LoadingState label="Loading the register…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the register" onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={search ? `No entry matches “${search}”` : "The register is empty"} />
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Protected likenesses" aria-busy={list.isPlaceholderData || undefined}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" style={{ width: 110 }}>
                  Kind
                </th>
                <th scope="col">Aliases</th>
                <th scope="col" style={{ width: 200 }}>
                  Requested by
                </th>
                <th scope="col" style={{ width: 160 }}>
                  Added
                </th>
                <th scope="col" className="align-end" style={{ width: 90 }}>
                  Complaints
                </th>
                <th scope="col" style={{ width: 120 }}>
                  Status
                </th>
                <th scope="col" style={{ width: 100 }}>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((entry) => (
                <tr key={entry.id} className={entry.active ? undefined : "is-disabled-row"}>
                  <td title={entry.note ?? undefined}>
                    {entry.name}
                    {entry.note ? <div className="muted truncate">{entry.note}</div> : null}
                  </td>
                  <td>{labelOf(PROTECTED_KIND_LABELS, entry.kind)}</td>
                  <td>{entry.aliases.length ? entry.aliases.join(", ") : <span className="muted">—</span>}</td>
                  <td title={entry.requestedBy ?? undefined}>{entry.requestedBy ?? <span className="muted">—</span>}</td>
                  <td>
                    {formatDateTime(entry.createdAt)}
                    <div className="muted truncate">by {entry.createdBy.displayName}</div>
                  </td>
                  <td className="align-end">{entry._count.complaints}</td>
                  <td>
                    {entry.active ? (
                      <span className="status status-active">Active</span>
                    ) : (
                      <>
                        <span className="status status-disabled">Removed</span>
                        {entry.removedReason ? <div className="muted">{entry.removedReason}</div> : null}
                      </>
                    )}
                  </td>
                  <td>
                    {entry.active ? (
                      <Button size="sm" aria-label={`Remove ${entry.name}…`} onClick={() => setRemoving(entry)}>
                        Remove…
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProtectedLikenessForm />
      {removing ? (
        <ReasonDialog
          title={`Remove ${removing.name} from the register`}
          schema={RemoveReason}
          reasonHint="The platform stops blocking this likeness at its next fetch of the register."
          submitLabel="Remove"
          submitVariant="danger"
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await remove.mutateAsync({ id: removing.id, reason });
            setRemoving(null);
          }}
        />
      ) : null}
    </>
  );
}
