// The platform API as its integrators read it, rendered from the same OpenAPI document the platform fetches,
// so the page cannot describe a contract the server does not check.
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { OPENAPI_DOCUMENT_PATH, useOpenApiDocument } from "../api/get-openapi-document.ts";
import type { OpenApiDocument } from "../lib/openapi-types.ts";
import { eventTypesOf } from "../lib/schema-fields.ts";
import { EndpointSection } from "./endpoint-section.tsx";
import { EVENT_TYPES_ANCHOR, EventTypesSection } from "./event-types-section.tsx";
import { Prose } from "./prose.tsx";
import { SignatureSection } from "./signature-section.tsx";
import { WEBHOOKS_ANCHOR, WebhooksSection } from "./webhook-section.tsx";

export function PlatformApiPage() {
  const openApi = useOpenApiDocument();
  return (
    <div className="doc-page">
      <PageHeader
        title="Platform API"
        description="What the platform sends Vigil, and the decisions Vigil sends back."
        actions={
          <a className="btn btn-sm" href={OPENAPI_DOCUMENT_PATH} download="vigil-platform-api.json">
            Download OpenAPI document
          </a>
        }
      />
      <QueryStates
        query={openApi}
        loadingLabel="Loading the API description…"
        errorTitle="Could not load the API description"
      >
        {(doc) => <PlatformApiDocs doc={doc} />}
      </QueryStates>
    </div>
  );
}

function PlatformApiDocs({ doc }: { doc: OpenApiDocument }) {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
  const events = operations.flatMap(({ operation }) => (operation.requestBody ? eventTypesOf(doc, operation) : []));

  return (
    <>
      <section className="panel doc-section" aria-labelledby="overview">
        <h2 id="overview">
          {doc.info.title} <span className="muted">version {doc.info.version}</span>
        </h2>
        <Prose text={doc.info.description} />
        <nav aria-label="On this page" className="doc-toc">
          <ul>
            <li>
              <a href="#signing">Signing</a>
            </li>
            {operations.map(({ path, method, operation }) => (
              <li key={`${method} ${path}`}>
                <a href={`#${operation.operationId ?? `${method}-${path}`}`}>
                  <code>
                    {method.toUpperCase()} {path}
                  </code>
                </a>
              </li>
            ))}
            <li>
              <a href={`#${EVENT_TYPES_ANCHOR}`}>Event types</a>
            </li>
            <li>
              <a href={`#${WEBHOOKS_ANCHOR}`}>Webhooks</a>
            </li>
          </ul>
        </nav>
      </section>
      <SignatureSection doc={doc} />
      {operations.map(({ path, method, operation }) => (
        <EndpointSection
          key={`${method} ${path}`}
          doc={doc}
          method={method}
          path={path}
          operation={operation}
          eventTypesAnchor={operation.requestBody && events.length > 0 ? EVENT_TYPES_ANCHOR : undefined}
        />
      ))}
      <EventTypesSection doc={doc} events={events} />
      <WebhooksSection doc={doc} />
    </>
  );
}
