// The post's media, blurred and gray by default (the reviewer's wellness settings) until they choose to look.
// Nothing plays by itself.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { formatCount, humanize } from "../../../lib/format.ts";
import { useMediaPreferences } from "../api/get-media-preferences.ts";
import type { CasePost } from "../api/get-case.ts";

function formatOffset(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function CaseMedia({ post }: { post: CasePost }) {
  const preferences = useMediaPreferences();
  const [isRevealed, setIsRevealed] = useState(false);
  const isMasked = !isRevealed && (preferences.blurMedia || preferences.grayscaleMedia);
  const mediaClass = [
    "media",
    !isRevealed && preferences.blurMedia ? "is-blurred" : "",
    !isRevealed && preferences.grayscaleMedia ? "is-grayscale" : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <section className="panel case-section" aria-labelledby="case-media-heading">
      <div className="section-heading">
        <h2 id="case-media-heading">Media</h2>
        {isMasked || isRevealed ? (
          <Button size="sm" aria-pressed={isRevealed} onClick={() => setIsRevealed((r) => !r)}>
            {isRevealed ? "Hide media" : "Reveal media"}
          </Button>
        ) : null}
      </div>
      <div className="media-row">
        {post.videoUrl ? (
          <video
            className={`${mediaClass} media-poster`}
            src={post.videoUrl}
            poster={post.posterUrl}
            controls
            preload="none"
            muted={preferences.muteMedia && !isRevealed}
          />
        ) : (
          <img className={`${mediaClass} media-poster`} src={post.posterUrl} alt="Poster frame of the post" />
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
            <dd>{formatOffset(post.durationMs)}</dd>
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
            <dt>C2PA manifest</dt>
            <dd>{post.hasC2pa ? "present" : <span className="flag">missing</span>}</dd>
          </div>
          <div>
            <dt>Watermark</dt>
            <dd>{post.hasWatermark ? "present" : <span className="flag">missing</span>}</dd>
          </div>
          <div>
            <dt>Post</dt>
            <dd>
              <code>{post.id}</code>
            </dd>
          </div>
        </dl>
      </div>
      {post.keyframes.length > 0 ? (
        <ol className="keyframe-strip" aria-label="Keyframes">
          {post.keyframes.map((frame) => (
            <li key={frame.index}>
              <figure>
                <img
                  className={mediaClass}
                  src={frame.imageUrl}
                  alt={`Keyframe ${frame.index + 1} at ${formatOffset(frame.atMs)}`}
                  loading="lazy"
                />
                <figcaption>{formatOffset(frame.atMs)}</figcaption>
              </figure>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
