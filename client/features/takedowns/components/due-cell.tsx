import { Deadline } from "../../../components/deadline.tsx";

/** A legal clock; one that has not started says why. */
export function DueCell({ due, missing }: { due: string | null; missing: string[] }) {
  if (due) return <Deadline at={due} />;
  return (
    <span className="muted">
      {missing.length > 0 ? `clock not started — missing ${missing.join(", ")}` : "clock not started"}
    </span>
  );
}
