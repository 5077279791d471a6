import { describe, expect, it } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import { createStaff } from "../support/staff.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { changeCaseAs, claimCaseAs, insertCase, insertCaseWithEvidence } from "./support/cases.ts";

/** The case view's heading, once the case has loaded. */
function caseHeading(name: string | RegExp) {
  return screen.findByRole("heading", { level: 1, name });
}

function decisionForm() {
  return within(screen.getByRole("form", { name: "Decision" }));
}

async function waitForLease() {
  expect(await screen.findByText(/Reviewing — lease until \d\d:\d\d/)).toBeInTheDocument();
}

describe("case review", () => {
  it("[MODERATOR] opens a case: the evidence, the signals and why it ranks where it does; the case is claimed, and released on leaving", async () => {
    const db = await testDatabase();
    const c = await insertCaseWithEvidence(db, {
      queue: "likeness_complaint",
      handle: "evidence_creator",
      prompt: "A news anchor announcing a fake election result",
      transcript: "Breaking news: the vote has been cancelled.",
      priority: 72,
      ageHours: 3,
      category: "impersonation",
      maxScore: 0.93,
      deadlineInHours: 5,
      signals: [
        { kind: "classifier_flag", category: "impersonation", model: "likeness-v3", score: 0.93 },
        {
          kind: "user_report",
          reporter: { handle: "sharp_eye", reportsFiled: 4, reportsActioned: 3 },
          reason: "impersonation",
          text: "This is not really her.",
        },
      ],
    });
    const { user, staff } = await renderAppAs("moderator", `/cases/${c.id}`);

    const heading = await caseHeading("Post by @evidence_creator");
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText("A news anchor announcing a fake election result")).toBeInTheDocument();
    expect(screen.getByText("Breaking news: the vote has been cancelled.")).toBeInTheDocument();

    const signals = within(screen.getByRole("region", { name: "Signals (2)" }));
    expect(signals.getByText("@sharp_eye")).toBeInTheDocument();
    expect(signals.getByText("(75% of 4 reports actioned)")).toBeInTheDocument();
    expect(signals.getByText("This is not really her.")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Classifier scores" })).getByText("0.93")).toBeInTheDocument();
    // The creator's whole record is one link away.
    const creatorLink = within(screen.getByRole("region", { name: "Creator" })).getByRole("link", {
      name: "@evidence_creator",
    });
    expect(creatorLink.getAttribute("href")).toMatch(/^\/accounts\/.+/);

    const priority = within(screen.getByRole("region", { name: "Priority 72 explained" }));
    for (const part of ["Severity", "Classifier", "Reporters", "Reach", "Urgency"])
      expect(priority.getByText(part)).toBeInTheDocument();
    expect(priority.getByText("policy severity 3 of 5")).toBeInTheDocument();
    expect(priority.getByText("highest classifier score 0.93")).toBeInTheDocument();

    // Wellness default: the media stays blurred until the reviewer reveals it.
    const reveal = screen.getByRole("button", { name: "Reveal media" });
    expect(reveal).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByRole("img", { name: "Poster frame of the post" })).toHaveClass("is-blurred", "is-grayscale");
    await user.click(reveal);
    expect(screen.getByRole("img", { name: "Poster frame of the post" })).not.toHaveClass("is-blurred");

    await waitForLease();
    expect(
      await db.prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { status: true, claimedById: true } }),
    ).toEqual({ status: "claimed", claimedById: staff!.id });

    await user.click(screen.getByRole("link", { name: "Likeness complaints" }));
    await screen.findByRole("table", { name: "Cases" });
    await waitFor(async () =>
      expect(
        await db.prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { status: true, claimedById: true } }),
      ).toEqual({ status: "open", claimedById: null }),
    );
  });

  it("[MODERATOR] decides with the form: the decision, the resolved case and the platform event are stored, and the next case opens", async () => {
    const db = await testDatabase();
    const first = await insertCase(db, {
      queue: "deepfake_report",
      handle: "deepfaker",
      prompt: "A senator confessing to a crime",
      priority: 80,
      ageHours: 2,
      category: "deepfake_nonconsensual",
    });
    await insertCase(db, {
      queue: "deepfake_report",
      handle: "second_in_line",
      prompt: "A singer endorsing a casino",
      priority: 70,
      ageHours: 1,
      category: "deepfake_nonconsensual",
    });
    const { user, staff } = await renderAppAs("moderator", `/cases/${first.id}`);
    await caseHeading("Post by @deepfaker");
    await waitForLease();

    const form = decisionForm();
    await user.click(form.getByRole("radio", { name: "Take down post" }));
    await user.selectOptions(form.getByLabelText("Policy"), "Non-consensual deepfake");
    await user.type(form.getByLabelText("Reason"), "Realistic forgery of a real politician without consent.");
    // Filled from the policy and the action.
    expect(form.getByLabelText("DSA category")).toHaveValue("STATEMENT_CATEGORY_CYBER_VIOLENCE");
    expect(form.getByLabelText("Visibility")).toHaveValue("removed");
    await user.click(form.getByRole("button", { name: "Decide" }));

    const next = await caseHeading("Post by @second_in_line");
    await waitFor(() => expect(next).toHaveFocus());
    expect(currentUrl().path).toMatch(/^\/cases\//);
    expect(currentUrl().path).not.toBe(`/cases/${first.id}`);

    const decision = await db.prisma.decision.findFirstOrThrow({
      where: { caseId: first.id },
      include: { policy: true },
    });
    expect(decision).toMatchObject({
      type: "take_down_post",
      actorId: staff!.id,
      reason: "Realistic forgery of a real politician without consent.",
      visibilityDecision: "removed",
    });
    expect(decision.policy?.code).toBe("deepfake_nonconsensual");
    expect(decision.territorialScope).toEqual(["EEA"]);
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: first.id }, select: { status: true } })).toEqual({
      status: "resolved",
    });
    expect(
      await db.prisma.post.findUniqueOrThrow({ where: { id: first.postId! }, select: { visibility: true } }),
    ).toEqual({ visibility: "taken_down" });
    const events = await db.prisma.outboxEvent.findMany({ where: { decisionId: decision.id } });
    expect(events.map((e) => e.type)).toEqual(["post.taken_down"]);
  });

  it("[STAFF] restoring a post taken down on a TAKE IT DOWN request is listed as unavailable on a report about it, with how it can be done", async () => {
    const db = await testDatabase();
    const c = await insertCase(db, {
      queue: "user_report",
      handle: "tid_uploader",
      prompt: "A bedroom video shared without consent",
      priority: 60,
      ageHours: 1,
    });
    const legal = await createStaff(db, "staff", "Lee Counsel");
    const request = await db.prisma.takedownRequest.create({
      data: {
        reference: "TD-CLNT-0001",
        type: "take_it_down",
        status: "actioned",
        source: "platform",
        authority: "self",
        receivedAt: c.createdAt,
        posts: { create: { postId: c.postId!, matchedBy: "id" } },
      },
    });
    await db.prisma.post.update({ where: { id: c.postId! }, data: { visibility: "taken_down" } });
    const policy = await db.prisma.policy.findUniqueOrThrow({ where: { code: "ncii" } });
    await db.prisma.decision.create({
      data: {
        type: "take_down_post",
        subjectType: "post",
        postId: c.postId!,
        takedownRequestId: request.id,
        actorId: legal.id,
        authority: "legal",
        policyId: policy.id,
        reason: "Intimate imagery shared without consent",
        createdAt: c.createdAt,
      },
    });
    await renderAppAs("staff", `/cases/${c.id}`);
    await caseHeading("Post by @tid_uploader");

    const restore = decisionForm().getByRole("radio", { name: "Restore post" });
    expect(restore).toBeDisabled();
    expect(restore).toHaveAccessibleDescription(
      "This post was taken down on a TAKE IT DOWN request; only staff can restore it, through the request or an appeal.",
    );
    expect(decisionForm().getByRole("radio", { name: "Dismiss — no violation" })).toBeEnabled();
  });

  it("[MODERATOR] a case changed by someone else since it was opened is refused with who changed it; Reload lets the reviewer decide", async () => {
    const db = await testDatabase();
    const ana = await createStaff(db, "moderator", "Ana Other");
    const c = await insertCase(db, {
      queue: "user_report",
      handle: "contested",
      prompt: "A prank video in a supermarket",
      priority: 40,
      ageHours: 4,
      category: "harassment",
    });
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`);
    await caseHeading("Post by @contested");
    await waitForLease();

    await changeCaseAs(db, c.id, ana.id);
    const form = decisionForm();
    await user.click(form.getByRole("radio", { name: "Dismiss — no violation" }));
    await user.selectOptions(form.getByLabelText("Policy"), "Harassment and bullying");
    await user.type(form.getByLabelText("Reason"), "A staged prank with consenting actors.");
    await user.click(form.getByRole("button", { name: "Decide" }));

    const conflict = await screen.findByText(
      /This case was changed by Ana Other \d+ s ago — reload to see the change before deciding\./,
    );
    expect(conflict.closest("[role=alert]")).not.toBeNull();
    expect(await db.prisma.decision.count({ where: { caseId: c.id } })).toBe(0);

    await user.click(screen.getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(screen.queryByText(/This case was changed by Ana Other/)).not.toBeInTheDocument());
    await user.click(decisionForm().getByRole("button", { name: "Decide" }));

    // Nothing else waits in this queue: back to the list, which says so.
    expect(await screen.findByText(/Queue is empty/)).toBeInTheDocument();
    expect(currentUrl().path).toBe("/queues/user_report");
    expect(await db.prisma.decision.findFirst({ where: { caseId: c.id }, select: { type: true } })).toEqual({
      type: "dismiss",
    });
  });

  it("[MODERATOR] an incomplete decision is refused beside its fields, by the form and by the server", async () => {
    const db = await testDatabase();
    const c = await insertCase(db, {
      queue: "likeness_complaint",
      handle: "incomplete",
      prompt: "A cameo in a cooking show",
      priority: 5,
      ageHours: 2,
      category: "likeness_misuse",
    });
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`);
    await caseHeading("Post by @incomplete");
    await waitForLease();

    const form = decisionForm();
    const territories = form.getByLabelText("Territorial scope");
    await user.clear(territories);
    await user.type(territories, "Europe");
    await user.click(form.getByRole("button", { name: "Decide" }));
    expect(await form.findByText("Choose an action")).toBeInTheDocument();
    expect(form.getByLabelText("Reason")).toHaveAccessibleDescription(/Write a reason the user will read/);
    expect(territories).toHaveAccessibleDescription(/Use ISO country codes, EEA or WORLD/);

    // The form lets a suspension without a length through; the server names the field it needs.
    await user.click(form.getByRole("radio", { name: "Suspend account" }));
    await user.clear(territories);
    await user.type(territories, "EEA, US");
    await user.type(form.getByLabelText("Reason"), "Repeated misuse of other people's cameos.");
    await user.click(form.getByRole("button", { name: "Decide" }));
    expect(await form.findByText("Say for how many days the account is suspended.")).toBeInTheDocument();
    expect(form.getByLabelText("Suspend for (days)")).toHaveAttribute("aria-invalid", "true");
    expect(await db.prisma.decision.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("[MODERATOR] decides by keyboard: t chooses take down, r goes to the reason, Ctrl+Enter decides; ? lists the shortcuts", async () => {
    const db = await testDatabase();
    const c = await insertCase(db, {
      queue: "flagged_generation",
      handle: "keyboard_case",
      prompt: "A street fight filmed from above",
      priority: 88,
      ageHours: 1,
      category: "violence",
    });
    await insertCase(db, {
      queue: "flagged_generation",
      handle: "after_keyboard",
      prompt: "A boxing match in the rain",
      priority: 20,
      ageHours: 1,
      category: "violence",
    });
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`);
    const heading = await caseHeading("Post by @keyboard_case");
    await waitForLease();

    await user.keyboard("?");
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(within(dialog).getByText("Choose Take down post")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(heading).toHaveFocus();

    const form = decisionForm();
    await user.selectOptions(form.getByLabelText("Policy"), "Violence and threats");
    await user.click(heading);
    await user.keyboard("t");
    expect(form.getByRole("radio", { name: "Take down post" })).toBeChecked();
    expect(form.getByLabelText("Visibility")).toHaveValue("removed");
    await user.keyboard("r");
    expect(form.getByLabelText("Reason")).toHaveFocus();
    await user.keyboard("Graphic violence shown for shock.");
    expect(form.getByLabelText("Reason")).toHaveValue("Graphic violence shown for shock.");
    await user.keyboard("{Control>}{Enter}{/Control}");

    await caseHeading("Post by @after_keyboard");
    expect(
      await db.prisma.decision.findFirst({ where: { caseId: c.id }, select: { type: true, reason: true } }),
    ).toEqual({
      type: "take_down_post",
      reason: "Graphic violence shown for shock.",
    });
  });

  it("[MODERATOR] a case another reviewer holds is read-only, with who holds it; a note can still be left", async () => {
    const db = await testDatabase();
    const holly = await createStaff(db, "moderator", "Holly Holder");
    const c = await insertCase(db, {
      queue: "likeness_complaint",
      handle: "held_elsewhere",
      prompt: "A cameo used in an advert",
      priority: 10,
      ageHours: 2,
      category: "likeness_misuse",
    });
    await claimCaseAs(db, c.id, holly.id);
    const { user } = await renderAppAs("moderator", `/cases/${c.id}`, { name: "Nora Noter" });
    await caseHeading("Post by @held_elsewhere");

    expect(await screen.findByText(/Read-only: Holly Holder is reviewing this case/)).toBeInTheDocument();
    expect(decisionForm().getByRole("button", { name: "Decide" })).toBeDisabled();
    expect(decisionForm().getByRole("radio", { name: "Take down post" })).toBeDisabled();
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { claimedById: true } })).toEqual({
      claimedById: holly.id,
    });

    const notes = within(screen.getByRole("form", { name: "Add a note" }));
    await user.type(notes.getByLabelText("New note"), "The advert ran on the owner's own channel too.");
    await user.click(notes.getByRole("button", { name: "Add note" }));
    const list = within(await screen.findByRole("region", { name: "Notes (1)" }));
    expect(list.getByText("The advert ran on the owner's own channel too.")).toBeInTheDocument();
    expect(list.getByText("Nora Noter")).toBeInTheDocument();
    expect(await db.prisma.caseNote.count({ where: { caseId: c.id } })).toBe(1);
  });

  it("[MODERATOR] a case that does not exist says so", async () => {
    await renderAppAs("moderator", "/cases/0190b5d2-0000-7000-8000-000000000000");
    expect(await screen.findByText("This case does not exist or you may not see it.")).toBeInTheDocument();
  });

  it("[MODERATOR] Next case on the queue list claims the highest-priority case and opens it; a row's prompt link or Enter on the row opens its case", async () => {
    const db = await testDatabase();
    const top = await insertCase(db, {
      queue: "likeness_complaint",
      handle: "top_of_queue",
      prompt: "A comedian's cameo in a political ad",
      priority: 99.5,
      ageHours: 1,
      category: "likeness_misuse",
    });
    const { user, staff } = await renderAppAs("moderator", "/queues/likeness_complaint");
    await screen.findByRole("table", { name: "Cases" });

    await user.click(screen.getByRole("button", { name: "Next case" }));
    await caseHeading("Post by @top_of_queue");
    expect(currentUrl().path).toBe(`/cases/${top.id}`);
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: top.id }, select: { claimedById: true } })).toEqual({
      claimedById: staff!.id,
    });

    await user.click(screen.getByRole("link", { name: "Likeness complaints" }));
    const table = await screen.findByRole("table", { name: "Cases" });
    await user.click(await within(table).findByRole("link", { name: "A comedian's cameo in a political ad" }));
    await caseHeading("Post by @top_of_queue");

    // Enter on a focused row (its checkbox) opens the row's case too.
    await user.click(screen.getByRole("link", { name: "Likeness complaints" }));
    const checkbox = await within(await screen.findByRole("table", { name: "Cases" })).findByRole("checkbox", {
      name: /Select case by @top_of_queue/,
    });
    act(() => checkbox.focus());
    await user.keyboard("{Enter}");
    await caseHeading("Post by @top_of_queue");
    expect(checkbox).not.toBeInTheDocument();
  });

  it("[MODERATOR] decides three selected cases in bulk: progress, then each case's outcome, a stale one skipped", async () => {
    const db = await testDatabase();
    const ana = await createStaff(db, "moderator", "Ana Bulk");
    const cases = [];
    for (const [i, handle] of ["bulk_one", "bulk_two", "bulk_three"].entries()) {
      cases.push(
        await insertCase(db, {
          queue: "appeal",
          handle,
          prompt: `Bulk clip number ${i + 1}`,
          priority: 50 - i,
          ageHours: 1,
          category: "spam",
        }),
      );
    }
    const { user } = await renderAppAs("moderator", "/queues/appeal");
    const table = await screen.findByRole("table", { name: "Cases" });
    for (const handle of ["bulk_one", "bulk_two", "bulk_three"]) {
      await user.click(await within(table).findByRole("checkbox", { name: new RegExp(`Select case by @${handle}`) }));
    }
    const bar = within(screen.getByRole("region", { name: "Selected cases" }));
    expect(bar.getByText("3 selected")).toBeInTheDocument();

    // Someone else acts on one of them after the list was loaded.
    await changeCaseAs(db, cases[1]!.id, ana.id);

    await user.click(bar.getByRole("button", { name: "Decide…" }));
    const form = within(await screen.findByRole("form", { name: "Decide 3 cases" }));
    await user.click(form.getByRole("radio", { name: "Dismiss — no violation" }));
    await user.selectOptions(form.getByLabelText("Policy"), "Spam and platform manipulation");
    await user.type(form.getByLabelText("Reason"), "Not spam: original clips.");
    await user.click(form.getByRole("button", { name: "Decide 3 cases" }));

    const progress = await screen.findByRole("progressbar", { name: "Bulk decision progress" });
    await waitFor(() => expect(progress).toHaveAttribute("aria-valuenow", "3"));
    expect(progress).toHaveAttribute("aria-valuemax", "3");
    expect(await screen.findByText("Done: 2 cases decided, 1 skipped.")).toBeInTheDocument();

    const outcomes = within(screen.getByRole("list", { name: "Outcomes" }));
    const skipped = outcomes.getByText(/@bulk_two/).closest("li")!;
    expect(skipped).toHaveTextContent(/skipped — This case was changed by Ana Bulk/);
    expect(outcomes.getByText(/@bulk_one/).closest("li")).toHaveTextContent(/decided/);

    const decisions = await db.prisma.decision.findMany({
      where: { caseId: { in: cases.map((c) => c.id) } },
      select: { caseId: true, type: true, batchId: true },
    });
    expect(decisions.map((d) => d.caseId).sort()).toEqual([cases[0]!.id, cases[2]!.id].sort());
    expect(decisions.every((d) => d.type === "dismiss")).toBe(true);
    expect(new Set(decisions.map((d) => d.batchId)).size).toBe(1);
    expect(decisions[0]?.batchId).toBeTruthy();

    // The list refetches: the decided cases leave it, the skipped one stays.
    await waitFor(() => expect(within(table).queryByText("@bulk_one")).not.toBeInTheDocument());
    expect(within(table).getByText("@bulk_two")).toBeInTheDocument();
  });

  it("[STAFF] a selection larger than one chunk is sent in chunks of 50 that share one batch id", async () => {
    const db = await testDatabase();
    for (let i = 0; i < 55; i++) {
      await insertCase(db, {
        queue: "escalated",
        handle: `escalated${i}`,
        prompt: `Escalated clip ${i}`,
        priority: 90 - i,
        ageHours: 1,
        category: "spam",
      });
    }
    const chunkRequests: string[] = [];
    const onRequest = ({ request }: { request: Request }) => {
      if (request.url.includes("case.decideBulk")) chunkRequests.push(request.url);
    };
    mockApi.events.on("request:start", onRequest);
    try {
      const { user } = await renderAppAs("staff", "/queues/escalated");
      await user.click(await screen.findByRole("button", { name: "Load more" }));
      expect(await screen.findByText("55 cases loaded")).toBeInTheDocument();
      await user.click(screen.getByRole("checkbox", { name: "Select all loaded cases" }));
      await user.click(
        within(screen.getByRole("region", { name: "Selected cases" })).getByRole("button", { name: "Decide…" }),
      );

      const form = within(await screen.findByRole("form", { name: "Decide 55 cases" }));
      await user.click(form.getByRole("radio", { name: "Dismiss — no violation" }));
      await user.selectOptions(form.getByLabelText("Policy"), "Spam and platform manipulation");
      await user.type(form.getByLabelText("Reason"), "Reviewed together: no violation.");
      await user.click(form.getByRole("button", { name: "Decide 55 cases" }));

      expect(
        await screen.findByText("Done: 55 cases decided, 0 skipped.", undefined, { timeout: 30_000 }),
      ).toBeInTheDocument();
      expect(screen.getByRole("progressbar", { name: "Bulk decision progress" })).toHaveAttribute(
        "aria-valuenow",
        "55",
      );
    } finally {
      mockApi.events.removeListener("request:start", onRequest);
    }
    expect(chunkRequests).toHaveLength(2);
    const decisions = await db.prisma.decision.findMany({
      where: { case: { queue: "escalated" } },
      select: { batchId: true },
    });
    expect(decisions).toHaveLength(55);
    expect(new Set(decisions.map((d) => d.batchId)).size).toBe(1);
  });
});
