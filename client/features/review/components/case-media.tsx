// The post's media, blurred and gray by default (the reviewer's wellness settings) until they choose to look.
// Nothing plays by itself. Shows the real file Vigil fetched — or why there is none — with what ffmpeg, the
// hashers and the Content Credentials reader found.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { formatCount, humanize } from "../../../lib/format.ts";
import { useMediaPreferences } from "../api/get-media-preferences.ts";
import type { CasePost } from "../api/get-case.ts";
import { formatClockTime } from "../lib/case-facts.ts";
import {
  CasePlayer,
  formatClock,
  maskClass,
  type MediaFileView,
  type MediaMask,
  type MediaView,
} from "./case-player.tsx";
import { ProvenancePanel } from "./provenance-panel.tsx";

export function CaseMedia({ post }: { post: CasePost }) {
  // Another post is another look: its reveal, blur and sound start from the preferences again.
  return <CaseMediaPanel key={post.id} post={post} />;
}

function fileOf(media: MediaView): MediaFileView | null {
  return "file" in media ? media.file : null;
}

function reasonOf(media: MediaView): string {
  if (!("error" in media)) return "unknown reason";
  return media.error ?? (media.errorCode ? humanize(media.errorCode) : "unknown reason");
}

/** Why the file is not shown, or null when it is. */
function mediaStatusText(media: MediaView, file: MediaFileView | null): string | null {
  switch (media.status) {
    case "none":
      return "No media from the platform";
    case "pending":
      return "Fetching and processing media…";
    case "retrying":
      return media.nextAttemptAt
        ? `Media unavailable (${reasonOf(media)}) — trying again at ${formatClockTime(media.nextAttemptAt)}`
        : `Media unavailable (${reasonOf(media)}) — trying again soon`;
    case "failed":
      return `Media unavailable (${reasonOf(media)})`;
    case "ready":
      if (!file) return "Media unavailable (the processed file is missing)";
      return file.purgedAt ? "Media deleted under the retention schedule; its hashes are kept" : null;
  }
}

function CaseMediaPanel({ post }: { post: CasePost }) {
  const preferences = useMediaPreferences();
  const [isRevealed, setIsRevealed] = useState(false);
  // The player's Blur button (or `b`) overrides the reveal state for blur only, until the next reveal.
  const [blurChoice, setBlurChoice] = useState<boolean | null>(null);
  const mask: MediaMask = {
    isBlurred: blurChoice ?? (!isRevealed && preferences.blurMedia),
    isGrayscale: !isRevealed && preferences.grayscaleMedia,
  };
  const media = post.media;
  const file = fileOf(media);
  const statusText = mediaStatusText(media, file);
  const playable = file && !file.purgedAt && file.fileUrl ? { ...file, fileUrl: file.fileUrl } : null;
  const canMask = preferences.blurMedia || preferences.grayscaleMedia || isRevealed || blurChoice !== null;

  return (
    <section className="panel case-section" aria-labelledby="case-media-heading">
      <div className="section-heading">
        <h2 id="case-media-heading">Media</h2>
        {canMask ? (
          <Button
            size="sm"
            aria-pressed={isRevealed}
            onClick={() => {
              setIsRevealed((r) => !r);
              setBlurChoice(null);
            }}
          >
            Reveal media
          </Button>
        ) : null}
      </div>
      {statusText ? (
        <p className={`media-status media-status-${media.status}`} role="status">
          {statusText}
        </p>
      ) : null}
      <div className="media-row">
        {playable?.kind === "video" ? (
          <CasePlayer
            file={playable}
            mask={mask}
            defaultMuted={preferences.muteMedia}
            onToggleBlur={() => setBlurChoice(!mask.isBlurred)}
          />
        ) : playable ? (
          <img
            className={maskClass(mask, "media-image")}
            src={playable.fileUrl}
            alt="The post's image"
            width={playable.width ?? undefined}
            height={playable.height ?? undefined}
          />
        ) : (
          // No file to show: the platform's poster stands in.
          <img className={maskClass(mask, "media-poster")} src={post.posterUrl} alt="Poster frame of the post" />
        )}
        <dl className="facts">
          <div>
            <dt>Visibility</dt>
            <dd>
              <span className={`status status-${post.visibility}`}>{humanize(post.visibility)}</span>
            </dd>
          </div>
          <div>
            <dt>Length</dt>
            <dd>{formatClock(post.durationMs)}</dd>
          </div>
          <div>
            <dt>Views</dt>
            <dd>{formatCount(post.viewCount)}</dd>
          </div>
          <div>
            <dt>Remixes</dt>
            <dd>{formatCount(post.remixCount)}</dd>
          </div>
          <div>
            <dt>Post</dt>
            <dd>
              <code>{post.id}</code>
            </dd>
          </div>
        </dl>
      </div>
      {file ? <FileFacts file={file} /> : null}
      {!playable && post.keyframes.length > 0 ? (
        <ol className="keyframe-strip" aria-label="Keyframes">
          {post.keyframes.map((frame) => (
            <li key={frame.index}>
              <figure>
                <img
                  className={maskClass(mask)}
                  src={frame.imageUrl}
                  alt={`Keyframe ${frame.index + 1} at ${formatClock(frame.atMs)}`}
                  loading="lazy"
                />
                <figcaption>{formatClock(frame.atMs)}</figcaption>
              </figure>
            </li>
          ))}
        </ol>
      ) : null}
      <ProvenancePanel
        provenance={file?.provenance ?? null}
        summary={file?.provenanceSummary ?? null}
        disagreement={file?.disagreement ?? null}
        platform={media.platform}
      />
    </section>
  );
}

/** What ffmpeg and the hashers found, compact. */
function FileFacts({ file }: { file: MediaFileView }) {
  const codecs = [file.videoCodec, file.audioCodec].filter(Boolean).join(" + ");
  return (
    <dl className="facts media-facts" aria-label="File facts">
      <div>
        <dt>Type</dt>
        <dd>
          {humanize(file.kind)} <span className="muted">{file.mimeType}</span>
        </dd>
      </div>
      {file.durationMs !== null ? (
        <div>
          <dt>Duration</dt>
          <dd>{formatClock(file.durationMs, true)}</dd>
        </div>
      ) : null}
      {file.width !== null && file.height !== null ? (
        <div>
          <dt>Size</dt>
          <dd>
            {file.width}×{file.height}
            {file.fps ? <span className="muted"> · {Math.round(file.fps * 100) / 100} fps</span> : null}
          </dd>
        </div>
      ) : null}
      {codecs ? (
        <div>
          <dt>Codecs</dt>
          <dd>{codecs}</dd>
        </div>
      ) : null}
      <div>
        <dt>Bytes</dt>
        <dd>{formatCount(file.bytes)}</dd>
      </div>
      <div>
        <dt>SHA-256</dt>
        <dd>
          <code title={file.sha256}>{file.sha256.slice(0, 12)}…</code>
        </dd>
      </div>
      <div>
        <dt>MD5</dt>
        <dd>
          <code>{file.md5}</code>
        </dd>
      </div>
      <div>
        <dt>Matching</dt>
        <dd>
          {file.matchable ? (
            `matchable (${file.frames} ${file.frames === 1 ? "frame" : "frames"} hashed)`
          ) : (
            <span className="flag">not matchable (blank or single-colour frames)</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
