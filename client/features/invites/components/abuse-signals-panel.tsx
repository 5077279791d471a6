// Three patterns worth a look in a wave: codes whose redeemers were later suspended, codes redeemed from many
// regions in a short time (resold), and inviters with many suspended invitees.
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatCount, formatDateTime } from "../../../lib/format.ts";
import { useAbuseSignals } from "../api/abuse-signals.ts";

export function AbuseSignalsPanel({
  waveId,
  onShowAccount,
}: {
  waveId: string;
  onShowAccount: (accountId: string) => void;
}) {
  const signals = useAbuseSignals(waveId);
  return (
    <section className="panel" aria-labelledby="abuse-heading">
      <h2 id="abuse-heading">Abuse signals</h2>
      {signals.isPending ? (
        <LoadingState label="Looking for abuse signals…" />
      ) : signals.isError ? (
        <ErrorState error={signals.error} title="Could not load abuse signals" onRetry={() => void signals.refetch()} />
      ) : (
        <div className="stack">
          <h3 className="subheading">Codes whose redeemers were suspended</h3>
          {signals.data.codesWithSuspendedRedeemers.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul className="plain-list small" aria-label="Codes whose redeemers were suspended">
              {signals.data.codesWithSuspendedRedeemers.map((c) => (
                <li key={c.codeId}>
                  <code>{c.code}</code>{" "}
                  <span className="flag">
                    {formatCount(c.suspendedRedeemers)} of {formatCount(c.redemptions)} redeemers suspended
                  </span>
                  {c.issuerAccountId ? <InviterLink accountId={c.issuerAccountId} onShow={onShowAccount} /> : null}
                </li>
              ))}
            </ul>
          )}
          <h3 className="subheading">Codes redeemed from many regions quickly</h3>
          {signals.data.resoldCodes.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul className="plain-list small" aria-label="Codes redeemed from many regions">
              {signals.data.resoldCodes.map((c) => (
                <li key={c.codeId}>
                  <code>{c.code}</code>{" "}
                  <span className="flag">
                    {formatCount(c.regions)} regions ({c.regionList.join(", ")})
                  </span>{" "}
                  <span className="muted">
                    from {formatDateTime(c.windowStart)}; used {formatCount(c.useCount)} times
                  </span>
                  {c.issuerAccountId ? <InviterLink accountId={c.issuerAccountId} onShow={onShowAccount} /> : null}
                </li>
              ))}
            </ul>
          )}
          <h3 className="subheading">Inviters with many suspended invitees</h3>
          {signals.data.invitersWithSuspendedInvitees.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul className="plain-list small" aria-label="Inviters with many suspended invitees">
              {signals.data.invitersWithSuspendedInvitees.map((i) => (
                <li key={i.accountId}>
                  <button type="button" className="link-button" onClick={() => onShowAccount(i.accountId)}>
                    {i.handle ? `@${i.handle}` : i.accountId}
                  </button>{" "}
                  <span className="flag">
                    {formatCount(i.suspendedInvitees)} of {formatCount(i.invitees)} invitees suspended
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function InviterLink({ accountId, onShow }: { accountId: string; onShow: (id: string) => void }) {
  return (
    <>
      {" "}
      <span className="muted">shared by </span>
      <button type="button" className="link-button" onClick={() => onShow(accountId)}>
        {accountId}
      </button>
    </>
  );
}
