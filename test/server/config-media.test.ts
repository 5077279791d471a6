// The media settings: defaults, values, and refusals that name the variable.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";

describe("media settings", () => {
  it("default to nothing fetched, 200 MB, 1 frame a second, 90 days, the data folder and an 80 % match", () => {
    const { media } = loadConfig({ VIGIL_DATA_DIR: "/srv/vigil" });
    expect(media.origins).toEqual([]);
    expect(media.limits).toEqual(DEFAULT_MEDIA_LIMITS);
    expect(media.limits.maxBytes).toBe(200 * 1024 * 1024);
    expect(media).toMatchObject({ fps: 1, retentionDays: 90, s3Url: null, ffmpegPath: null, matchPct: 80 });
    expect(media.demoClipsDir).toBe(path.resolve("/srv/vigil/demo-clips"));
  });

  it("read each variable", () => {
    const { media } = loadConfig({
      VIGIL_MEDIA_ORIGINS: "https://media.example.com, https://*.cdn.example.com,http://127.0.0.1:4200",
      VIGIL_MEDIA_MAX_BYTES: "1000000",
      VIGIL_MEDIA_MAX_SECONDS: "60",
      VIGIL_MEDIA_FPS: "2",
      VIGIL_MEDIA_RETENTION_DAYS: "30",
      VIGIL_MEDIA_S3_URL: "s3://vigil-media/prod?region=eu-west-1",
      VIGIL_FFMPEG_PATH: "/usr/bin/ffmpeg",
      VIGIL_VPDQ_MATCH_PCT: "90",
      VIGIL_MEDIA_FFMPEG_MEMORY_MB: "512",
    });
    expect(media.origins.map((o) => o.origin)).toEqual([
      "https://media.example.com",
      "https://*.cdn.example.com",
      "http://127.0.0.1:4200",
    ]);
    expect(media.limits).toMatchObject({ maxBytes: 1_000_000, maxDurationMs: 60_000, ffmpegMemoryBytes: 512 << 20 });
    expect(media).toMatchObject({
      fps: 2,
      retentionDays: 30,
      s3Url: "s3://vigil-media/prod?region=eu-west-1",
      ffmpegPath: "/usr/bin/ffmpeg",
      matchPct: 90,
    });
  });

  it("refuse values that cannot work, naming the variable", () => {
    expect(() => loadConfig({ VIGIL_MEDIA_ORIGINS: "https://media.example.com/videos" })).toThrow(
      /VIGIL_MEDIA_ORIGINS.*media\.example\.com\/videos/,
    );
    expect(() => loadConfig({ VIGIL_MEDIA_ORIGINS: "ftp://media.example.com" })).toThrow(/VIGIL_MEDIA_ORIGINS/);
    expect(() => loadConfig({ VIGIL_VPDQ_MATCH_PCT: "120" })).toThrow(/VIGIL_VPDQ_MATCH_PCT must be at most 100/);
    expect(() => loadConfig({ VIGIL_MEDIA_FPS: "0" })).toThrow(/VIGIL_MEDIA_FPS must be a positive whole number/);
    expect(() => loadConfig({ VIGIL_MEDIA_FPS: "120" })).toThrow(/VIGIL_MEDIA_FPS must be at most 30/);
    expect(() => loadConfig({ VIGIL_MEDIA_MAX_BYTES: "lots" })).toThrow(/VIGIL_MEDIA_MAX_BYTES/);
  });
});
