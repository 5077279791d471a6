// The loaded request. The post selection lives here because the posts table fills it and the take-down form
// acts on it.
import { useState } from "react";
import { Link } from "wouter";
import { Deadline } from "../../../components/deadline.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import { NowContext, useNow } from "../../../lib/use-now.ts";
import type { TakedownDetail } from "../api/takedown-detail.ts";
import { TYPE_LABELS } from "../lib/validity-elements.ts";
import { CounterNotices } from "./counter-notices.tsx";
import { LocatedPosts } from "./located-posts.tsx";
import { NoticesAndDecisions } from "./notices-and-decisions.tsx";
import { TakeDownForm } from "./take-down-form.tsx";
import { ValidityPanel } from "./validity-panel.tsx";

export function TakedownWorkspace({ request }: { request: TakedownDetail }) {
  // A legal clock in hours moves visibly within a minute.
  const now = useNow(15_000);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const linked = new Set(request.posts.map((p) => p.postId));
  // Posts the server no longer lists (never expected, but cheap to guard) cannot stay selected.
  const selection = [...selected].filter((id) => linked.has(id));

  return (
    <NowContext value={now}>
      <PageHeader
        title={`Takedown ${request.reference}`}
        description={
          <>
            <Link href="/takedowns">Takedowns</Link> · received {formatDateTime(request.receivedAt)}
          </>
        }
      />
      <dl className="takedown-facts" aria-label="Request summary">
        <div>
          <dt>Type</dt>
          <dd>{TYPE_LABELS[request.type]}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${request.status}`}>{humanize(request.status)}</span>
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{request.dueAt ? <Deadline at={request.dueAt} /> : <span className="muted">clock not started</span>}</dd>
        </div>
        <div>
          <dt>Requester</dt>
          <dd>
            {request.requesterName ?? <span className="muted">Not given</span>}
            {request.requesterEmail ? <span className="muted"> ({request.requesterEmail})</span> : null}
            {request.isTrustedFlagger ? <span className="tag">trusted flagger</span> : null}
          </dd>
        </div>
      </dl>
      <div className="takedown-grid">
        <ValidityPanel request={request} />
        <LocatedPosts request={request} selected={selected} onSelectedChange={setSelected} />
        <TakeDownForm request={request} postIds={selection} />
        {request.type === "dmca" ? <CounterNotices request={request} /> : null}
        <NoticesAndDecisions request={request} />
      </div>
    </NowContext>
  );
}
