import type { OpenApiDocument, OpenApiParameter } from "../lib/openapi-types.ts";
import { resolveParameter } from "../lib/schema-fields.ts";
import { InlineCode } from "./prose.tsx";

export function HeadersTable({ doc, label, parameters }: { doc: OpenApiDocument; label: string; parameters: OpenApiParameter[] }) {
  const headers = parameters.map((p) => resolveParameter(doc, p)).filter((p) => p.in === "header");
  if (headers.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="doc-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">Required</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header) => (
            <tr key={header.name}>
              <th scope="row">
                <code>{header.name}</code>
              </th>
              <td>{header.required ? "required" : <span className="muted">optional</span>}</td>
              <td>
                <InlineCode text={header.description ?? ""} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
