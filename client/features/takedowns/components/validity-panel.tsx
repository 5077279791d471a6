// The validity checklist: each legal element of the request's type, present or missing, and the outcome —
// valid (starts the TAKE IT DOWN clock) or a request for the missing elements.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { CheckboxField } from "../../../components/field.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useSetValidity, type TakedownDetail } from "../api/takedown-detail.ts";
import { validityElements } from "../lib/validity-elements.ts";

const CLOSED = new Set(["actioned", "rejected", "restored", "closed"]);

export function ValidityPanel({ request }: { request: TakedownDetail }) {
  const elements = validityElements(request);
  const setValidity = useSetValidity(request.id);
  const [trusted, setTrusted] = useState(request.isTrustedFlagger);
  // What to ask for starts as what the checklist found missing (or what was asked for before).
  const [asking, setAsking] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        request.missingElements.length ? request.missingElements : elements.filter((e) => !e.present).map((e) => e.key),
      ),
  );
  const isClosed = CLOSED.has(request.status);

  const toggleAsking = (key: string, on: boolean) => {
    const next = new Set(asking);
    if (on) next.add(key);
    else next.delete(key);
    setAsking(next);
  };

  return (
    <section className="panel" aria-labelledby="validity-heading">
      <h2 id="validity-heading">Validity</h2>
      <ul className="validity-list" aria-label="Legal elements">
        {elements.map((e) => (
          <li key={e.key} className={e.present ? "is-present" : "is-missing"}>
            <span aria-hidden="true">{e.present ? "✓" : "✗"}</span> {e.label}:{" "}
            <strong>{e.present ? "present" : "missing"}</strong>
          </li>
        ))}
      </ul>
      <fieldset disabled={isClosed || setValidity.isPending} className="stack">
        <CheckboxField
          label="Trusted flagger"
          checked={trusted}
          onChange={(event) => setTrusted(event.target.checked)}
        />
        <Button
          variant="primary"
          onClick={() => setValidity.mutate({ requestId: request.id, status: "valid", isTrustedFlagger: trusted })}
        >
          Mark valid
        </Button>
        <fieldset className="missing-elements">
          <legend>Missing elements to ask for</legend>
          {elements.map((e) => (
            <CheckboxField
              key={e.key}
              label={e.label}
              checked={asking.has(e.key)}
              onChange={(event) => toggleAsking(e.key, event.target.checked)}
            />
          ))}
        </fieldset>
        <Button
          disabled={asking.size === 0}
          onClick={() =>
            setValidity.mutate({
              requestId: request.id,
              status: "needs_info",
              missingElements: [...asking],
              isTrustedFlagger: trusted,
            })
          }
        >
          Request more information
        </Button>
      </fieldset>
      {isClosed ? <p className="muted">This request is {request.status}; its validity can no longer change.</p> : null}
      {setValidity.error ? (
        <p role="alert" className="form-alert">
          {messageOf(setValidity.error)}
        </p>
      ) : null}
      {setValidity.isSuccess ? (
        <p role="status" className="notice">
          Saved: {setValidity.data.status === "valid" ? "the request is valid" : "more information requested"}.
        </p>
      ) : null}
    </section>
  );
}
