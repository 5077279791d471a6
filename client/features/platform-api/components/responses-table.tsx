import type { OpenApiResponse } from "../lib/openapi-types.ts";
import { jsonBodySchema, refName } from "../lib/schema-fields.ts";
import { InlineCode } from "./prose.tsx";

/** An operation's answers: status, what it means, the body's schema and any headers worth reading. */
export function ResponsesTable({ label, responses }: { label: string; responses: Record<string, OpenApiResponse> }) {
  return (
    <div className="table-wrap">
      <table className="doc-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Meaning</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(responses).map(([status, response]) => {
            const body = jsonBodySchema(response);
            return (
              <tr key={status}>
                <th scope="row">
                  <code>{status}</code>
                </th>
                <td>
                  <p>
                    <InlineCode text={response.description} />
                  </p>
                  {Object.entries(response.headers ?? {}).map(([name, header]) => (
                    <p key={name} className="muted">
                      Header <code>{name}</code>: {header.description}
                    </p>
                  ))}
                </td>
                <td>{body?.$ref ? <code>{refName(body.$ref)}</code> : body ? <code>JSON</code> : <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
