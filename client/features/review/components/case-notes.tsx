// Notes reviewers leave each other on a case; never shown to the user.
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Field } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useAddNote } from "../api/add-note.ts";
import type { CaseDetail } from "../api/get-case.ts";

const NoteInput = z.object({
  body: z.string().check(z.trim(), z.minLength(1, "Write the note"), z.maxLength(4_000, "At most 4,000 characters")),
});

export function CaseNotes({ detail }: { detail: CaseDetail }) {
  const addNote = useAddNote(detail.id);
  return (
    <section className="panel case-section" aria-labelledby="case-notes-heading">
      <h2 id="case-notes-heading">Notes ({detail.notes.length})</h2>
      {detail.notes.length > 0 ? (
        <ul className="plain-list">
          {detail.notes.map((note) => (
            <li key={note.id}>
              <strong>{note.author.displayName}</strong>{" "}
              <time className="muted" dateTime={note.createdAt}>
                {formatDateTime(note.createdAt)}
              </time>
              <p className="note-body">{note.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <Form
        schema={NoteInput}
        defaultValues={{ body: "" }}
        aria-label="Add a note"
        className="note-form"
        onSubmit={async (values, form) => {
          await addNote.mutateAsync({ caseId: detail.id, body: values.body });
          form.reset();
        }}
      >
        {({ register, formState: { errors, isSubmitting } }) => (
          <>
            <Field label="New note" hint="For other reviewers; the user never sees it." error={errors.body?.message}>
              {(control) => <textarea className="input textarea" rows={2} {...control} {...register("body")} />}
            </Field>
            <Button type="submit" size="sm" isPending={isSubmitting}>
              Add note
            </Button>
          </>
        )}
      </Form>
    </section>
  );
}
