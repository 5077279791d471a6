import { createColumnHelper } from "@tanstack/react-table";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import type { StaffMember } from "../api/list-staff.ts";
import { StaffActions } from "./staff-actions.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, StaffMember>();

export const staffColumns = helper.columns([
  helper.accessor("displayName", { header: "Name" }),
  helper.accessor("email", { header: "Email" }),
  helper.accessor("role", {
    header: "Role",
    meta: { width: 100 },
    cell: (info) => <span className="role-badge">{info.getValue()}</span>,
  }),
  helper.accessor((row) => (row.disabledAt ? "disabled" : "active"), {
    id: "status",
    header: "Status",
    meta: { width: 90 },
    cell: (info) => (
      <span className={`status status-${info.getValue()}`}>
        {info.getValue() === "disabled" ? "Disabled" : "Active"}
      </span>
    ),
  }),
  helper.accessor("lastSignInAt", {
    header: "Last sign-in",
    meta: { width: 160 },
    cell: (info) => {
      const at = info.getValue();
      return at ? formatDateTime(at) : <span className="muted">Never</span>;
    },
  }),
  helper.display({
    id: "actions",
    header: "Actions",
    meta: { width: 450 },
    cell: ({ row }) => <StaffActions member={row.original} />,
  }),
]);
