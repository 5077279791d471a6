// The document's descriptions are short plain text: paragraphs split by blank lines, `code` in backticks.
import { Fragment } from "react";

export function InlineCode({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>
  );
}

export function Prose({ text, className }: { text: string | undefined; className?: string }) {
  if (!text) return null;
  return (
    <div className={["prose", className ?? ""].filter(Boolean).join(" ")}>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((paragraph, i) => (
          <p key={i}>
            <InlineCode text={paragraph.trim()} />
          </p>
        ))}
    </div>
  );
}
