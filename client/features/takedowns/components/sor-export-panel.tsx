// Statements of reasons for a period, handed over as a file staff submit to the DSA Transparency Database.
import { useEffect, useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { pluralize } from "../../../lib/format.ts";
import { useSorExport } from "../api/takedown-extras.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const optionalDay = z.string().check(z.refine((v) => v === "" || DAY.test(v), "Use a date in the form YYYY-MM-DD"));

const ExportSchema = z.object({ since: optionalDay, until: optionalDay, format: z.enum(["json", "csv"]) });

interface Download {
  href: string;
  filename: string;
  count: number;
  invalid: number;
  truncated: boolean;
}

export function SorExportPanel() {
  const sorExport = useSorExport();
  const [download, setDownload] = useState<Download | null>(null);
  // Object URLs hold the file in memory until revoked; release each one when it is replaced or the panel goes.
  useEffect(() => () => (download ? URL.revokeObjectURL(download.href) : undefined), [download]);

  return (
    <section className="panel" aria-labelledby="sor-export-heading">
      <h2 id="sor-export-heading">Export statements of reasons</h2>
      <Form
        schema={ExportSchema}
        defaultValues={{ since: "", until: "", format: "json" }}
        aria-labelledby="sor-export-heading"
        className="sor-export-form"
        onSubmit={async (values) => {
          const result = await sorExport.mutateAsync({
            since: values.since || undefined,
            until: values.until || undefined,
            format: values.format,
          });
          const body = result.format === "csv" ? result.csv : JSON.stringify(result.batches, null, 2);
          const blob = new Blob([body], { type: result.format === "csv" ? "text/csv" : "application/json" });
          setDownload({
            href: URL.createObjectURL(blob),
            filename: `statements-${values.since || "start"}-${values.until || "today"}.${result.format}`,
            count: result.count,
            invalid: result.invalid.length,
            truncated: result.nextCursor !== null,
          });
        }}
      >
        {(form) => (
          <>
            <TextField
              label="Since"
              type="date"
              hint="First day, UTC."
              error={form.formState.errors.since?.message}
              {...form.register("since")}
            />
            <TextField
              label="Until"
              type="date"
              hint="Last day, UTC."
              error={form.formState.errors.until?.message}
              {...form.register("until")}
            />
            <SelectField
              label="Format"
              options={[
                { value: "json", label: "JSON (batches)" },
                { value: "csv", label: "CSV" },
              ]}
              {...form.register("format")}
            />
            <Button type="submit" variant="primary" isPending={form.formState.isSubmitting}>
              Export
            </Button>
          </>
        )}
      </Form>
      {download ? (
        <div role="status" className="notice" aria-label="Export result">
          <p>
            {pluralize(download.count, "statement")} exported, {pluralize(download.invalid, "invalid decision")} left
            out.
            {download.truncated ? " The export reached its limit; narrow the period for the rest." : ""}
          </p>
          <a href={download.href} download={download.filename}>
            Download {download.filename}
          </a>
        </div>
      ) : null}
    </section>
  );
}
