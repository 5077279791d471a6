// What requesters and complainants receive, filled with sample values, so staff can answer questions about it.
import { useState } from "react";
import { QueryStates } from "../../../components/states.tsx";
import { useNoticePreviews } from "../api/takedown-extras.ts";

export function NoticeTemplates() {
  const [open, setOpen] = useState(false);
  const previews = useNoticePreviews(open);
  return (
    <details className="panel notice-templates" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Notice templates</summary>
      {open ? (
        <QueryStates
          query={previews}
          loadingLabel="Loading the notice templates…"
          errorTitle="Could not load the notice templates"
        >
          {(list) => (
            <ul className="notice-template-list" aria-label="Notice templates">
              {list.map((p) => (
                <li key={p.kind}>
                  <h3>{p.label}</h3>
                  <p>
                    Subject: <strong>{p.subject}</strong>
                  </p>
                  <pre className="notice-template-text">{p.text}</pre>
                </li>
              ))}
            </ul>
          )}
        </QueryStates>
      ) : null}
    </details>
  );
}
