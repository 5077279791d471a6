// Lookup by file: the upload goes as the raw body of POST /media-lookup (too large for tRPC); the server hashes it
// as it hashes posts and answers with the posts that show it.
import { useMutation } from "@tanstack/react-query";

/** An upload frame and the closest frame of the post found for it. */
export interface FramePair {
  uploadMs: number;
  postMs: number;
  distance: number;
}

export interface PostShowingFile {
  postId: string;
  prompt: string;
  visibility: string;
  creatorHandle: string;
  createdAt: string;
  matchKind: "exact" | "perceptual";
  queryPct: number | null;
  comparisonPct: number | null;
  distance: number;
  framePairs: FramePair[];
}

export interface FileLookup {
  lookupId: string;
  sha256: string;
  kind: "video" | "image";
  durationMs: number | null;
  frames: number;
  matchable: boolean;
  matches: PostShowingFile[];
}

export const MEDIA_LOOKUP_PATH = "/media-lookup";

export async function lookUpFile(file: Blob & { name?: string }, takedownRequestId?: string): Promise<FileLookup> {
  const query = new URLSearchParams({ fileName: file.name ?? "upload" });
  if (takedownRequestId) query.set("takedownRequestId", takedownRequestId);
  const res = await fetch(`${MEDIA_LOOKUP_PATH}?${query}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as (FileLookup & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `The lookup failed (${res.status}).`);
  return body;
}

export function useLookUpFile(takedownRequestId?: string) {
  return useMutation({ mutationFn: (file: File) => lookUpFile(file, takedownRequestId) });
}
