import { createColumnHelper } from "@tanstack/react-table";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { AuditRow } from "../api/list-audit.ts";

const helper = createColumnHelper<typeof dataTableFeatures, AuditRow>();

function describeDetails(details: unknown): string {
  if (!details || typeof details !== "object" || Object.keys(details).length === 0) return "";
  return JSON.stringify(details);
}

export const auditColumns = helper.columns([
  helper.accessor("at", {
    header: "When",
    meta: { width: 170 },
    cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time>,
  }),
  helper.accessor((row) => row.actor?.displayName ?? null, {
    id: "actor",
    header: "Who",
    meta: { width: 180 },
    cell: (info) => {
      const row = info.row.original;
      if (row.actor) {
        return (
          <span>
            {row.actor.displayName} <span className="muted">({row.actor.role})</span>
          </span>
        );
      }
      return <span className="muted">{humanize(row.actorType)}</span>;
    },
  }),
  helper.accessor("action", { header: "Action", meta: { width: 200 }, cell: (info) => <code>{info.getValue()}</code> }),
  helper.accessor((row) => (row.subjectType ? `${row.subjectType}:${row.subjectId ?? ""}` : null), {
    id: "subject",
    header: "Subject",
    meta: { width: 240 },
    cell: (info) => {
      const subject = info.getValue();
      return subject ? <code className="truncate">{subject}</code> : <span className="muted">—</span>;
    },
  }),
  helper.accessor("details", {
    header: "Details",
    cell: (info) => {
      const text = describeDetails(info.getValue());
      return text ? (
        <code className="truncate" title={text}>
          {text}
        </code>
      ) : null;
    },
  }),
]);
