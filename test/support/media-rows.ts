// A post's media as the media worker leaves it once processed (PostMedia ready, MediaFile, MediaFrame rows), for
// tests about what comes after processing — matching, the case view, retention — without running ffmpeg.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";

export interface FrameRow {
  atMs: number;
  pdq: string;
  quality?: number;
  /** part of the vPDQ hash (default true) */
  kept?: boolean;
}

export async function insertProcessedMedia(
  db: Database,
  postId: string,
  frames: FrameRow[],
  opts: { sha256?: string; now?: Date; provenance?: Record<string, unknown>; kind?: "video" | "image" } = {},
): Promise<string> {
  const sha256 = opts.sha256 ?? crypto.randomBytes(32).toString("hex");
  const now = opts.now ?? new Date();
  const provenance = opts.provenance ?? { state: "absent" };
  await db.prisma.$transaction(async (tx) => {
    const known = await tx.mediaFile.findUnique({ where: { sha256 }, select: { sha256: true } });
    if (!known) {
      await tx.mediaFile.create({
        data: {
          sha256,
          md5: crypto.createHash("md5").update(sha256).digest("hex"),
          bytes: 100_000,
          mimeType: opts.kind === "image" ? "image/jpeg" : "video/mp4",
          kind: opts.kind ?? "video",
          durationMs: frames.length ? frames[frames.length - 1]!.atMs + 1000 : 0,
          width: 360,
          height: 640,
          videoCodec: "h264",
          audioCodec: "aac",
          fps: 30,
          loudness: [],
          strip: { tiles: 0, tileWidth: 50, tileHeight: 90, atMs: [] },
          c2paState: String(provenance.state),
          provenance: provenance as never,
          matchable: frames.some((f) => (f.quality ?? 100) >= 50),
          createdAt: now,
        },
      });
      await tx.mediaFrame.createMany({
        data: frames.map((f, index) => ({
          sha256,
          index,
          atMs: f.atMs,
          pdq: f.pdq,
          quality: f.quality ?? 100,
          kept: f.kept ?? true,
        })),
      });
    }
    await tx.postMedia.upsert({
      where: { postId },
      create: { postId, status: "ready", sha256, nextAttemptAt: now, readyAt: now, createdAt: now, updatedAt: now },
      update: { status: "ready", sha256, readyAt: now },
    });
  });
  return sha256;
}
