// One case under review: the evidence on the left, the decision on the right, and the keyboard over both.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useLocation } from "wouter";
import type { CaseAction } from "@contracts/decisions.ts";
import { caseActionsAllowed } from "@contracts/rules/case-actions.ts";
import { actionInputId } from "../../../components/decision/action-choice.tsx";
import { applyAction } from "../../../components/decision/decision-fieldset.tsx";
import { SuspensionNotice } from "../../../components/suspension-notice.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { caseAfter } from "../../../lib/case-order.ts";
import { casePath, useOpenNextCase, useReviewHandoff } from "../../../lib/next-case.ts";
import type { Policy } from "../../../lib/policies.ts";
import { NowContext, useNow } from "../../../lib/use-now.ts";
import type { CaseDetail } from "../api/get-case.ts";
import { useQueueLabel } from "../api/get-queue-label.ts";
import type { useCaseLease } from "../hooks/use-case-lease.ts";
import { useDecisionForm } from "../hooks/use-decision-form.ts";
import { useReviewShortcuts } from "../hooks/use-review-shortcuts.ts";
import { caseTitle } from "../lib/case-facts.ts";
import { CameoAppearances, RemixLineage } from "./case-people.tsx";
import { CaseContent, ClassifierScores, SignalList } from "./case-evidence.tsx";
import { CaseHeader } from "./case-header.tsx";
import { CreatorCard, DecisionHistory } from "./case-history.tsx";
import { CaseMedia } from "./case-media.tsx";
import { CaseNotes } from "./case-notes.tsx";
import { DecisionPanel, decisionFormId } from "./decision-panel.tsx";
import { LeaseBanner } from "./lease-banner.tsx";
import { PriorityBreakdown } from "./priority-breakdown.tsx";
import { ShortcutsDialog } from "./shortcuts-dialog.tsx";
import { SimilarRemoved } from "./similar-removed.tsx";

interface CaseWorkspaceProps {
  detail: CaseDetail;
  policies: readonly Policy[];
  lease: ReturnType<typeof useCaseLease>;
  isReloading: boolean;
  onReload: () => Promise<unknown>;
}

export function CaseWorkspace({ detail, policies, lease, isReloading, onReload }: CaseWorkspaceProps) {
  const [, navigate] = useLocation();
  const idPrefix = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const nextCase = useOpenNextCase();
  const queueLabel = useQueueLabel(detail.queue);
  const handoff = useReviewHandoff();
  const now = useNow();
  const actions = useMemo(
    () =>
      caseActionsAllowed({
        queue: detail.queue,
        post: detail.post ? { visibility: detail.post.visibility } : null,
        hasAccount: detail.creator !== null,
      }),
    [detail],
  );
  const isReadOnly = lease.state.kind === "refused";

  const decision = useDecisionForm({
    detail,
    policies,
    onDecided: async (result) => {
      lease.markDecided();
      await nextCase.openNext(detail.queue, { proposeSuspension: result.proposeSuspension });
    },
  });

  useEffect(() => {
    document.title = `${caseTitle(detail)} · Vigil`;
  }, [detail]);

  // After the layout has moved focus to the main region for the new address, the case heading takes it.
  useEffect(() => {
    const timer = window.setTimeout(() => headingRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, []);

  const openNext = () => void nextCase.openNext(detail.queue).catch(() => undefined);
  const handlers = {
    chooseAction: (action: CaseAction) => {
      if (isReadOnly || decision.isDecided || !actions.includes(action) || detail.actionRefusals[action]) return;
      applyAction(decision.form, action);
      document.getElementById(actionInputId(idPrefix, action))?.focus();
    },
    focusReason: () => decision.form.setFocus("reason"),
    submit: (event: KeyboardEvent) => {
      // Ctrl+Enter in another form of the page (the note) belongs to that form, not to the decision.
      const otherForm = event.target instanceof Element ? event.target.closest("form") : null;
      if (otherForm && otherForm.id !== decisionFormId(idPrefix)) return;
      if (!isReadOnly) void decision.submit();
    },
    nextCase: openNext,
    nextInList: () => {
      const id = caseAfter(detail.id);
      if (id) navigate(casePath(id));
      else openNext();
    },
    previous: () => window.history.back(),
    showHelp: () => setIsHelpOpen(true),
  };
  useReviewShortcuts(handlers, !isHelpOpen);

  const reload = async () => {
    await onReload();
    decision.clearConflict();
    lease.retry();
  };

  return (
    <NowContext value={now}>
      <article className="case-view">
        <CaseHeader
          detail={detail}
          queueLabel={queueLabel}
          headingRef={headingRef}
          isOpeningNext={nextCase.isPending}
          onNext={handlers.nextCase}
          onNextInList={handlers.nextInList}
          onPrevious={handlers.previous}
          onShowShortcuts={handlers.showHelp}
        />
        {handoff.proposeSuspension ? <SuspensionNotice proposal={handoff.proposeSuspension} /> : null}
        {nextCase.error ? (
          <p className="form-alert" role="alert">
            Could not open the next case: {messageOf(nextCase.error)}
          </p>
        ) : null}
        <LeaseBanner state={lease.state} onRetry={lease.retry} />
        <div className="case-layout">
          <div className="case-evidence">
            {detail.post ? <CaseMedia post={detail.post} /> : null}
            <CaseContent detail={detail} />
            <PriorityBreakdown detail={detail} />
            <ClassifierScores signals={detail.signals} />
            <SignalList signals={detail.signals} />
            {detail.post ? <SimilarRemoved caseId={detail.id} /> : null}
            {detail.post ? <CameoAppearances post={detail.post} /> : null}
            {detail.post ? <RemixLineage post={detail.post} /> : null}
            <CreatorCard detail={detail} />
            <DecisionHistory detail={detail} />
            <CaseNotes detail={detail} />
          </div>
          <div className="case-decision">
            <DecisionPanel
              decision={decision}
              actions={actions}
              unavailable={detail.actionRefusals}
              policies={policies}
              idPrefix={idPrefix}
              isReadOnly={isReadOnly}
              isReloading={isReloading}
              onReload={() => void reload()}
            />
          </div>
        </div>
      </article>
      {isHelpOpen ? <ShortcutsDialog onClose={() => setIsHelpOpen(false)} /> : null}
    </NowContext>
  );
}
