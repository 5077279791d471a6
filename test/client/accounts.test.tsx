// The accounts area as moderators and staff use it: finding an account by handle or id, reading its standing,
// origin, posts, open cases and decisions, and suspending, banning or reinstating it. Real router, real database.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import type { Database } from "../../server/db/client.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

const tag = () => crypto.randomBytes(3).toString("hex");

async function firstPolicy(db: Database) {
  return db.prisma.policy.findFirstOrThrow({
    where: { active: true },
    orderBy: [{ severity: "desc" }, { code: "asc" }],
  });
}

/**
 * Two accounts sharing a handle prefix. The first joined with a code Kai shared from the "Creators beta" wave,
 * posted twice (one taken down by a decision in a case still open about the other post) and filed ten reports.
 */
async function accountWorld(db: Database) {
  const prefix = `mira_${tag()}`;
  const mira = await insertAccount(db, `${prefix}_lens`);
  const other = await insertAccount(db, `${prefix}_other`);
  const kai = await insertAccount(db, `kai_${tag()}`);
  const admin = await createStaff(db, "admin", "Wave Owner");
  const wave = await db.prisma.inviteWave.create({
    data: { name: "Creators beta", targetSize: 100, createdById: admin.id },
  });
  const code = await db.prisma.inviteCode.create({
    data: { code: `CODE-${tag().toUpperCase()}`, waveId: wave.id, issuerAccountId: kai.id, maxUses: 1 },
  });
  await db.prisma.account.update({
    where: { id: mira.id },
    data: {
      displayName: "Mira Lens",
      country: "PT",
      strikeCount: 2,
      reportsFiled: 10,
      reportsActioned: 4,
      invitedByCodeId: code.id,
    },
  });
  const kept = await insertPost(db, mira.id, "a lighthouse keeper dancing with gulls");
  const removed = await insertPost(db, mira.id, "a forged news anchor announcing a fake recall");
  await db.prisma.post.update({ where: { id: removed.id }, data: { visibility: "taken_down" } });
  const policy = await firstPolicy(db);
  const reviewer = await createStaff(db, "moderator", "Ana Reviewer");
  await db.prisma.decision.create({
    data: {
      type: "take_down_post",
      subjectType: "post",
      postId: removed.id,
      actorId: reviewer.id,
      authority: "moderator",
      policyId: policy.id,
      reason: "Impersonates a news outlet.",
      strikeDelta: 1,
    },
  });
  const openCase = await db.prisma.case.create({
    data: {
      queue: "flagged_generation",
      subjectType: "post",
      subjectKey: `post:${kept.id}`,
      postId: kept.id,
      deadlineAt: new Date(Date.now() + 5 * 3_600_000),
      category: "violence",
      signalCount: 1,
      prompt: kept.prompt,
      creatorHandle: mira.handle,
    },
  });
  return { prefix, mira, other, kai, wave, code, kept, removed, policy, openCase };
}

beforeAll(async () => {
  await testDatabase();
});

describe("finding and reading an account", () => {
  it("[MODERATOR] finds an account by handle prefix and reads its standing, origin, posts, open cases and decisions, without actions", async () => {
    const db = await testDatabase();
    const w = await accountWorld(db);
    const { user } = await renderAppAs("moderator", "/accounts");

    expect(await screen.findByText("Type the start of a handle or a whole account id")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Handle or account id"), `@${w.prefix}`);
    await waitFor(() => expect(currentUrl().params.get("q")).toBe(`@${w.prefix}`));
    const table = await screen.findByRole("table", { name: "Accounts" });
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    const row = within(table)
      .getByRole("link", { name: `@${w.mira.handle}` })
      .closest("tr")!;
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([`@${w.mira.handle}`, "Mira Lens", "Active", "2", "PT", expect.any(String)]);
    await user.click(within(row).getByRole("link", { name: `@${w.mira.handle}` }));

    expect(await screen.findByRole("heading", { level: 1, name: `@${w.mira.handle}` })).toBeInTheDocument();
    expect(currentUrl().path).toBe(`/accounts/${w.mira.id}`);
    const facts = screen.getByLabelText("Account facts");
    expect(within(facts).getByText("4 of 10 reports actioned")).toBeInTheDocument();
    expect(within(facts).getByText(w.code.code)).toBeInTheDocument();
    // Waves are an admin area: a moderator reads the wave's name but gets no link to it.
    expect(within(facts).getByText(/Creators beta/)).toBeInTheDocument();
    expect(within(facts).queryByRole("link", { name: "Creators beta" })).not.toBeInTheDocument();
    expect(within(facts).getByRole("link", { name: `@${w.kai.handle}` })).toHaveAttribute(
      "href",
      `/accounts/${w.kai.id}`,
    );

    const visibility = screen.getByRole("region", { name: "Posts by visibility" });
    expect(
      within(visibility)
        .getAllByRole("definition")
        .map((d) => d.textContent),
    ).toEqual(["1", "0", "1", "0"]);

    const cases = screen.getByRole("region", { name: /Open cases/ });
    expect(within(cases).getByRole("link", { name: "Post case" })).toHaveAttribute("href", `/cases/${w.openCase.id}`);
    expect(within(cases).getByText(/^in 4h 5\dm$/)).toBeInTheDocument();

    const posts = await screen.findByRole("table", { name: "Posts" });
    expect(within(posts).getByText(/a lighthouse keeper dancing with gulls/)).toBeInTheDocument();
    expect(within(posts).getByText("Taken down")).toBeInTheDocument();

    const decisions = await screen.findByRole("table", { name: "Decisions" });
    const taken = within(decisions).getByText("Post taken down").closest("tr")!;
    expect(within(taken).getByText("Impersonates a news outlet.")).toBeInTheDocument();
    expect(within(taken).getByText("Ana Reviewer")).toBeInTheDocument();
    expect(within(taken).getByText(w.policy.name)).toBeInTheDocument();

    expect(screen.queryByRole("button", { name: "Suspend…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Ban…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reinstate…" })).not.toBeInTheDocument();
  });

  it("[ADMIN] opens the wave an account was invited in", async () => {
    const db = await testDatabase();
    const w = await accountWorld(db);
    await renderAppAs("admin", `/accounts/${w.mira.id}`);
    const facts = await screen.findByLabelText("Account facts");
    expect(within(facts).getByRole("link", { name: "Creators beta" })).toHaveAttribute("href", `/invites/${w.wave.id}`);
  });

  it("[MODERATOR] a search that matches nothing says so, and an exact id finds its account", async () => {
    const db = await testDatabase();
    const account = await insertAccount(db, `zed_${tag()}`);
    const { user } = await renderAppAs("moderator", "/accounts?q=nobody_by_this_name");
    expect(await screen.findByText("No account matches “nobody_by_this_name”")).toBeInTheDocument();

    const field = screen.getByLabelText("Handle or account id");
    await user.clear(field);
    await user.type(field, account.id);
    const table = await screen.findByRole("table", { name: "Accounts" });
    expect(await within(table).findByRole("link", { name: `@${account.handle}` })).toBeInTheDocument();
  });

  it("[MODERATOR] an unknown account id says the account was not found", async () => {
    await renderAppAs("moderator", "/accounts/acc_does_not_exist");
    expect(await screen.findByRole("heading", { name: "Account not found" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("There is no account with the id “acc_does_not_exist”.");
  });

  it("[MODERATOR] a server failure shows an error with a way to retry", async () => {
    const db = await testDatabase();
    const account = await insertAccount(db);
    mockApi.use(
      http.all("*/trpc/account.get*", () =>
        HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "account.get" },
              },
            },
          ],
          { status: 500 },
        ),
      ),
    );
    await renderAppAs("moderator", `/accounts/${account.id}`);
    const alert = await screen.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load the account");
    expect(alert).toHaveTextContent("The database is not answering.");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});

describe("acting on an account", () => {
  it("[STAFF] suspends an account for 7 days with a policy and a reason; the status, the notice and the history follow, and the platform is told", async () => {
    const db = await testDatabase();
    const account = await insertAccount(db, `spam_${tag()}`);
    const policy = await firstPolicy(db);
    const { user, staff } = await renderAppAs("staff", `/accounts/${account.id}`, { name: "Sam Staff" });

    await user.click(await screen.findByRole("button", { name: "Suspend…" }));
    const dialog = await screen.findByRole("dialog", { name: `Suspend @${account.handle}` });
    const form = await within(dialog).findByRole("form", { name: "Suspend account" });
    await user.click(within(form).getByRole("button", { name: "Suspend account" }));
    expect(await within(form).findByText("Write the reason (at least 3 characters)")).toBeInTheDocument();
    expect(within(form).getByText("Choose a policy", { selector: ".field-error" })).toBeInTheDocument();
    expect(within(form).getByText("Say for how many days, from 1 to 365")).toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText("Policy"), policy.id);
    await user.type(within(form).getByLabelText("Days"), "7");
    await user.type(within(form).getByLabelText("Reason"), "Posting the same scam link in every comment.");
    await user.click(within(form).getByRole("button", { name: "Suspend account" }));

    expect(await within(dialog).findByText(new RegExp(`@${account.handle} is suspended until`))).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    const header = screen
      .getByRole("heading", { level: 1, name: `@${account.handle}` })
      .closest(".page-header") as HTMLElement;
    expect(within(header).getByText("Suspended")).toHaveClass("status-suspended");
    expect(within(header).getByRole("button", { name: "Reinstate…" })).toBeInTheDocument();
    const notice = screen.getByRole("region", { name: "Restriction in force" });
    expect(notice).toHaveTextContent(/Suspended until .* under /);
    expect(notice).toHaveTextContent(policy.name);
    expect(notice).toHaveTextContent("Posting the same scam link in every comment.");
    expect(notice).toHaveTextContent("Decided by Sam Staff");
    const decisions = await screen.findByRole("table", { name: "Decisions" });
    const row = (await within(decisions).findByText("Posting the same scam link in every comment.")).closest("tr")!;
    expect(within(row).getByText("Suspended")).toBeInTheDocument();
    expect(within(row).getByText("Sam Staff")).toBeInTheDocument();

    const decision = await db.prisma.decision.findFirstOrThrow({
      where: { accountId: account.id, type: "suspend_account" },
    });
    expect(decision).toMatchObject({
      actorId: staff!.id,
      policyId: policy.id,
      reason: "Posting the same scam link in every comment.",
    });
    expect(decision.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const days = (decision.suspendedUntil!.getTime() - decision.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);
    expect(await db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      status: "suspended",
    });
    expect(await db.prisma.outboxEvent.count({ where: { decisionId: decision.id, type: "account.suspended" } })).toBe(
      1,
    );
  });

  it("[STAFF] reinstates a suspended account; the reinstatement names the suspension it lifts", async () => {
    const db = await testDatabase();
    const account = await insertAccount(db, `back_${tag()}`);
    const policy = await firstPolicy(db);
    const lead = await createStaff(db, "staff", "Lee Lead");
    const suspension = await callerFor(db, lead).account.act({
      action: "suspend",
      accountId: account.id,
      policyId: policy.id,
      reason: "Harassing replies.",
      suspendDays: 3,
    });
    const { user } = await renderAppAs("staff", `/accounts/${account.id}`);

    expect(await screen.findByRole("region", { name: "Restriction in force" })).toHaveTextContent(
      "Decided by Lee Lead",
    );
    // While the suspension holds, it can be lifted or made a ban, not suspended again.
    expect(screen.queryByRole("button", { name: "Suspend…" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ban…" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Reinstate…" }));
    const dialog = await screen.findByRole("dialog", { name: `Reinstate @${account.handle}` });
    expect(within(dialog).getByText(new RegExp(`Lifts the suspension under ${policy.name}`))).toBeInTheDocument();
    expect(within(dialog).queryByLabelText("Days")).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByLabelText("Policy"), policy.id);
    await user.type(within(dialog).getByLabelText("Reason"), "Appeal upheld: the replies were quoted out of context.");
    await user.click(within(dialog).getByRole("button", { name: "Reinstate account" }));

    expect(await within(dialog).findByText(`@${account.handle} is active again.`)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    const header = screen
      .getByRole("heading", { level: 1, name: `@${account.handle}` })
      .closest(".page-header") as HTMLElement;
    expect(within(header).getByText("Active")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Restriction in force" })).not.toBeInTheDocument();
    const decisions = screen.getByRole("table", { name: "Decisions" });
    expect(await within(decisions).findByText("Reinstated")).toBeInTheDocument();

    const reinstatement = await db.prisma.decision.findFirstOrThrow({
      where: { accountId: account.id, type: "reinstate_account" },
    });
    expect(reinstatement.reversesId).toBe(suspension.decisionId);
    expect(await db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      status: "active",
      suspendedUntil: null,
    });
  });

  it("[STAFF] banning an account someone else banned meanwhile shows the server's refusal in the dialog", async () => {
    const db = await testDatabase();
    const account = await insertAccount(db, `raced_${tag()}`);
    const policy = await firstPolicy(db);
    const { user } = await renderAppAs("staff", `/accounts/${account.id}`);

    await user.click(await screen.findByRole("button", { name: "Ban…" }));
    const dialog = await screen.findByRole("dialog", { name: `Ban @${account.handle}` });
    // Another staff member's ban lands while this dialog is open.
    await db.prisma.account.update({ where: { id: account.id }, data: { status: "banned" } });
    await user.selectOptions(within(dialog).getByLabelText("Policy"), policy.id);
    await user.type(within(dialog).getByLabelText("Reason"), "Ban evasion with a second account.");
    await user.click(within(dialog).getByRole("button", { name: "Ban account" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The account is already banned.");
    expect(within(dialog).getByRole("form", { name: "Ban account" })).toBeInTheDocument();
    expect(await db.prisma.decision.count({ where: { accountId: account.id } })).toBe(0);
  });
});
