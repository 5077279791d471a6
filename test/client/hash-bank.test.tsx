// The hash bank page: what is in matching, filters kept in the URL, and taking entries out with a reason; and what
// a hash-bank match looks like on a case.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import type { Database } from "../../server/db/client.ts";
import { insertAccount, insertCase, insertPost } from "../support/fixtures.ts";
import { insertProcessedMedia } from "../support/media-rows.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { insertCaseWithEvidence } from "./support/cases.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

const hex = () => crypto.randomBytes(32).toString("hex");
const short = (hash: string) => `${hash.slice(0, 8)}…${hash.slice(-4)}`;

/** A taken-down post as the bank holds it: its file hash and its one frame's PDQ hash, with the decision and policy. */
async function bankRemovedPost(
  db: Database,
  opts: { handle: string; prompt: string; policyCode?: string; caseId?: string },
) {
  const creator = await insertAccount(db, opts.handle);
  const post = await insertPost(db, creator.id, opts.prompt);
  const policy = await db.prisma.policy.findUniqueOrThrow({ where: { code: opts.policyCode ?? "violence" } });
  const decision = await db.prisma.decision.create({
    data: {
      type: "take_down_post",
      subjectType: "post",
      postId: post.id,
      caseId: opts.caseId,
      authority: "moderator",
      policyId: policy.id,
      reason: "Graphic violence",
    },
  });
  const exact = await db.prisma.hashBankEntry.create({
    data: { kind: "exact", hash: post.contentHash, postId: post.id, decisionId: decision.id, policyId: policy.id },
  });
  const perceptual = await db.prisma.hashBankEntry.create({
    data: {
      kind: "perceptual",
      hash: hex(),
      postId: post.id,
      decisionId: decision.id,
      policyId: policy.id,
      quality: 90,
      atMs: 0,
    },
  });
  return { post, exact, perceptual, policy };
}

async function entriesTable() {
  return screen.findByRole("table", { name: "Hash bank entries" });
}

function rowsOf(table: HTMLElement): HTMLElement[] {
  return within(table).getAllByRole("row").slice(1);
}

function rowWithHash(table: HTMLElement, hash: string): HTMLElement {
  return within(table).getByTitle(hash).closest("tr")!;
}

describe("hash bank", () => {
  // Runs first, while this file's database has no bank entries.
  it("[STAFF] an empty bank says how hashes get there, and an empty out-of-matching view says so", async () => {
    const { user } = await renderAppAs("staff", "/hash-bank");
    expect(await screen.findByRole("heading", { level: 1, name: "Hash bank" })).toBeInTheDocument();
    const table = await entriesTable();
    expect(
      within(table).getByText("The bank is empty: hashes are added when posts are taken down."),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("State"), "Out of matching");
    expect(await screen.findByText("Nothing has been taken out of matching.")).toBeInTheDocument();
    expect(currentUrl().params.get("state")).toBe("out");
  });

  it("[STAFF] sees entries with their post and policy, and filters by kind (kept in the URL)", async () => {
    const db = await testDatabase();
    const decidedCase = await insertCase(db, { status: "resolved" });
    const banked = await bankRemovedPost(db, {
      handle: "bank_creator",
      prompt: "a staged street fight filmed from a balcony",
      caseId: decidedCase.id,
    });
    const { user } = await renderAppAs("staff", "/hash-bank");

    const table = await entriesTable();
    await within(table).findByTitle(banked.exact.hash);
    const exactRow = within(rowWithHash(table, banked.exact.hash));
    expect(exactRow.getByText("Exact file")).toBeInTheDocument();
    expect(exactRow.getByText(short(banked.exact.hash))).toBeInTheDocument();
    expect(exactRow.getByText("a staged street fight filmed from a balcony")).toBeInTheDocument();
    expect(exactRow.getByRole("link", { name: "@bank_creator" })).toHaveAttribute(
      "href",
      `/accounts/${banked.post.creatorId}`,
    );
    expect(exactRow.getByText("violence")).toBeInTheDocument();
    expect(exactRow.getByText("Take down post")).toBeInTheDocument();
    expect(exactRow.getByRole("link", { name: "Open case" })).toHaveAttribute("href", `/cases/${decidedCase.id}`);
    const frameRow = within(rowWithHash(table, banked.perceptual.hash));
    expect(frameRow.getByText("Video frame (PDQ)")).toBeInTheDocument();
    expect(frameRow.getByText("at 0 s, quality 90")).toBeInTheDocument();

    const totals = within(screen.getByLabelText("Hash bank totals"));
    expect(totals.getByText("Exact file hashes in matching").nextElementSibling).toHaveTextContent("1");
    expect(totals.getByText("Video frame hashes in matching").nextElementSibling).toHaveTextContent("1");

    await user.selectOptions(screen.getByLabelText("Kind"), "Exact file hash");
    await waitFor(() => expect(within(table).queryByTitle(banked.perceptual.hash)).not.toBeInTheDocument());
    expect(within(await entriesTable()).getByTitle(banked.exact.hash)).toBeInTheDocument();
    expect(currentUrl().params.get("kind")).toBe("exact");
  });

  it("[STAFF] selects two entries and takes them out of matching with a reason; the out-of-matching view shows who and why", async () => {
    const db = await testDatabase();
    const banked = await bankRemovedPost(db, {
      handle: "false_positive_creator",
      prompt: "a cooking show with ketchup everywhere",
    });
    const { user, staff } = await renderAppAs("staff", "/hash-bank", { name: "Sam Staff" });

    const table = await entriesTable();
    await within(table).findByTitle(banked.exact.hash);
    await user.click(within(rowWithHash(table, banked.exact.hash)).getByRole("checkbox"));
    await user.click(within(rowWithHash(table, banked.perceptual.hash)).getByRole("checkbox"));
    expect(screen.getByText("2 selected")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Take out of matching…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Take 2 entries out of matching" }));
    await user.type(dialog.getByLabelText("Reason"), "Ketchup, not blood: the takedown was reversed");
    await user.click(dialog.getByRole("button", { name: "Take out of matching" }));

    // The outcome takes the keyboard focus: the toolbar's button is disabled now that nothing is selected.
    await waitFor(() => expect(screen.getByText("Took 2 entries out of matching.")).toHaveFocus());
    await waitFor(() => expect(within(table).queryByTitle(banked.exact.hash)).not.toBeInTheDocument());
    expect(within(table).queryByTitle(banked.perceptual.hash)).not.toBeInTheDocument();

    const ids = [banked.exact.id, banked.perceptual.id];
    const stored = await db.prisma.hashBankEntry.findMany({ where: { id: { in: ids } } });
    expect(stored).toHaveLength(2);
    for (const entry of stored) {
      expect(entry).toMatchObject({
        active: false,
        deactivatedReason: "Ketchup, not blood: the takedown was reversed",
        deactivatedById: staff!.id,
      });
    }
    const audit = await db.prisma.auditLog.findMany({
      where: { action: "hash_bank.deactivate", subjectId: { in: ids } },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.batchId).toBeTruthy();
    expect(audit[1]!.batchId).toBe(audit[0]!.batchId);

    await user.selectOptions(screen.getByLabelText("State"), "Out of matching");
    const outTable = await entriesTable();
    const row = within(
      await within(outTable)
        .findByTitle(banked.exact.hash)
        .then((el) => el.closest("tr")!),
    );
    expect(row.getByText("by Sam Staff")).toBeInTheDocument();
    expect(row.getByText("Ketchup, not blood: the takedown was reversed")).toBeInTheDocument();
    expect(within(outTable).queryByRole("checkbox")).not.toBeInTheDocument();
    expect(currentUrl().params.get("state")).toBe("out");
  });

  it("[STAFF] the post filter shows only that post's entries, and its chip removes it", async () => {
    const db = await testDatabase();
    const one = await bankRemovedPost(db, { handle: "filter_one", prompt: "first removed clip" });
    const other = await bankRemovedPost(db, { handle: "filter_other", prompt: "second removed clip" });
    const { user } = await renderAppAs("staff", `/hash-bank?post=${one.post.id}`);

    const table = await entriesTable();
    await within(table).findByTitle(one.exact.hash);
    expect(rowsOf(table)).toHaveLength(2);
    expect(within(table).queryByTitle(other.exact.hash)).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: `Remove the filter for post ${one.post.id}` }));
    expect(await within(await entriesTable()).findByTitle(other.exact.hash)).toBeInTheDocument();
    expect(currentUrl().params.get("post")).toBeNull();

    // A post's id in any row narrows the list to that post's entries.
    await user.click(
      within(rowWithHash(await entriesTable(), other.exact.hash)).getByRole("link", { name: other.post.id }),
    );
    await waitFor(() => expect(currentUrl().params.get("post")).toBe(other.post.id));
    await waitFor(() =>
      expect(
        within(screen.getByRole("table", { name: "Hash bank entries" })).queryByTitle(one.exact.hash),
      ).not.toBeInTheDocument(),
    );
    expect(rowsOf(await entriesTable())).toHaveLength(2);
  });

  it("[STAFF] a server failure shows an error with a way to retry", async () => {
    mockApi.use(
      http.all("*/trpc/hashBank.list*", () =>
        HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "hashBank.list" },
              },
            },
          ],
          { status: 500 },
        ),
      ),
    );
    await renderAppAs("staff", "/hash-bank");
    const alert = await screen.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load the hash bank");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("[MODERATOR] has no Hash bank in the menu, and the page says which role it needs", async () => {
    await renderAppAs("moderator", "/hash-bank");
    expect(await screen.findByText(/You need the staff role to use Hash bank/)).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).queryByRole("link", { name: /Hash bank/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Hash bank entries" })).not.toBeInTheDocument();
  });
});

describe("hash-bank matches on a case", () => {
  async function caseWithMatch(matchedPostId: string) {
    const db = await testDatabase();
    const c = await insertCaseWithEvidence(db, {
      handle: `copier_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "a re-upload of a removed clip",
      priority: 60,
      ageHours: 1,
      category: "violence",
      maxScore: 0.953,
      signals: [{ kind: "classifier_flag", category: "violence", model: "hash_bank", score: 0.953 }],
    });
    await db.prisma.signal.updateMany({
      where: { caseId: c.id, model: "hash_bank" },
      data: {
        payload: {
          hashBankEntryId: crypto.randomUUID(),
          matchKind: "perceptual",
          distance: 12,
          matchedPostId,
          decisionId: null,
          policyCode: "violence",
        },
      },
    });
    return c;
  }

  it("[STAFF] says what the case's post looks like, and links to the removed post's entries in the bank", async () => {
    const c = await caseWithMatch("post_removed_original");
    await renderAppAs("staff", `/cases/${c.id}`);
    const scores = within(await screen.findByRole("region", { name: "Classifier scores" }));
    expect(
      scores.getByText(/Video copy of removed post post_removed_original \(closest frames 12 of 256 bits apart\)/),
    ).toBeInTheDocument();
    expect(scores.getByText("violence")).toBeInTheDocument();
    expect(scores.getByRole("link", { name: "See in the hash bank" })).toHaveAttribute(
      "href",
      "/hash-bank?post=post_removed_original",
    );
  });

  it("[MODERATOR] sees the match but no link into the bank", async () => {
    const c = await caseWithMatch("post_removed_other");
    await renderAppAs("moderator", `/cases/${c.id}`);
    const scores = within(await screen.findByRole("region", { name: "Classifier scores" }));
    expect(
      scores.getByText(/Video copy of removed post post_removed_other \(closest frames 12 of 256 bits apart\)/),
    ).toBeInTheDocument();
    expect(scores.queryByRole("link", { name: "See in the hash bank" })).not.toBeInTheDocument();
  });
});

describe("similar removed content on a case", () => {
  const flip = (hash: string, bits: number) => {
    const buf = Buffer.from(hash, "hex");
    for (let i = 0; i < bits; i++) buf[i >> 3]! ^= 0x80 >> (i & 7);
    return buf.toString("hex");
  };

  async function caseLike(db: Database, phash: string | null) {
    const c = await insertCaseWithEvidence(db, {
      handle: `lookalike_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "a clip under review",
      priority: 50,
      ageHours: 1,
      signals: [
        {
          kind: "user_report",
          reporter: { handle: `rep_${crypto.randomBytes(3).toString("hex")}`, reportsFiled: 1, reportsActioned: 0 },
          reason: "violence",
        },
      ],
    });
    // the post's media as Vigil processed it: one frame
    if (phash) await insertProcessedMedia(db, c.postId!, [{ atMs: 0, pdq: phash }]);
    return c;
  }

  it("[STAFF] sees a removed post the case's post looks like, with its policy and a way into the bank", async () => {
    const db = await testDatabase();
    const removed = await bankRemovedPost(db, {
      handle: `removed_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "the removed original clip",
    });
    const c = await caseLike(db, flip(removed.perceptual.hash, 5));
    await renderAppAs("staff", `/cases/${c.id}`);
    const list = within(await screen.findByRole("list", { name: "Similar removed posts" }));
    expect(list.getByText("100 % of its video found here")).toBeInTheDocument();
    expect(list.getByText("(closest frames 5 of 256 bits apart)")).toBeInTheDocument();
    expect(list.getByText("the removed original clip")).toBeInTheDocument();
    expect(list.getByText("violence")).toBeInTheDocument();
    expect(list.getByRole("link", { name: "in the hash bank" })).toHaveAttribute(
      "href",
      `/hash-bank?post=${removed.post.id}`,
    );
  });

  it("[MODERATOR] sees the match without the bank link, and a post like nothing removed says so", async () => {
    const db = await testDatabase();
    const removed = await bankRemovedPost(db, {
      handle: `removed_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "another removed clip",
    });
    const c = await caseLike(db, flip(removed.perceptual.hash, 9));
    const { unmount } = await renderAppAs("moderator", `/cases/${c.id}`);
    const list = within(await screen.findByRole("list", { name: "Similar removed posts" }));
    expect(list.getByText("100 % of its video found here")).toBeInTheDocument();
    expect(list.getByText("(closest frames 9 of 256 bits apart)")).toBeInTheDocument();
    expect(list.queryByRole("link", { name: "in the hash bank" })).not.toBeInTheDocument();
    unmount();

    const unlike = await caseLike(db, hex());
    await renderAppAs("moderator", `/cases/${unlike.id}`);
    expect(await screen.findByText("Nothing removed before looks like this post.")).toBeInTheDocument();
  });
  it("[MODERATOR] marks a match as not a match with a reason, and can undo it", async () => {
    const db = await testDatabase();
    const removed = await bankRemovedPost(db, {
      handle: `removed_${crypto.randomBytes(3).toString("hex")}`,
      prompt: "a removed clip it resembles",
    });
    const c = await caseLike(db, flip(removed.perceptual.hash, 12));
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`);
    await screen.findByRole("list", { name: "Similar removed posts" });
    await user.click(await screen.findByRole("button", { name: "Not a match…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Not a match" }));
    await user.type(dialog.getByLabelText("Why is this not a match?"), "A different clip with the same palette");
    await user.click(dialog.getByRole("button", { name: "Mark as not a match" }));
    expect(await screen.findByText(/Marked as not a match/)).toBeInTheDocument();
    expect(await db.prisma.auditLog.count({ where: { caseId: c.id, action: "hash_bank.not_a_match" } })).toBe(1);
    await user.click(screen.getByRole("button", { name: "Undo “not a match”" }));
    const undo = within(await screen.findByRole("dialog", { name: "Undo “not a match”" }));
    await user.type(undo.getByLabelText("Why should it flag again?"), "Marked by mistake");
    await user.click(undo.getByRole("button", { name: "Undo" }));
    expect(await screen.findByRole("button", { name: "Not a match…" })).toBeInTheDocument();
  });
  it("[STAFF] marks keyframe hashes the platform sent as legacy: kept for the record, never matched", async () => {
    const db = await testDatabase();
    const banked = await bankRemovedPost(db, { handle: "legacy_creator", prompt: "an old upload from before media" });
    const legacy = await db.prisma.hashBankEntry.create({
      data: { kind: "perceptual", hash: hex(), postId: banked.post.id, policyId: banked.policy.id, legacy: true },
    });
    await renderAppAs("staff", "/hash-bank");
    const table = await entriesTable();
    await within(table).findByTitle(legacy.hash);
    const row = within(rowWithHash(table, legacy.hash));
    expect(row.getByText("Platform keyframe")).toBeInTheDocument();
    expect(row.getByText("(legacy, not matched)")).toBeInTheDocument();
  });
});
