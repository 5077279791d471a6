// Who the owner let use the cameo, and how many posts each made with it. Revoking starts from a grant's row.
import { useMemo } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import type { CameoDetail, CameoGrant } from "../api/get-cameo.ts";
import { AccountLink } from "../../../components/account-link.tsx";

const OPEN = new Set(["pending_approval", "approved", "executing"]);

export function CameoGrants({ cameo, onRevoke }: { cameo: CameoDetail; onRevoke: (grant: CameoGrant) => void }) {
  return (
    <section className="panel cameo-wide" aria-labelledby="grants-heading">
      <h2 id="grants-heading">Grants</h2>
      {cameo.grants.length === 0 ? (
        <EmptyState title="Nobody has been granted this cameo">Only the owner can use it.</EmptyState>
      ) : (
        <GrantsTable cameo={cameo} onRevoke={onRevoke} />
      )}
    </section>
  );
}

const grantColumn = createColumnHelper<typeof dataTableFeatures, CameoGrant>();

function grantColumns(openRevocations: ReadonlySet<string | null>, onRevoke: (grant: CameoGrant) => void) {
  return grantColumn.columns([
    grantColumn.display({
      id: "grantee",
      header: "Grantee",
      cell: ({ row }) => (
        <>
          <AccountLink id={row.original.grantee.id} handle={row.original.grantee.handle} />{" "}
          <span className="muted">{row.original.grantee.displayName}</span>
        </>
      ),
    }),
    grantColumn.accessor("status", {
      header: "Status",
      meta: { width: 90 },
      cell: (info) => <span className={`status status-${info.getValue()}`}>{humanize(info.getValue())}</span>,
    }),
    grantColumn.accessor("createdAt", {
      header: "Granted",
      meta: { width: 160 },
      cell: (info) => formatDateTime(info.getValue()),
    }),
    grantColumn.accessor("revokedAt", {
      header: "Revoked",
      meta: { width: 160 },
      cell: (info) => {
        const at = info.getValue();
        return at ? formatDateTime(at) : <span className="muted">—</span>;
      },
    }),
    grantColumn.accessor("posts", {
      header: "Posts",
      meta: { width: 70, align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    grantColumn.accessor("publicPosts", {
      header: "Public posts",
      meta: { width: 100, align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    grantColumn.display({
      id: "actions",
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { width: 100, label: "Actions" },
      cell: ({ row }) => {
        const grant = row.original;
        if (grant.status !== "active") return null;
        return openRevocations.has(grant.id) ? (
          <span className="muted">Revocation open</span>
        ) : (
          <Button
            size="sm"
            variant="danger"
            aria-label={`Revoke @${grant.grantee.handle}'s grant…`}
            onClick={() => onRevoke(grant)}
          >
            Revoke…
          </Button>
        );
      },
    }),
  ]);
}

function GrantsTable({ cameo, onRevoke }: { cameo: CameoDetail; onRevoke: (grant: CameoGrant) => void }) {
  const openRevocations = useMemo(
    () => new Set(cameo.actions.filter((a) => a.kind === "revoke_grant" && OPEN.has(a.status)).map((a) => a.grantId)),
    [cameo.actions],
  );
  const columns = useMemo(() => grantColumns(openRevocations, onRevoke), [openRevocations, onRevoke]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: cameo.grants,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return <DataTable table={table} labelledBy="grants-heading" />;
}
