// Brings a hash list into one bank. The list is checked whole: with any bad line nothing of it is kept, and the
// bad lines are listed by number so the sender can fix the file. While the upload runs, the import's row on the
// server says how many lines have been read, then how many of the list's entries have been written.
import { useEffect, useRef, useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { Field, SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { formatCount, formatDateTime, humanize, pluralize } from "../../../lib/format.ts";
import { useBankImports, type BankImport } from "../api/list-bank-imports.ts";
import {
  DECLARED_SIGNAL_TYPES,
  useImportHashList,
  type DeclaredSignalType,
  type HashListImportResult,
} from "../api/import-hash-list.ts";
import type { HashBank } from "../api/list-hash-banks.ts";

const SIGNAL_TYPE_LABELS: Record<DeclaredSignalType, string> = {
  pdq: "PDQ (pdq)",
  vpdq: "vPDQ frame lists (vpdq)",
  video_md5: "Video MD5 (video_md5)",
  photo_md5: "Image MD5 (photo_md5)",
  sha256: "SHA-256 (sha256)",
};
const DECLARED_TYPE_OPTIONS = [
  { value: "", label: "Named on each line" },
  ...DECLARED_SIGNAL_TYPES.map((t) => ({ value: t, label: SIGNAL_TYPE_LABELS[t] })),
];

const ImportListSchema = z.object({
  file: z.custom<FileList>(
    (value) => typeof FileList !== "undefined" && value instanceof FileList && value.length === 1,
    "Choose the list's file",
  ),
  source: z.string().check(z.trim(), z.minLength(2, "Name where the list comes from"), z.maxLength(200)),
  listDate: z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/, "A date as YYYY-MM-DD")),
  declaredType: z.enum(["", ...DECLARED_SIGNAL_TYPES]),
});

export function BankImportDialog({ bank, onClose }: { bank: HashBank; onClose: () => void }) {
  const upload = useImportHashList();
  const imports = useBankImports(bank.id, { polling: upload.isPending });
  const [result, setResult] = useState<HashListImportResult | null>(null);
  const title = `Import a list into ${bank.name}`;

  return (
    <Dialog title={title} onClose={onClose}>
      <Form
        schema={ImportListSchema}
        defaultValues={{ file: undefined, source: "", listDate: "", declaredType: "" }}
        aria-label={title}
        className="stack"
        onSubmit={async (values) => {
          setResult(null);
          setResult(
            await upload.mutateAsync({
              bankId: bank.id,
              file: values.file[0]!,
              source: values.source,
              listDate: values.listDate || undefined,
              declaredType: values.declaredType || undefined,
            }),
          );
        }}
      >
        {({ register, formState: { errors, isSubmitting } }) => (
          <>
            <Field
              label="List file"
              hint="signal_type,value lines (a header is allowed), or one hash a line with its type below."
              error={errors.file?.message}
            >
              {(control) => (
                <input
                  className="input"
                  type="file"
                  accept=".csv,.txt,text/csv,text/plain"
                  {...control}
                  {...register("file")}
                />
              )}
            </Field>
            <TextField
              label="Source"
              autoComplete="off"
              hint="Who sent the list; kept with every entry it adds."
              error={errors.source?.message}
              {...register("source")}
            />
            <TextField
              label="List date"
              type="date"
              hint="When the source made the list, if it says."
              error={errors.listDate?.message}
              {...register("listDate")}
            />
            <SelectField
              label="Signal type"
              options={DECLARED_TYPE_OPTIONS}
              hint="Only for files of bare hashes, one a line."
              error={errors.declaredType?.message}
              {...register("declaredType")}
            />
            <div className="form-actions row-actions">
              <Button type="submit" variant="primary" isPending={isSubmitting}>
                Import
              </Button>
              <Button variant="ghost" onClick={onClose}>
                {result ? "Done" : "Cancel"}
              </Button>
            </div>
          </>
        )}
      </Form>
      {upload.isPending ? <ImportProgress running={imports.data?.find((i) => i.status === "running")} /> : null}
      {result ? <ImportOutcome result={result} /> : null}
      <RecentImports imports={imports.data} />
    </Dialog>
  );
}

function ImportProgress({ running }: { running: BankImport | undefined }) {
  return (
    <p className="notice" role="status" aria-label="Import progress">
      <span className="spinner" aria-hidden="true" />{" "}
      {running && running.planned > 0 ? (
        <>
          {`Writing the list: ${running.entries.toLocaleString("en")} of ${pluralize(running.planned, "entry", "entries")}…`}{" "}
          <progress aria-label="Entries written" max={running.planned} value={running.entries} />
        </>
      ) : running && running.lines > 0 ? (
        `Checking the list: ${pluralize(running.lines, "line")} read…`
      ) : (
        "Sending the list…"
      )}
    </p>
  );
}

function ImportOutcome({ result }: { result: HashListImportResult }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form stays put; the answer takes the focus so a keyboard or screen-reader user lands on it.
  useEffect(() => ref.current?.focus(), [result]);
  if (result.status === "done") {
    return (
      <div className="notice" role="status" aria-label="Import result" tabIndex={-1} ref={ref}>
        Imported {pluralize(result.entries, "entry", "entries")} from {pluralize(result.lines, "line")}
        {result.duplicates > 0 ? ` (${formatCount(result.duplicates)} already in the bank)` : ""}.
      </div>
    );
  }
  const more = result.errorCount - result.errors.length;
  return (
    <div className="notice notice-warning" role="alert" aria-label="Import refused" tabIndex={-1} ref={ref}>
      <p>
        <strong>The list was refused</strong>: {pluralize(result.errorCount, "line")} could not be read, so nothing of
        it was kept. Fix the file and import it again.
      </p>
      <ul className="plain-list small" aria-label="Refused lines">
        {result.errors.map((e) => (
          <li key={e.line}>
            Line {e.line}: {e.message}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="muted">and {pluralize(more, "more line")}.</p> : null}
    </div>
  );
}

function RecentImports({ imports }: { imports: BankImport[] | undefined }) {
  if (!imports || imports.length === 0) return null;
  return (
    <section aria-label="Recent imports">
      <h3>Recent imports</h3>
      <ul className="plain-list">
        {imports.slice(0, 5).map((i) => (
          <li key={i.id}>
            <time dateTime={i.createdAt}>{formatDateTime(i.createdAt)}</time> · {i.source} · {humanize(i.status)} ·{" "}
            {i.status === "done"
              ? `${pluralize(i.entries, "entry", "entries")} from ${pluralize(i.lines, "line")}`
              : i.status === "refused"
                ? `${pluralize(i.errorCount, "bad line")}`
                : pluralize(i.lines, "line")}
            {i.createdBy ? <span className="muted"> · {i.createdBy.displayName}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
