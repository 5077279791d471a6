import { useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useStaffList, type StaffMember } from "../api/list-staff.ts";
import { AddStaffForm } from "./add-staff-form.tsx";
import { staffColumns } from "./staff-columns.tsx";

const NO_STAFF: StaffMember[] = [];

export function TeamPage() {
  const staff = useStaffList();
  const table = useTable({
    features: dataTableFeatures,
    columns: staffColumns,
    data: staff.data ?? NO_STAFF,
    getRowId: (row) => row.id,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader
        title="Team"
        description="Staff accounts and their roles. A role change, disabling or a password reset signs the person out at once."
      />
      {staff.isPending ? (
        <LoadingState label="Loading staff…" />
      ) : staff.isError ? (
        <ErrorState error={staff.error} title="Could not load staff" onRetry={() => void staff.refetch()} />
      ) : (
        <DataTable
          table={table}
          label="Staff"
          empty="No staff accounts"
          rowClassName={(row) => (row.original.disabledAt ? "is-disabled-row" : undefined)}
        />
      )}
      <AddStaffForm />
    </>
  );
}
