import type { FieldRow } from "../lib/schema-fields.ts";
import { InlineCode } from "./prose.tsx";

/** Fields of one schema: name, type, required or not, and its rules in words. */
export function FieldTable({ label, rows }: { label: string; rows: FieldRow[] }) {
  if (rows.length === 0) return <p className="muted">No fields.</p>;
  return (
    <div className="table-wrap">
      <table className="doc-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Rules</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.path}>
              <th scope="row">
                <code>{row.path}</code>
              </th>
              <td>
                <code>{row.type}</code>
              </td>
              <td>{row.isRequired ? "required" : <span className="muted">optional</span>}</td>
              <td>
                {row.description ? (
                  <p>
                    <InlineCode text={row.description} />
                  </p>
                ) : null}
                {row.rules.length > 0 ? <p className="muted">{row.rules.join("; ")}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
