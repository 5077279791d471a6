// The named banks above the entries: what each holds and what a match against it does. Staff import and export
// lists; admins create banks and change them, and a requested automatic take-down waits for a second admin.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTable } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useCurrentUser } from "../../../lib/auth.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import { useHashBanks, type HashBank } from "../api/list-hash-banks.ts";
import { buildBankColumns } from "./bank-columns.tsx";
import { BankEditDialog } from "./bank-edit-dialog.tsx";
import { BankForm } from "./bank-form.tsx";
import { BankImportDialog } from "./bank-import.tsx";

const NO_BANKS: HashBank[] = [];

export function BanksPanel() {
  const user = useCurrentUser();
  const isAdmin = roleAtLeast(user.role, "admin");
  const banks = useHashBanks();
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [importingId, setImportingId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  // After a dialog or the form closes, keyboard focus lands on what happened rather than on the page's top.
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const viewer = useMemo(() => ({ id: user.id, isAdmin }), [user.id, isAdmin]);
  const onEdit = useCallback((bank: HashBank) => setEditingId(bank.id), []);
  const onImport = useCallback((bank: HashBank) => setImportingId(bank.id), []);
  const columns = useMemo(
    () => buildBankColumns({ viewer, onEdit, onImport, onOutcome: setOutcome }),
    [viewer, onEdit, onImport],
  );
  const rows = banks.data ?? NO_BANKS;
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  // Dialogs read the bank from the list, so they show it as it is after a refresh.
  const editing = rows.find((b) => b.id === editingId);
  const importing = rows.find((b) => b.id === importingId);

  return (
    <section className="panel" aria-labelledby="banks-heading">
      <div className="panel-heading">
        <h2 id="banks-heading">Banks</h2>
        {isAdmin && !creating ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            New bank
          </Button>
        ) : null}
      </div>
      <p className="muted" role="status" ref={outcomeRef} tabIndex={-1}>
        {outcome ?? ""}
      </p>
      {creating ? (
        <BankForm
          onCreated={(name) => {
            setCreating(false);
            setOutcome(`Created the bank ${name}.`);
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {banks.isPending ? (
        <LoadingState label="Loading the banks…" />
      ) : banks.isError && !banks.data ? (
        <ErrorState error={banks.error} title="Could not load the banks" onRetry={() => void banks.refetch()} />
      ) : (
        <DataTable
          table={table}
          labelledBy="banks-heading"
          rowHeader="name"
          empty={isAdmin ? "No banks yet: create one with New bank." : "No banks yet: an admin creates them."}
          isBusy={banks.isFetching}
        />
      )}
      {editing ? (
        <BankEditDialog
          bank={editing}
          onClose={() => setEditingId(null)}
          onSaved={(message) => {
            setEditingId(null);
            setOutcome(message);
          }}
        />
      ) : null}
      {importing ? <BankImportDialog bank={importing} onClose={() => setImportingId(null)} /> : null}
    </section>
  );
}
