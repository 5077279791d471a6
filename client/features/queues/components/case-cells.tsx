import { useContext } from "react";
import { Deadline } from "../../../components/deadline.tsx";
import { ageSeconds, formatDateTime, formatDuration, humanize } from "../../../lib/format.ts";
import { NowContext } from "../../../lib/use-now.ts";
import { useCategoryOptions } from "../api/get-categories.ts";

/** Categories are policy codes; the policy catalogue has their names. */
export function CategoryCell({ code }: { code: string | null }) {
  const categories = useCategoryOptions();
  if (!code) return <span className="muted">—</span>;
  const name = categories.data?.find((c) => c.value === code)?.label ?? humanize(code);
  return <span title={name}>{name}</span>;
}

export function DeadlineCell({ at }: { at: string | null }) {
  return at ? <Deadline at={at} /> : <span className="muted">—</span>;
}

export function AgeCell({ since }: { since: string }) {
  const now = useContext(NowContext);
  return (
    <time dateTime={since} title={formatDateTime(since)}>
      {formatDuration(ageSeconds(since, now))}
    </time>
  );
}
