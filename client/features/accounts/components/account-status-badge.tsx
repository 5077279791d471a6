import { ACCOUNT_STATUS_LABELS, labelOf } from "../lib/labels.ts";

export function AccountStatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{labelOf(ACCOUNT_STATUS_LABELS, status)}</span>;
}
