// The cameos the account registered. Only staff act on cameos, so only they get a link to one.
import { Link } from "wouter";
import { humanize } from "../../../lib/format.ts";
import type { AccountProfile } from "../api/get-account.ts";
import { CAMEO_PERMISSION_LABELS, labelOf } from "../lib/labels.ts";

export function AccountCameos({ cameos, canOpenCameos }: { cameos: AccountProfile["cameos"]; canOpenCameos: boolean }) {
  return (
    <section className="panel" aria-labelledby="account-cameos-heading">
      <h2 id="account-cameos-heading">Cameos owned ({cameos.length})</h2>
      {cameos.length === 0 ? (
        <p className="muted">The account has registered no cameo.</p>
      ) : (
        <ul className="plain-list">
          {cameos.map((c) => (
            <li key={c.id}>
              {canOpenCameos ? (
                <Link href={`/cameos/${encodeURIComponent(c.id)}`}>Cameo {c.id}</Link>
              ) : (
                <span>Cameo {c.id}</span>
              )}{" "}
              · <span className={`status status-${c.status}`}>{humanize(c.status)}</span> ·{" "}
              <span className="muted">usable by {labelOf(CAMEO_PERMISSION_LABELS, c.permission).toLowerCase()}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
