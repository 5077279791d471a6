// Whether the audit chain held when it was last checked, and the checkpoint it is held against outside the
// database. Admins can check every row now.
import { Button } from "../../../components/button.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useCurrentUser } from "../../../lib/auth.ts";
import { formatCount, formatDateTime } from "../../../lib/format.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import { useAuditStatus, type AuditCheck, type AuditStatus } from "../api/audit-status.ts";
import { useVerifyAuditChain } from "../api/verify-audit-chain.ts";

function verdict(check: AuditCheck): string {
  return check.held ? "held" : check.brokenAtSeq ? `broken at #${check.brokenAtSeq}` : "broken";
}

function CheckLine({ check }: { check: AuditCheck }) {
  const who = check.by ? check.by.displayName : "the server";
  const what =
    check.scope === "full"
      ? `every row through #${check.throughSeq}`
      : `the rows after checkpoint #${check.checkpointSeq ?? "0"}`;
  return (
    <>
      <time dateTime={check.at}>{formatDateTime(check.at)}</time> by {who}, {what} ({formatCount(check.checked)}{" "}
      checked) — <strong className={check.held ? "chain-held" : "chain-broken"}>{verdict(check)}</strong>
    </>
  );
}

function CheckpointLine({ checkpoint }: { checkpoint: AuditStatus["checkpoint"] }) {
  switch (checkpoint.state) {
    case "valid":
      return (
        <>
          <time dateTime={checkpoint.at ?? undefined}>{checkpoint.at ? formatDateTime(checkpoint.at) : ""}</time> at #
          {checkpoint.seq}
        </>
      );
    case "missing":
      return <span className="muted">None yet</span>;
    case "invalid":
      return <strong className="chain-broken">Not signed with the audit key: altered or replaced</strong>;
    default:
      return <span className="muted">Off (in-memory database)</span>;
  }
}

function Verdict({ status }: { status: AuditStatus }) {
  const check = status.lastCheck;
  if (!check) return <p className="muted">The chain has not been checked yet.</p>;
  if (check.held) return <p className="notice">The chain held when it was last checked.</p>;
  return (
    <p className="form-alert">
      <strong>The chain is {verdict(check)}.</strong> {check.summary}
    </p>
  );
}

export function ChainStatus() {
  const status = useAuditStatus();
  const verify = useVerifyAuditChain();
  const isAdmin = roleAtLeast(useCurrentUser().role, "admin");
  return (
    <section className="panel chain-status" aria-labelledby="chain-status-title">
      <div className="section-heading">
        <h2 id="chain-status-title" className="subheading">
          Chain integrity
        </h2>
        {isAdmin ? (
          <Button size="sm" isPending={verify.isPending} onClick={() => verify.mutate()}>
            {verify.isPending ? "Verifying…" : "Verify now"}
          </Button>
        ) : null}
      </div>
      <QueryStates query={status} loadingLabel="Loading the chain status…" errorTitle="Could not load the chain status">
        {(data) => (
          <>
            <Verdict status={data} />
            <dl className="facts" aria-label="Audit chain">
              <div>
                <dt>Last verified</dt>
                <dd>{data.lastCheck ? <CheckLine check={data.lastCheck} /> : <span className="muted">Never</span>}</dd>
              </div>
              <div>
                <dt>Last full check</dt>
                <dd>
                  {data.lastFullCheck ? (
                    <CheckLine check={data.lastFullCheck} />
                  ) : (
                    <span className="muted">Never (an admin can run one)</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>Last checkpoint</dt>
                <dd>
                  <CheckpointLine checkpoint={data.checkpoint} />
                </dd>
              </div>
              <div>
                <dt>Newest row</dt>
                <dd>{data.head ? `#${data.head.seq}` : <span className="muted">The log is empty</span>}</dd>
              </div>
            </dl>
          </>
        )}
      </QueryStates>
      <div role="status" aria-live="polite">
        {verify.data ? (
          <p>
            Checked {formatCount(verify.data.checked)} rows:{" "}
            {verify.data.held ? "the chain holds." : `the chain does not hold. ${verify.data.summary ?? ""}`}
          </p>
        ) : null}
      </div>
      {verify.isError ? (
        <p className="form-alert" role="alert">
          {messageOf(verify.error)}
        </p>
      ) : null}
    </section>
  );
}
