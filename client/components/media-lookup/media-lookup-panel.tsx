// Which posts show a file staff have in hand: upload a video or image, see every post (published, held or removed)
// that shows it, ranked, with how much of each video is found in the other and, behind a disclosure per post, the
// frame pairs it was found by. On a takedown request the matches can be added to the request's located posts in
// one click. Text only: matched media is not shown here.
import { useState } from "react";
import { Button } from "../button.tsx";
import { Disclosure } from "../disclosure.tsx";
import { EmptyState } from "../states.tsx";
import { useLookUpFile, type FramePair, type PostShowingFile } from "./lookup-file.ts";

const VISIBILITY: Record<string, string> = {
  public: "published",
  held: "held",
  taken_down: "removed",
  deleted: "deleted",
};

export function MediaLookupPanel({
  takedownRequestId,
  onAdd,
  headingLevel = 2,
}: {
  takedownRequestId?: string;
  /** adds the chosen posts to the request; shown only when given */
  onAdd?: (postIds: string[]) => Promise<unknown>;
  headingLevel?: 2 | 3;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const lookup = useLookUpFile(takedownRequestId);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const matches = lookup.data?.matches ?? [];
  return (
    <section className="stack" aria-labelledby="media-lookup-heading">
      <Heading id="media-lookup-heading">Find posts by file</Heading>
      <form
        className="row-actions"
        aria-label="Find posts by file"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) {
            setAdded(null);
            lookup.mutate(file);
          }
        }}
      >
        <label className="field">
          <span className="field-label">Video or image file</span>
          <input
            className="input"
            type="file"
            accept="video/*,image/*"
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <Button type="submit" isPending={lookup.isPending} disabled={!file}>
          Look up
        </Button>
      </form>
      {lookup.isPending ? (
        <p role="status" className="muted">
          Hashing the file and comparing it with every post…
        </p>
      ) : null}
      {lookup.isError ? (
        <div className="form-alert" role="alert">
          {lookup.error.message}
        </div>
      ) : null}
      {lookup.isSuccess ? (
        matches.length === 0 ? (
          <EmptyState title="No post shows this file">
            {lookup.data.matchable
              ? "Nothing published, held or removed matches it."
              : "The file has no frame detailed enough to compare (a blank or single-colour picture)."}
          </EmptyState>
        ) : (
          <>
            <table className="data-table" aria-label="Posts showing the file">
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  <th scope="col">Creator</th>
                  <th scope="col">State</th>
                  <th scope="col">Match</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.postId}>
                    <td>
                      <code>{m.postId}</code> <span className="muted">{m.prompt}</span>
                    </td>
                    <td>@{m.creatorHandle}</td>
                    <td>{VISIBILITY[m.visibility] ?? m.visibility}</td>
                    <td>
                      {describeMatch(m)}
                      {m.framePairs.length ? <FramePairs postId={m.postId} pairs={m.framePairs} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {onAdd ? (
              <div className="row-actions">
                <Button onClick={() => void onAdd(matches.map((m) => m.postId)).then(() => setAdded(matches.length))}>
                  Add {matches.length === 1 ? "the match" : `the ${matches.length} matches`} to the request
                </Button>
                {added !== null ? (
                  <span role="status">
                    Added {added} post{added === 1 ? "" : "s"} to the request.
                  </span>
                ) : null}
              </div>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}

/** "0:07.50": where a frame is, to the sampled frame. */
function clock(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(2).padStart(5, "0")}`;
}

/** The frames a post was found by: time in the upload ↔ time in the post, and how far apart, on request. */
function FramePairs({ postId, pairs }: { postId: string; pairs: FramePair[] }) {
  const label = `Matched frames of ${postId}`;
  return (
    <Disclosure
      className="frame-pairs"
      buttonLabel={label}
      label={`${pairs.length} matched frame${pairs.length === 1 ? "" : "s"}`}
    >
      {() => (
        <table className="data-table compact" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">In the file</th>
              <th scope="col">In the post</th>
              <th scope="col">Bits apart</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={`${p.uploadMs}-${p.postMs}`}>
                <td>{clock(p.uploadMs)}</td>
                <td>{clock(p.postMs)}</td>
                <td>{p.distance} of 256</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Disclosure>
  );
}

function describeMatch(m: PostShowingFile): string {
  if (m.matchKind === "exact") return "Same file";
  return `${m.queryPct ?? 0} % of the file found in the post · ${m.comparisonPct ?? 0} % of the post found in the file (closest frames ${m.distance} of 256 bits apart)`;
}
