import { useContext } from "react";
import { describeDeadline, formatDateTime } from "../lib/format.ts";
import { NowContext } from "../lib/use-now.ts";

/** A countdown to a deadline, marked when it is close and when it has passed. */
export function Deadline({ at }: { at: string }) {
  const now = useContext(NowContext);
  const deadline = describeDeadline(at, now);
  const className = deadline.isOverdue
    ? "deadline is-overdue"
    : deadline.isDueSoon
      ? "deadline is-due-soon"
      : "deadline";
  return (
    <time dateTime={at} title={formatDateTime(at)} className={className}>
      {deadline.label}
    </time>
  );
}
