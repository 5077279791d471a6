// Staff type in a request that arrived by post, email or phone: the same legal elements as the public form,
// recorded as entered by them.
import { useState } from "react";
import { Link } from "wouter";
import { PageHeader } from "../../../components/page-header.tsx";
import { TAKEDOWN_TYPE_LABELS, type TakedownIntakeType } from "../../../components/takedown-intake/intake-forms.ts";
import { TakedownForm, type SubmittedTakedown } from "../../../components/takedown-intake/takedown-form.tsx";
import { TypeChoice } from "../../../components/takedown-intake/type-choice.tsx";
import { useEnterTakedown } from "../api/enter-takedown.ts";

export function EnterTakedownPage() {
  const [type, setType] = useState<TakedownIntakeType | null>(null);
  const [entered, setEntered] = useState<SubmittedTakedown | null>(null);
  const enter = useEnterTakedown();

  return (
    <>
      <PageHeader
        title="Enter a request"
        description="A request received by post, email or phone. It needs the same elements as the public form."
      />
      {entered ? (
        <section className="panel" role="status" aria-labelledby="entered-title">
          <h2 id="entered-title">Request {entered.reference} entered</h2>
          <p>
            {entered.email ? `A receipt was queued to ${entered.email}. ` : ""}
            <Link href="/takedowns">Back to the takedown requests</Link>
          </p>
        </section>
      ) : (
        <section className="panel stack">
          <TypeChoice value={type} onChange={setType} />
          {type ? (
            <section aria-labelledby="enter-form-title">
              <h2 id="enter-form-title">{TAKEDOWN_TYPE_LABELS[type]}</h2>
              <TakedownForm
                key={type}
                type={type}
                send={(intake) => enter.mutateAsync(intake)}
                onSubmitted={setEntered}
                submitLabel="Enter request"
              />
            </section>
          ) : null}
        </section>
      )}
    </>
  );
}
