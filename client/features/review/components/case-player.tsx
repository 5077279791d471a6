// The post's video with its own controls: nothing plays by itself, sound stays off and the picture stays masked
// per the reviewer's wellness settings, and every control has a key while the focus is in the player.
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { Button } from "../../../components/button.tsx";
import { usePlayerKeys } from "../hooks/use-player-keys.ts";
import type { CasePost } from "../api/get-case.ts";

export type MediaView = CasePost["media"];
export type MediaFileView = NonNullable<Extract<MediaView, { file: unknown }>["file"]>;
export type StripInfo = MediaFileView["strip"];

export interface MediaMask {
  isBlurred: boolean;
  isGrayscale: boolean;
}

const FALLBACK_FPS = 30;

/** "0:03", "12:40"; with `precise`, hundredths too ("0:03.04"), so a frame step shows. */
export function formatClock(ms: number, precise = false): string {
  const safe = Math.max(0, Number.isFinite(ms) ? ms : 0);
  const totalSeconds = precise ? safe / 1000 : Math.round(safe / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds - minutes * 60;
  const shown = precise ? seconds.toFixed(2).padStart(5, "0") : String(Math.floor(seconds)).padStart(2, "0");
  return `${minutes}:${shown}`;
}

/** "−9 LUFS", with a real minus sign. */
export function formatLufs(lufs: number): string {
  const n = Math.round(lufs);
  return `${n < 0 ? "−" : ""}${Math.abs(n)} LUFS`;
}

export function maskClass(mask: MediaMask, ...extra: string[]): string {
  return ["media", mask.isBlurred ? "is-blurred" : "", mask.isGrayscale ? "is-grayscale" : "", ...extra]
    .filter(Boolean)
    .join(" ");
}

/** One tile of a thumbnail strip (tiles left to right in one JPEG row) as a CSS background. */
export function stripTileStyle(stripUrl: string, strip: StripInfo, index: number): CSSProperties {
  return {
    width: strip.tileWidth,
    height: strip.tileHeight,
    backgroundImage: `url(${JSON.stringify(stripUrl)})`,
    backgroundPosition: `${-index * strip.tileWidth}px 0`,
    backgroundRepeat: "no-repeat",
  };
}

/** The tile whose time is closest to `atMs`. */
export function nearestTile(strip: StripInfo, atMs: number): number {
  let best = 0;
  strip.atMs.forEach((t, i) => {
    if (Math.abs(t - atMs) < Math.abs(strip.atMs[best]! - atMs)) best = i;
  });
  return best;
}

interface CasePlayerProps {
  file: MediaFileView & { fileUrl: string };
  mask: MediaMask;
  onToggleBlur: () => void;
  defaultMuted: boolean;
}

export function CasePlayer({ file, mask, onToggleBlur, defaultMuted }: CasePlayerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [isPlaying, setIsPlaying] = useState(false);
  const [currentMs, setCurrentMs] = useState(0);
  const [mediaDurationMs, setMediaDurationMs] = useState<number | null>(null);
  // Until the reviewer presses Mute/Unmute, their preference (which may still be loading) decides.
  const [muteChoice, setMuteChoice] = useState<boolean | null>(null);
  const isMuted = muteChoice ?? defaultMuted;
  const durationMs = file.durationMs ?? mediaDurationMs ?? 0;

  // React does not keep the `muted` property in step after the first render; the element must never be louder
  // than the button says.
  useEffect(() => {
    if (videoRef.current) videoRef.current.muted = isMuted;
  }, [isMuted]);

  const seekTo = (ms: number) => {
    const video = videoRef.current;
    if (!video) return;
    const clamped = Math.max(0, durationMs > 0 ? Math.min(durationMs, ms) : ms);
    video.currentTime = clamped / 1000;
    setCurrentMs(clamped);
  };

  const togglePlay = () => {
    const video = videoRef.current;
    if (!video) return;
    if (isPlaying) {
      video.pause();
      setIsPlaying(false);
    } else {
      // A browser may refuse to play (no user gesture, unplayable file): the button then stays on Play.
      void Promise.resolve(video.play()).catch(() => setIsPlaying(false));
      setIsPlaying(true);
    }
  };

  const stepFrame = (direction: 1 | -1) => {
    const video = videoRef.current;
    if (!video) return;
    video.pause();
    setIsPlaying(false);
    const step = 1000 / (file.fps && file.fps > 0 ? file.fps : FALLBACK_FPS);
    seekTo(video.currentTime * 1000 + direction * step);
  };

  const toggleMute = () => setMuteChoice(!isMuted);

  const onKeyDown = usePlayerKeys({
    togglePlay,
    previousFrame: () => stepFrame(-1),
    nextFrame: () => stepFrame(1),
    toggleMute,
    toggleBlur: onToggleBlur,
  });

  const showLoudWarning = file.isLoud && isMuted && file.loudestLufs !== null;

  return (
    <div className="player" role="region" aria-label="Video player" tabIndex={0} onKeyDown={onKeyDown}>
      <video
        ref={videoRef}
        className={maskClass(mask, "player-video")}
        aria-label="The post's video"
        src={file.fileUrl}
        poster={file.posterUrl ?? undefined}
        preload="metadata"
        playsInline
        muted={isMuted}
        width={file.width ?? undefined}
        height={file.height ?? undefined}
        onPlay={() => setIsPlaying(true)}
        onPause={() => setIsPlaying(false)}
        onEnded={() => setIsPlaying(false)}
        onTimeUpdate={(event) => setCurrentMs(event.currentTarget.currentTime * 1000)}
        onLoadedMetadata={(event) => {
          const d = event.currentTarget.duration;
          if (Number.isFinite(d)) setMediaDurationMs(d * 1000);
        }}
      />
      <div className="player-controls" role="group" aria-label="Playback controls">
        <Button size="sm" aria-label={isPlaying ? "Pause" : "Play"} onClick={togglePlay}>
          {isPlaying ? "❚❚" : "▶"}
        </Button>
        <Button size="sm" aria-label="Previous frame" onClick={() => stepFrame(-1)}>
          ‹
        </Button>
        <Button size="sm" aria-label="Next frame" onClick={() => stepFrame(1)}>
          ›
        </Button>
        <span className="player-time">
          {formatClock(currentMs, true)} / {formatClock(durationMs)}
        </span>
        <Button size="sm" aria-label={isMuted ? "Unmute" : "Mute"} onClick={toggleMute}>
          {isMuted ? "Sound off" : "Sound on"}
        </Button>
        {showLoudWarning ? (
          <span className="player-loud">Loud audio: peaks at {formatLufs(file.loudestLufs!)}</span>
        ) : null}
        <Button size="sm" aria-pressed={mask.isBlurred} onClick={onToggleBlur}>
          Blur
        </Button>
      </div>
      {file.isLoud ? <LoudnessChart loudness={file.loudness} /> : null}
      {file.stripUrl && file.strip.tiles > 0 ? (
        <ol className="player-strip" aria-label="Thumbnail strip">
          {file.strip.atMs.slice(0, file.strip.tiles).map((atMs, i) => (
            <li key={i}>
              <button
                type="button"
                className={maskClass(mask, "strip-tile")}
                style={stripTileStyle(file.stripUrl!, file.strip, i)}
                aria-label={`Seek to ${formatClock(atMs)}`}
                onClick={() => seekTo(atMs)}
              />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

const CHART_WIDTH = 160;
const CHART_HEIGHT = 28;
const CHART_FLOOR_LUFS = -60;

/** A tiny line of loudness over time, so the reviewer sees when the loud part comes. */
function LoudnessChart({ loudness }: { loudness: MediaFileView["loudness"] }) {
  if (loudness.length === 0) return null;
  const lastMs = Math.max(1, loudness[loudness.length - 1]!.atMs);
  const x = (atMs: number) => (loudness.length === 1 ? CHART_WIDTH / 2 : (atMs / lastMs) * CHART_WIDTH);
  const y = (lufs: number) => {
    const share = (Math.min(0, Math.max(CHART_FLOOR_LUFS, lufs)) - CHART_FLOOR_LUFS) / -CHART_FLOOR_LUFS;
    return CHART_HEIGHT - share * (CHART_HEIGHT - 2) - 1;
  };
  const peak = loudness.reduce((max, l) => (l.lufs > max.lufs ? l : max), loudness[0]!);
  const points = loudness.map((l) => `${x(l.atMs).toFixed(1)},${y(l.lufs).toFixed(1)}`).join(" ");
  return (
    <svg
      className="loudness-chart"
      role="img"
      aria-label={`Loudness over time: loudest ${formatLufs(peak.lufs)} at ${formatClock(peak.atMs)}`}
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
      width={CHART_WIDTH}
      height={CHART_HEIGHT}
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx={x(peak.atMs)} cy={y(peak.lufs)} r="2.5" className="loudness-peak" />
    </svg>
  );
}
