import type { Ref } from "react";
import { Link } from "wouter";
import { Button } from "../../../components/button.tsx";
import { Deadline } from "../../../components/deadline.tsx";
import { humanize, pluralize } from "../../../lib/format.ts";
import type { CaseDetail } from "../api/get-case.ts";
import { caseTitle, shortId } from "../lib/case-facts.ts";

export function CaseHeader({
  detail,
  queueLabel,
  headingRef,
  isOpeningNext,
  onNext,
  onNextInList,
  onPrevious,
  onShowShortcuts,
}: {
  detail: CaseDetail;
  queueLabel: string;
  headingRef: Ref<HTMLHeadingElement>;
  isOpeningNext: boolean;
  onNext: () => void;
  onNextInList: () => void;
  onPrevious: () => void;
  onShowShortcuts: () => void;
}) {
  return (
    <div className="case-header">
      <div>
        <p className="case-kicker">
          <Link href={`/queues/${detail.queue}`}>{queueLabel}</Link> · case <code>{shortId(detail.id)}</code> ·{" "}
          <span className={`status status-${detail.status}`}>{humanize(detail.status)}</span>
          {detail.escalatedFrom ? (
            <span className="muted"> · escalated from {humanize(detail.escalatedFrom)}</span>
          ) : null}
        </p>
        <h1 ref={headingRef} tabIndex={-1}>
          {caseTitle(detail)}
        </h1>
        <p className="case-meta muted">
          Priority <strong className="priority">{Math.round(detail.priority)}</strong> ·{" "}
          {pluralize(detail.signalCount, "signal")} · {pluralize(detail.reporterCount, "reporter")}
          {detail.deadlineAt ? (
            <>
              {" "}
              · due <Deadline at={detail.deadlineAt} />
            </>
          ) : null}
        </p>
      </div>
      <div className="page-actions">
        <Button size="sm" onClick={onPrevious}>
          Back{" "}
          <kbd className="shortcut-hint" aria-hidden="true">
            k
          </kbd>
        </Button>
        <Button size="sm" onClick={onNextInList}>
          Next in list{" "}
          <kbd className="shortcut-hint" aria-hidden="true">
            j
          </kbd>
        </Button>
        <Button size="sm" isPending={isOpeningNext} onClick={onNext}>
          Next case{" "}
          <kbd className="shortcut-hint" aria-hidden="true">
            n
          </kbd>
        </Button>
        <Button size="sm" variant="ghost" aria-haspopup="dialog" onClick={onShowShortcuts}>
          Shortcuts{" "}
          <kbd className="shortcut-hint" aria-hidden="true">
            ?
          </kbd>
        </Button>
      </div>
    </div>
  );
}
