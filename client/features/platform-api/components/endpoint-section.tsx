// One endpoint the platform calls: what it takes, which headers, and every answer it can get.
import type { OpenApiDocument, OpenApiOperation } from "../lib/openapi-types.ts";
import { jsonBodySchema, refName, resolveSchema } from "../lib/schema-fields.ts";
import { HeadersTable } from "./headers-table.tsx";
import { InlineCode, Prose } from "./prose.tsx";
import { ResponsesTable } from "./responses-table.tsx";

interface EndpointSectionProps {
  doc: OpenApiDocument;
  method: string;
  path: string;
  operation: OpenApiOperation;
  /** where this endpoint's event types are described, when its body is a batch of events */
  eventTypesAnchor?: string;
}

export function EndpointSection({ doc, method, path, operation, eventTypesAnchor }: EndpointSectionProps) {
  const title = `${method.toUpperCase()} ${path}`;
  const id = operation.operationId ?? `${method}-${path}`;
  const body = jsonBodySchema(operation.requestBody);
  const bodySchema = resolveSchema(doc, body);
  const isPublic = operation.security?.length === 0;

  return (
    <section className="panel doc-section" aria-labelledby={id}>
      <h2 id={id}>
        <code>{title}</code>
      </h2>
      {operation.summary ? <p className="doc-summary">{operation.summary}</p> : null}
      {isPublic ? <p className="muted">Not signed: anyone may read it.</p> : null}
      <Prose text={operation.description} />
      {body ? (
        <>
          <h3>Request body</h3>
          <p>
            <code>{body.$ref ? refName(body.$ref) : "JSON"}</code>
            {bodySchema.description ? (
              <>
                {" — "}
                <InlineCode text={bodySchema.description} />
              </>
            ) : null}
            {eventTypesAnchor ? (
              <>
                {" "}
                <a href={`#${eventTypesAnchor}`}>The event types are described below.</a>
              </>
            ) : null}
          </p>
        </>
      ) : null}
      {operation.parameters?.length ? (
        <>
          <h3>Headers</h3>
          <HeadersTable doc={doc} label={`Headers of ${title}`} parameters={operation.parameters} />
        </>
      ) : null}
      <h3>Responses</h3>
      <ResponsesTable label={`Responses to ${title}`} responses={operation.responses} />
    </section>
  );
}
