// The case view's media: the real file in a player that never plays or sounds by itself, why there is no file
// when there is none, its Content Credentials against what the platform says, and a hash bank match frame by frame.
import crypto from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import type { Database } from "../../server/db/client.ts";
import type { Prisma } from "../../server/db/generated/client.ts";
import type { MediaStatus } from "../../server/db/generated/enums.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { insertCase, insertCaseWithEvidence } from "./support/cases.ts";
import { renderAppAs } from "./support/render-app.tsx";

const STRIP = { tiles: 4, tileWidth: 40, tileHeight: 72, atMs: [0, 1000, 2000, 3000] };
const VALID_SORA = {
  state: "valid",
  generator: "Sora 2",
  signer: "OpenAI",
  signedAt: "2024-03-03T10:00:00Z",
  digitalSourceType: "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
  aiGenerated: true,
  actions: ["c2pa.created"],
};

interface FileSeed {
  kind?: "video" | "image";
  fps?: number | null;
  loudness?: { atMs: number; lufs: number }[];
  provenance?: Record<string, unknown>;
  purged?: boolean;
  matchable?: boolean;
  /** PDQ hashes of the sampled frames, one a second */
  frames?: string[];
}

/** The media worker's result for a post: its PostMedia row and, once ready, the stored file and its frames. */
async function insertMedia(
  db: Database,
  postId: string,
  status: MediaStatus,
  file: FileSeed = {},
  extra: { error?: string; errorCode?: string; nextAttemptAt?: Date } = {},
) {
  const sha256 = crypto.randomBytes(32).toString("hex");
  const now = new Date();
  if (status === "ready") {
    await db.prisma.mediaFile.create({
      data: {
        sha256,
        md5: crypto.randomBytes(16).toString("hex"),
        bytes: 482_113,
        mimeType: file.kind === "image" ? "image/jpeg" : "video/mp4",
        kind: file.kind ?? "video",
        durationMs: file.kind === "image" ? null : 4000,
        width: 360,
        height: 640,
        videoCodec: "h264",
        audioCodec: file.kind === "image" ? null : "aac",
        fps: file.fps === undefined ? 25 : file.fps,
        loudness: (file.loudness ?? [
          { atMs: 0, lufs: -30 },
          { atMs: 1000, lufs: -24 },
        ]) as Prisma.InputJsonValue,
        strip: (file.kind === "image"
          ? { tiles: 1, tileWidth: 40, tileHeight: 72, atMs: [0] }
          : STRIP) as Prisma.InputJsonValue,
        c2paState: String((file.provenance ?? { state: "absent" }).state),
        provenance: (file.provenance ?? { state: "absent" }) as Prisma.InputJsonValue,
        matchable: file.matchable ?? true,
        createdAt: now,
        purgedAt: file.purged ? now : null,
      },
    });
    const frames = file.frames ?? [crypto.randomBytes(32).toString("hex")];
    await db.prisma.mediaFrame.createMany({
      data: frames.map((pdq, index) => ({ sha256, index, atMs: index * 1000, pdq, quality: 90, kept: true })),
    });
  }
  await db.prisma.postMedia.create({
    data: {
      postId,
      status,
      attempts: status === "pending" ? 0 : 2,
      nextAttemptAt: extra.nextAttemptAt ?? now,
      errorCode: extra.errorCode ?? null,
      error: extra.error ?? null,
      sha256: status === "ready" ? sha256 : null,
      readyAt: status === "ready" ? now : null,
      createdAt: now,
    },
  });
}

async function caseWithMedia(
  status: MediaStatus | "none",
  file: FileSeed = {},
  extra: { error?: string; errorCode?: string; nextAttemptAt?: Date } = {},
) {
  const db = await testDatabase();
  const c = await insertCase(db, {
    handle: `media_${crypto.randomBytes(3).toString("hex")}`,
    prompt: "a clip with real media",
    priority: 40,
    ageHours: 1,
  });
  if (status !== "none") await insertMedia(db, c.postId!, status, file, extra);
  return c;
}

// The file's first test would otherwise pay for creating the database inside its own time limit.
beforeAll(async () => {
  await testDatabase();
}, 60_000);

function mediaRegion() {
  return within(screen.getByRole("region", { name: "Media" }));
}

async function findVideo() {
  const region = await screen.findByRole("region", { name: "Video player" });
  const video = region.querySelector("video");
  if (!video) throw new Error("no video element in the player");
  return { region, video };
}

describe("the case's video player", () => {
  const play = vi.fn(function (this: HTMLMediaElement) {
    this.dispatchEvent(new Event("play"));
    return Promise.resolve();
  });
  const pause = vi.fn(function (this: HTMLMediaElement) {
    this.dispatchEvent(new Event("pause"));
  });
  beforeEach(() => {
    // jsdom has no media playback; these stand in for the browser's.
    vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(play);
    vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(pause);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    play.mockClear();
    pause.mockClear();
  });

  it("[MODERATOR] starts muted, blurred and gray; Reveal and the player's keys and buttons change only what they say", async () => {
    const c = await caseWithMedia("ready", {
      provenance: VALID_SORA,
      loudness: [
        { atMs: 0, lufs: -28 },
        { atMs: 1000, lufs: -9.2 },
        { atMs: 2000, lufs: -20 },
      ],
    });
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`);
    const { region, video } = await findVideo();
    const player = within(region);

    expect(video).toHaveAttribute("src", `/media/posts/${encodeURIComponent(c.postId!)}/file`);
    expect(video).toHaveAttribute("poster", `/media/posts/${encodeURIComponent(c.postId!)}/poster.jpg`);
    expect(video).toHaveAttribute("preload", "metadata");
    expect(video).not.toHaveAttribute("autoplay");
    await waitFor(() => expect(video.muted).toBe(true));
    expect(video).toHaveClass("is-blurred", "is-grayscale");
    expect(player.getByRole("button", { name: "Unmute" })).toBeInTheDocument();
    // Loud: the warning comes before the sound does, with when it is loud.
    expect(player.getByText("Loud audio: peaks at −9 LUFS")).toBeInTheDocument();
    expect(player.getByRole("img", { name: "Loudness over time: loudest −9 LUFS at 0:01" })).toBeInTheDocument();
    expect(play).not.toHaveBeenCalled();

    // The strip's tiles are masked like the video.
    const tiles = player.getAllByRole("button", { name: /^Seek to / });
    expect(tiles.map((t) => t.getAttribute("aria-label"))).toEqual([
      "Seek to 0:00",
      "Seek to 0:01",
      "Seek to 0:02",
      "Seek to 0:03",
    ]);
    expect(tiles[2]).toHaveClass("is-blurred", "is-grayscale");
    expect(tiles[2]!.style.backgroundPosition).toBe("-80px 0px");

    const reveal = mediaRegion().getByRole("button", { name: "Reveal media" });
    expect(reveal).toHaveAttribute("aria-pressed", "false");
    await user.click(reveal);
    expect(reveal).toHaveAttribute("aria-pressed", "true");
    expect(video).not.toHaveClass("is-blurred");
    expect(video).not.toHaveClass("is-grayscale");
    expect(tiles[2]).not.toHaveClass("is-blurred");
    // Revealing shows the picture; the sound stays off until asked for.
    expect(video.muted).toBe(true);
    await user.click(reveal);
    expect(video).toHaveClass("is-blurred", "is-grayscale");

    // Keys work with the focus in the player.
    act(() => region.focus());
    await user.keyboard("b");
    expect(video).not.toHaveClass("is-blurred");
    expect(video).toHaveClass("is-grayscale");
    expect(player.getByRole("button", { name: "Blur" })).toHaveAttribute("aria-pressed", "false");
    await user.keyboard("b");
    expect(video).toHaveClass("is-blurred");

    await user.keyboard("m");
    expect(video.muted).toBe(false);
    expect(player.getByRole("button", { name: "Mute" })).toBeInTheDocument();
    expect(player.queryByText(/Loud audio/)).not.toBeInTheDocument();
    await user.keyboard("m");
    expect(video.muted).toBe(true);

    // One frame at 25 fps is 40 ms; the frame step pauses first.
    await user.keyboard(".");
    expect(video.currentTime).toBeCloseTo(0.04, 5);
    expect(pause).toHaveBeenCalled();
    expect(player.getByText("0:00.04 / 0:04")).toBeInTheDocument();
    await user.keyboard(".");
    expect(video.currentTime).toBeCloseTo(0.08, 5);
    await user.keyboard(",");
    expect(video.currentTime).toBeCloseTo(0.04, 5);

    await user.keyboard(" ");
    expect(play).toHaveBeenCalledTimes(1);
    expect(player.getByRole("button", { name: "Pause" })).toBeInTheDocument();
    await user.click(player.getByRole("button", { name: "Pause" }));
    expect(player.getByRole("button", { name: "Play" })).toBeInTheDocument();

    // A tile seeks the video to its time.
    await user.click(player.getByRole("button", { name: "Seek to 0:02" }));
    expect(video.currentTime).toBe(2);
    expect(player.getByText("0:02.00 / 0:04")).toBeInTheDocument();
    await user.click(player.getByRole("button", { name: "Previous frame" }));
    expect(video.currentTime).toBeCloseTo(1.96, 5);

    // Typing a note is not driving the player.
    await user.type(screen.getByLabelText("New note"), "mb.");
    expect(video.muted).toBe(true);
    expect(video).toHaveClass("is-blurred");
    expect(video.currentTime).toBeCloseTo(1.96, 5);

    // The keys are listed with the case view's shortcuts.
    await user.click(screen.getByRole("button", { name: /^Shortcuts/ }));
    const dialog = within(await screen.findByRole("dialog", { name: "Keyboard shortcuts" }));
    expect(dialog.getByText("Next frame (focus in the player)")).toBeInTheDocument();
    expect(dialog.getByText("Blur or unblur the media (focus in the player)")).toBeInTheDocument();
  });

  it("[MODERATOR] the file's facts, and its Content Credentials against what the platform says", async () => {
    const c = await caseWithMedia("ready", { provenance: VALID_SORA, fps: null });
    const { db, user } = await renderAppAs("moderator", `/cases/${c.id}`);
    await findVideo();
    const file = await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: c.postId! } });

    const fileFacts = within(screen.getByLabelText("File facts"));
    expect(fileFacts.getByText("0:04.00")).toBeInTheDocument();
    expect(fileFacts.getByText("360×640")).toBeInTheDocument();
    expect(fileFacts.getByText("h264 + aac")).toBeInTheDocument();
    expect(fileFacts.getByText("482,113")).toBeInTheDocument();
    expect(fileFacts.getByText(`${file.sha256!.slice(0, 12)}…`)).toHaveAttribute("title", file.sha256);
    expect(fileFacts.getByText("matchable (1 frame hashed)")).toBeInTheDocument();

    const provenance = within(screen.getByRole("region", { name: "Provenance" }));
    expect(provenance.getByText("Made with Sora 2, signed by OpenAI on 3 Mar 2024, AI-generated")).toBeInTheDocument();
    expect(provenance.getByText("Sora 2")).toBeInTheDocument();
    expect(provenance.getByText("OpenAI")).toBeInTheDocument();
    expect(provenance.getByText("Trained algorithmic media")).toBeInTheDocument();
    expect(provenance.getByText("c2pa.created")).toBeInTheDocument();
    expect(provenance.getByText("C2PA absent · watermark absent")).toBeInTheDocument();
    // The platform said no credentials; the file has valid ones.
    const flag = provenance.getByText(
      /The platform says this file has no Content Credentials, but the file carries valid ones/,
    );
    expect(flag).toHaveClass("flag");
    // The old platform-only facts are gone.
    expect(screen.queryByText("C2PA manifest")).not.toBeInTheDocument();

    // Without a known frame rate the frame step falls back to 30 fps.
    const { video, region } = await findVideo();
    act(() => region.focus());
    await user.keyboard(".");
    expect(video.currentTime).toBeCloseTo(1 / 30, 5);
  });

  it("[MODERATOR] a loud file warns only while muted; a quiet one never", async () => {
    const c = await caseWithMedia("ready", {
      loudness: [
        { atMs: 0, lufs: -30 },
        { atMs: 1000, lufs: -22 },
      ],
    });
    await renderAppAs("moderator", `/cases/${c.id}`);
    const { region } = await findVideo();
    expect(within(region).getByRole("button", { name: "Unmute" })).toBeInTheDocument();
    expect(within(region).queryByText(/Loud audio/)).not.toBeInTheDocument();
    expect(within(region).queryByRole("img", { name: /Loudness over time/ })).not.toBeInTheDocument();
  });
});

describe("the case's media states", () => {
  it("[MODERATOR] says why there is no file: none, pending, retrying, failed, purged; an image has no transport", async () => {
    const none = await caseWithMedia("none");
    const pending = await caseWithMedia("pending");
    const retrying = await caseWithMedia(
      "retrying",
      {},
      {
        error: "the platform's server did not answer",
        errorCode: "fetch_failed",
        nextAttemptAt: new Date(Date.now() + 3600_000),
      },
    );
    const failed = await caseWithMedia(
      "failed",
      {},
      { error: "the file is not a video or image we can read", errorCode: "malformed" },
    );
    const purged = await caseWithMedia("ready", { purged: true, matchable: false });
    const image = await caseWithMedia("ready", { kind: "image" });

    const expectations: [string, string | RegExp][] = [
      [none.id, "No media from the platform"],
      [pending.id, "Fetching and processing media…"],
      [retrying.id, /^Media unavailable \(the platform's server did not answer\) — trying again at \d\d:\d\d$/],
      [failed.id, "Media unavailable (the file is not a video or image we can read)"],
      [purged.id, "Media deleted under the retention schedule; its hashes are kept"],
    ];
    for (const [caseId, text] of expectations) {
      const { unmount } = await renderAppAs("moderator", `/cases/${caseId}`);
      await screen.findByRole("heading", { level: 1, name: /^Post by/ });
      const media = mediaRegion();
      expect(media.getByRole("status")).toHaveTextContent(text);
      // The platform's poster stands in, masked.
      expect(media.getByRole("img", { name: "Poster frame of the post" })).toHaveClass("is-blurred", "is-grayscale");
      expect(media.queryByRole("region", { name: "Video player" })).not.toBeInTheDocument();
      if (caseId === purged.id) {
        const facts = within(media.getByLabelText("File facts"));
        expect(facts.getByText("not matchable (blank or single-colour frames)")).toBeInTheDocument();
      }
      if (caseId === none.id) {
        expect(within(media.getByRole("region", { name: "Provenance" })).getByText(/Not checked/)).toBeInTheDocument();
      }
      unmount();
    }

    await renderAppAs("moderator", `/cases/${image.id}`);
    const img = await screen.findByRole("img", { name: "The post's image" });
    expect(img).toHaveAttribute("src", `/media/posts/${encodeURIComponent(image.postId!)}/file`);
    expect(img).toHaveClass("is-blurred", "is-grayscale");
    expect(mediaRegion().queryByRole("button", { name: "Play" })).not.toBeInTheDocument();
    expect(mediaRegion().queryByRole("status")).not.toBeInTheDocument();
  });

  it("[MODERATOR] credentials that are absent, or do not match the file, with the reasons and the platform's claim", async () => {
    const db = await testDatabase();
    const absent = await caseWithMedia("ready", { provenance: { state: "absent" } });
    const invalid = await caseWithMedia("ready", {
      provenance: {
        state: "invalid",
        signer: "Unknown Signer",
        failures: ["The file's bytes do not match the signed hash", "The signing certificate is not trusted"],
      },
    });
    await db.prisma.post.update({ where: { id: invalid.postId! }, data: { hasC2pa: true, hasWatermark: true } });

    const first = await renderAppAs("moderator", `/cases/${absent.id}`);
    await findVideo();
    let provenance = within(screen.getByRole("region", { name: "Provenance" }));
    expect(provenance.getByText("No Content Credentials")).toBeInTheDocument();
    expect(provenance.queryByRole("list", { name: "Why the credentials fail" })).not.toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Provenance" }).querySelector(".flag")).toBeNull();
    first.unmount();

    await renderAppAs("moderator", `/cases/${invalid.id}`);
    await findVideo();
    provenance = within(screen.getByRole("region", { name: "Provenance" }));
    expect(provenance.getByText("Credentials do not match this file")).toBeInTheDocument();
    const failures = within(provenance.getByRole("list", { name: "Why the credentials fail" }));
    expect(failures.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "The file's bytes do not match the signed hash",
      "The signing certificate is not trusted",
    ]);
    expect(provenance.getByText("C2PA present · watermark present")).toBeInTheDocument();
    expect(
      provenance.getByText(
        /The platform says this file has Content Credentials, but the credentials in the file do not match it\. The platform also reports a watermark\./,
      ),
    ).toHaveClass("flag");
  });
});

describe("a hash bank match, frame by frame", () => {
  const flip = (hash: string, bits: number) => {
    const buf = Buffer.from(hash, "hex");
    for (let i = 0; i < bits; i++) buf[i >> 3]! ^= 0x80 >> (i & 7);
    return buf.toString("hex");
  };

  /** A removed post whose video is banked frame by frame, and a case about a post with some of its frames. */
  async function matchCase(caseFrames: (removed: string[]) => string[]) {
    const db = await testDatabase();
    const removed = await insertCase(db, {
      handle: `removed_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "the removed original",
      priority: 10,
      ageHours: 30,
      status: "resolved",
    });
    const removedFrames = [0, 1, 2, 3].map(() => crypto.randomBytes(32).toString("hex"));
    await insertMedia(db, removed.postId!, "ready", { frames: removedFrames });
    await db.prisma.hashBankEntry.createMany({
      data: removedFrames.map((hash, i) => ({
        kind: "perceptual" as const,
        hash,
        postId: removed.postId!,
        legacy: false,
        quality: 90,
        atMs: i * 1000,
      })),
    });
    const c = await insertCaseWithEvidence(db, {
      handle: `copier_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "a re-upload",
      priority: 60,
      ageHours: 1,
      signals: [{ kind: "classifier_flag", category: "violence", model: "hash_bank", score: 0.95 }],
    });
    await insertMedia(db, c.postId!, "ready", { frames: caseFrames(removedFrames) });
    await db.prisma.signal.updateMany({
      where: { caseId: c.id, model: "hash_bank" },
      data: {
        payload: {
          hashBankEntryId: crypto.randomUUID(),
          matchKind: "perceptual",
          distance: 3,
          queryPct: 100,
          comparisonPct: 92.8,
          matchedPostId: removed.postId,
          decisionId: null,
          policyCode: "violence",
        },
      },
    });
    return { c, removedPostId: removed.postId! };
  }

  function countMediaMatchRequests() {
    const seen: string[] = [];
    const listener = ({ request }: { request: Request }) => {
      if (request.url.includes("case.mediaMatch")) seen.push(request.url);
    };
    mockApi.events.on("request:start", listener);
    return { seen, stop: () => mockApi.events.removeListener("request:start", listener) };
  }

  it("[MODERATOR] shows both shares, then on request the matched stretches and the frame pairs, masked until revealed", async () => {
    // The case's post: the removed video's first three frames, one of them slightly changed.
    const { c } = await matchCase((r) => [r[0]!, flip(r[1]!, 3), r[2]!]);
    const requests = countMediaMatchRequests();
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`);
    const scores = within(await screen.findByRole("region", { name: "Classifier scores" }));
    expect(
      scores.getByText("92.8 % of the removed video found in this post · 100 % of this post's frames match"),
    ).toBeInTheDocument();
    await findVideo();
    // Nothing is fetched until the reviewer asks.
    expect(requests.seen).toEqual([]);
    expect(scores.queryByRole("list", { name: "Frame pairs" })).not.toBeInTheDocument();

    const compare = scores.getByRole("button", { name: "Compare frames" });
    expect(compare).toHaveAttribute("aria-expanded", "false");
    await user.click(compare);
    expect(compare).toHaveAttribute("aria-expanded", "true");
    const pairs = within(await scores.findByRole("list", { name: "Frame pairs" }));
    requests.stop();
    expect(requests.seen).toHaveLength(1);
    expect(scores.getByText("0:00–0:02 here ↔ 0:00–0:02 in the removed post")).toBeInTheDocument();
    const items = pairs.getAllByRole("listitem");
    expect(items.map((li) => within(li).getByText(/bits? differs?$/).textContent)).toEqual([
      "0 bits differ",
      "3 bits differ",
      "0 bits differ",
    ]);
    const second = within(items[1]!);
    const mine = second.getByRole("img", { name: "Frame of this post at 0:01" });
    const theirs = second.getByRole("img", { name: "Frame of the removed post at 0:01" });
    expect(mine).toHaveClass("is-blurred", "is-grayscale");
    expect(theirs).toHaveClass("is-blurred", "is-grayscale");
    expect(theirs.style.backgroundPosition).toBe("-40px 0px");
    expect(theirs.style.backgroundImage).toContain("/strip.jpg");

    await user.click(scores.getByRole("button", { name: "Reveal frames" }));
    expect(mine).not.toHaveClass("is-blurred");
    expect(theirs).not.toHaveClass("is-grayscale");
  });

  it("[MODERATOR] a match whose frames are too far apart says there are no pairs; a failure says so with a retry", async () => {
    const { c } = await matchCase((r) => [flip(r[0]!, 120)]);
    const first = await renderAppAs("moderator", `/cases/${c.id}`);
    let scores = within(await screen.findByRole("region", { name: "Classifier scores" }));
    await first.user.click(scores.getByRole("button", { name: "Compare frames" }));
    expect(await scores.findByText("No frame pairs")).toBeInTheDocument();
    first.unmount();

    mockApi.use(
      http.all("*/trpc/case.mediaMatch*", () =>
        HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "case.mediaMatch" },
              },
            },
          ],
          { status: 500 },
        ),
      ),
    );
    const second = await renderAppAs("moderator", `/cases/${c.id}`);
    scores = within(await screen.findByRole("region", { name: "Classifier scores" }));
    await second.user.click(scores.getByRole("button", { name: "Compare frames" }));
    const alert = await scores.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load the matching frames");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
