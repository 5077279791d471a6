// The public takedown request page: anyone can reach it without an account.
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { TAKEDOWN_TYPE_LABELS, type TakedownIntakeType } from "../../../components/takedown-intake/intake-forms.ts";
import { ConfirmationPanel } from "../../../components/takedown-intake/confirmation-panel.tsx";
import { TakedownForm, type SubmittedTakedown } from "../../../components/takedown-intake/takedown-form.tsx";
import { TypeChoice } from "../../../components/takedown-intake/type-choice.tsx";
import { useSubmitTakedown } from "../api/submit-takedown.ts";

export function ReportPage() {
  const [type, setType] = useState<TakedownIntakeType | null>(null);
  const [submitted, setSubmitted] = useState<SubmittedTakedown | null>(null);
  const submitTakedown = useSubmitTakedown();
  useEffect(() => {
    document.title = "Report content · Vigil";
  }, []);

  return (
    <main className="report" id="main">
      <div className="report-card">
        <p className="brand brand-large">Vigil</p>
        <h1>Report content</h1>
        {submitted ? (
          <ConfirmationPanel submitted={submitted} />
        ) : (
          <>
            <p className="muted">
              Ask us to remove content that breaks the law or your rights. You do not need an account.
            </p>
            <TypeChoice value={type} onChange={setType} />
            {type ? (
              <section aria-labelledby="report-form-title">
                <h2 id="report-form-title">{TAKEDOWN_TYPE_LABELS[type]}</h2>
                {/* A new type is a new form: values meant for one law do not carry over to another. */}
                <TakedownForm
                  key={type}
                  type={type}
                  send={(intake) => submitTakedown.mutateAsync(intake)}
                  onSubmitted={setSubmitted}
                />
              </section>
            ) : null}
          </>
        )}
        <p className="report-footer">
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </div>
    </main>
  );
}
