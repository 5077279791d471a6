// What the requester sees once the request is stored: the reference to quote, and what happens next.
import type { TakedownIntakeType } from "./intake-forms.ts";
import type { SubmittedTakedown } from "./takedown-form.tsx";

const NEXT_STEPS: Record<TakedownIntakeType, string> = {
  take_it_down:
    "We will review your request and act on valid requests within 48 hours, including identical copies we can find.",
  dmca: "We will review your notice, remove or disable access to the material if it is valid, and tell the uploader, who may send a counter-notice.",
  dsa_notice:
    "We will review your notice diligently and objectively and tell you our decision and how you can contest it.",
  likeness: "We will review your request and tell you our decision by email.",
  court_order: "We will act on the order by the deadline it sets and confirm what we did.",
};

export function ConfirmationPanel({ submitted }: { submitted: SubmittedTakedown }) {
  return (
    <section className="report-confirmation" role="status" aria-labelledby="report-confirmation-title">
      <h2 id="report-confirmation-title">Your request was received</h2>
      <p>Your reference</p>
      <p className="report-reference">{submitted.reference}</p>
      <p className="muted">Quote it if you contact us about this request.</p>
      {submitted.email ? <p>We emailed a receipt to {submitted.email}.</p> : null}
      <h3>What happens next</h3>
      <p>{NEXT_STEPS[submitted.type]}</p>
    </section>
  );
}
