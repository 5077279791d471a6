// Lookup by file in the console: staff upload a clip on a TAKE IT DOWN request, see the posts that show it (a
// rescaled copy of a removed original, and a re-upload) and add them to the request in one click. The upload goes
// to the real /media-lookup router (real ffmpeg, real hashing) on a local port; msw forwards the console's request
// to it with the session cookie a browser would send.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { File as NodeFile } from "node:buffer";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { bypass, http } from "msw";
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { createMediaLookupApi } from "../../server/http/media-lookup-api.ts";
import { createFsStore } from "../../server/media/store.ts";
import { analyseFile } from "../../server/media/analyse.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { submitTakedownRequest } from "../../server/domain/takedowns/intake.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { insertProcessedMedia } from "../support/media-rows.ts";
import { makeClip, makeReencodedCopy } from "../support/media-clips.ts";
import { sessionTokenFor } from "../support/staff.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { renderAppAs } from "./support/render-app.tsx";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-lookup-client-"));
let server: Server;
let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  const app = express();
  app.use(
    "/media-lookup",
    createMediaLookupApi({
      db,
      auth: DEFAULT_AUTH_CONFIG,
      log: silentLogger,
      now: () => new Date(),
      store: createFsStore(path.join(dir, "store")),
      limits: DEFAULT_MEDIA_LIMITS,
      fps: 1,
      maxDistance: 31,
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

function forwardLookups(sessionToken: string) {
  const { port } = server.address() as AddressInfo;
  mockApi.use(
    http.post("*/media-lookup", async ({ request }) => {
      const url = new URL(request.url);
      return fetch(
        bypass(
          new Request(`http://127.0.0.1:${port}/media-lookup${url.search}`, {
            method: "POST",
            headers: { "content-type": "video/mp4", cookie: `vigil_session=${encodeURIComponent(sessionToken)}` },
            body: await request.arrayBuffer(),
          }),
        ),
      );
    }),
  );
}

/** A post whose media Vigil processed from `file`. */
async function postOf(file: string, visibility: "public" | "taken_down") {
  const work = fs.mkdtempSync(path.join(dir, "work-"));
  const analysed = await analyseFile(file, { limits: DEFAULT_MEDIA_LIMITS, fps: 1, outDir: work });
  const creator = await insertAccount(db);
  const post = await insertPost(db, creator.id, `clip ${crypto.randomBytes(2).toString("hex")}`);
  await db.prisma.post.update({ where: { id: post.id }, data: { visibility } });
  const kept = new Set(analysed.vpdq.map((f) => f.atMs));
  await insertProcessedMedia(
    db,
    post.id,
    analysed.frames.map((f) => ({ atMs: f.atMs, pdq: f.pdq, quality: f.quality, kept: kept.has(f.atMs) })),
    { sha256: analysed.sha256 },
  );
  return post;
}

describe("lookup by file", () => {
  it("[STAFF] uploads a clip on a TAKE IT DOWN request and adds the two posts that show it", async () => {
    const original = await makeClip({ source: "mandelbrot=maxiter=60", seconds: 6 });
    const removed = await postOf(original, "taken_down");
    const reupload = await postOf(await makeReencodedCopy(original), "public");
    await postOf(await makeClip({ source: "testsrc2", seconds: 4 }), "public");
    const unrelatedPost = await insertPost(db, (await insertAccount(db)).id);
    const { reference } = await submitTakedownRequest(
      db,
      {
        type: "take_it_down",
        contentUrls: [`https://app.example/p/${unrelatedPost.id}`],
        requesterName: "Jordan Rivera",
        requesterEmail: "jordan@example.org",
        authority: "self",
        description: "A fake intimate video of me.",
        signature: "Jordan Rivera",
        goodFaith: true,
      },
      { ip: "10.9.1.1", requestId: crypto.randomUUID(), now: new Date() },
    );
    const request = await db.prisma.takedownRequest.findUniqueOrThrow({ where: { reference } });

    const { user, staff } = await renderAppAs("staff", `/takedowns/${request.id}`);
    forwardLookups(await sessionTokenFor(db, staff!));
    const form = await screen.findByRole("form", { name: "Find posts by file" });
    const copy = await makeReencodedCopy(original, { width: 144, height: 256 });
    await user.upload(
      within(form).getByLabelText("Video or image file"),
      new NodeFile([fs.readFileSync(copy)], "victim-copy.mp4", { type: "video/mp4" }) as unknown as File,
    );
    await user.click(within(form).getByRole("button", { name: "Look up" }));
    const results = await screen.findByRole("table", { name: "Posts showing the file" }, { timeout: 20_000 });
    const rows = within(results).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByText(/^post_|^[a-z]+_/, { selector: "code" }).textContent).sort()).toEqual(
      [removed.id, reupload.id].sort(),
    );
    expect(within(results).getByText("removed")).toBeInTheDocument();
    // the frames each post was found by, behind a disclosure: upload time ↔ post time, bits apart
    const disclosure = within(results).getByRole("button", { name: `Matched frames of ${removed.id}` });
    expect(disclosure).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("table", { name: `Matched frames of ${removed.id}` })).not.toBeInTheDocument();
    await user.click(disclosure);
    expect(disclosure).toHaveAttribute("aria-expanded", "true");
    const pairs = screen.getByRole("table", { name: `Matched frames of ${removed.id}` });
    const pairRows = within(pairs).getAllByRole("row").slice(1);
    expect(pairRows.length).toBeGreaterThanOrEqual(3);
    for (const r of pairRows) {
      const [inFile, inPost, apart] = within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? "");
      expect(inFile).toMatch(/^0:0\d\.\d\d$/);
      expect(inPost).toMatch(/^0:0\d\.\d\d$/);
      expect(Number(apart!.split(" ")[0])).toBeLessThanOrEqual(31);
    }
    await user.click(screen.getByRole("button", { name: "Add the 2 matches to the request" }));
    expect(await screen.findByText("Added 2 posts to the request.")).toBeInTheDocument();
    const located = screen.getByRole("table", { name: "Located posts" });
    expect(await within(located).findByRole("checkbox", { name: `Select post ${removed.id}` })).toBeInTheDocument();
    expect(within(located).getByRole("checkbox", { name: `Select post ${reupload.id}` })).toBeInTheDocument();
    const lookup = await db.prisma.mediaLookup.findFirstOrThrow({ where: { takedownRequestId: request.id } });
    expect(lookup.fileName).toBe("victim-copy.mp4");
  }, 60_000);
});
