// The platform API's OpenAPI document, as the server publishes it to the platform. Read over plain HTTP: it is
// public, same-origin, and not part of the staff tRPC API.
import { useQuery } from "@tanstack/react-query";
import type { OpenApiDocument } from "../lib/openapi-types.ts";

export const OPENAPI_DOCUMENT_PATH = "/api/v1/openapi.json";

async function fetchOpenApiDocument(signal: AbortSignal): Promise<OpenApiDocument> {
  let response: Response;
  try {
    // Absolute, so it also works under a test runner whose fetch has no base URL.
    response = await fetch(new URL(OPENAPI_DOCUMENT_PATH, window.location.origin), {
      headers: { accept: "application/json" },
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error("The server could not be reached. Check your connection and try again.");
  }
  if (!response.ok) throw new Error(`The server answered ${response.status} for ${OPENAPI_DOCUMENT_PATH}.`);
  const body: unknown = await response.json().catch(() => null);
  if (!isOpenApi31(body)) throw new Error(`${OPENAPI_DOCUMENT_PATH} is not an OpenAPI 3.1 document.`);
  return body;
}

function isOpenApi31(body: unknown): body is OpenApiDocument {
  if (!body || typeof body !== "object") return false;
  const doc = body as Partial<OpenApiDocument>;
  return typeof doc.openapi === "string" && doc.openapi.startsWith("3.1") && !!doc.components?.schemas && !!doc.paths;
}

export function useOpenApiDocument() {
  return useQuery({
    queryKey: ["platform-api", "openapi"],
    queryFn: ({ signal }) => fetchOpenApiDocument(signal),
    // The document only changes with a deploy.
    staleTime: 10 * 60_000,
  });
}
