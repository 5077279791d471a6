// Hash lists go to the server as the request body over plain HTTP, not through tRPC: a list can hold a million
// lines. The session cookie authorises the upload, as it does the export.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export const HASH_LIST_IMPORT_PATH = "/hash-lists/import";

export const DECLARED_SIGNAL_TYPES = ["pdq", "vpdq", "video_md5", "photo_md5", "sha256"] as const;
export type DeclaredSignalType = (typeof DECLARED_SIGNAL_TYPES)[number];

export interface HashListImportRequest {
  bankId: string;
  file: File;
  source: string;
  /** YYYY-MM-DD */
  listDate?: string;
  /** for a file of one hash a line, with no signal type on its lines */
  declaredType?: DeclaredSignalType;
}

export type HashListImportResult =
  | { status: "done"; importId: string; lines: number; entries: number; duplicates: number }
  | {
      status: "refused";
      importId: string;
      lines: number;
      errors: { line: number; message: string }[];
      errorCount: number;
    };

export class HashListImportError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = "HashListImportError";
    this.field = field;
  }
}

export function hashListImportUrl(req: Omit<HashListImportRequest, "file"> & { fileName: string }): URL {
  // Absolute, so it also works under a test runner whose fetch has no base URL.
  const url = new URL(HASH_LIST_IMPORT_PATH, window.location.origin);
  url.searchParams.set("bankId", req.bankId);
  url.searchParams.set("source", req.source);
  if (req.listDate) url.searchParams.set("listDate", req.listDate);
  if (req.declaredType) url.searchParams.set("declaredType", req.declaredType);
  url.searchParams.set("fileName", req.fileName);
  return url;
}

/** Uploads one list. A refused list (bad lines) is an answer, not an error: nothing of it was kept. */
export async function postHashList(req: HashListImportRequest): Promise<HashListImportResult> {
  let response: Response;
  try {
    response = await fetch(hashListImportUrl({ ...req, fileName: req.file.name }), {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": req.file.type || "text/plain" },
      body: req.file,
    });
  } catch {
    throw new HashListImportError("The server could not be reached. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => null)) as
    (Partial<HashListImportResult> & { error?: string; field?: string }) | null;
  if ((response.status === 200 || response.status === 422) && body?.status) return body as HashListImportResult;
  throw new HashListImportError(body?.error ?? `The server answered ${response.status}.`, body?.field);
}

/** The upload as a mutation; afterwards the bank's counts, last import and import history are read again. */
export function useImportHashList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postHashList,
    onSettled: (_data, _error, req) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.hashBank.banks.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.hashBank.imports.queryKey({ bankId: req.bankId }) }),
      ]),
  });
}
