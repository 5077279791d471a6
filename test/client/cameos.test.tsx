// Cameo and likeness controls as staff use them: the registry, a cameo's page with its grants and posts, the
// revoke / disable dialog and its four-eyes rule, reinstatement, likeness complaints with their audited evidence,
// and the protected-likeness register. Real router, real database.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import type { Database } from "../../server/db/client.ts";
import { testDatabase } from "./support/api-server.ts";
import { insertAccount, insertCameo, insertCameoPosts, insertGrant, insertPost } from "../support/fixtures.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { runCameoAction } from "../../server/domain/cameos/run-action.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

/** Noor's cameo, used by Riley (three posts) and Jo (one post); Noor posted one herself. Noor has an email. */
async function cameoWorld(db: Database, granteePosts = 3) {
  const owner = await insertAccount(db);
  await db.prisma.account.update({
    where: { id: owner.id },
    data: { email: `${owner.handle}@users.example`, displayName: "Noor Okafor" },
  });
  const grantee = await insertAccount(db);
  const third = await insertAccount(db);
  const cameo = await insertCameo(db, owner.id);
  await db.prisma.cameo.update({ where: { id: cameo.id }, data: { restrictions: "No ads or endorsements." } });
  const grant = await insertGrant(db, cameo.id, grantee.id);
  await insertGrant(db, cameo.id, third.id);
  const riley = await insertCameoPosts(db, grantee.id, cameo.id, granteePosts);
  const ownPost = (await insertCameoPosts(db, owner.id, cameo.id, 1))[0]!;
  const thirdPost = (await insertCameoPosts(db, third.id, cameo.id, 1))[0]!;
  const unrelated = await insertPost(db, grantee.id);
  return { owner, grantee, third, cameo, grant, riley, ownPost, thirdPost, unrelated };
}

/** A likeness complaint from the cameo's owner, as the platform's ingest stores it, with two evidence items. */
async function insertComplaint(db: Database, w: Awaited<ReturnType<typeof cameoWorld>>) {
  const at = new Date(Date.now() - 3_600_000);
  const kase = await db.prisma.case.create({
    data: {
      queue: "likeness_complaint",
      subjectType: "cameo",
      subjectKey: `cameo:${w.cameo.id}`,
      cameoId: w.cameo.id,
      category: "likeness_misuse",
      hasCameo: true,
      signalCount: 1,
      reporterCount: 1,
      creatorHandle: w.owner.handle,
      createdAt: at,
      lastChangedAt: at,
    },
  });
  return db.prisma.signal.create({
    data: {
      kind: "likeness_complaint",
      subjectType: "cameo",
      cameoId: w.cameo.id,
      caseId: kase.id,
      reporterId: w.owner.id,
      category: "likeness_misuse",
      text: "Riley made me endorse an energy drink. I withdraw my consent for Riley.",
      payload: {
        complainantName: "Noor Okafor",
        complainantEmail: `${w.owner.handle}@users.example`,
        depictedPerson: "Noor Okafor",
        authority: "self",
        postIds: w.riley,
        evidence: [
          { kind: "selfie_video", url: "https://evidence.example/noor/selfie.mp4", note: "Holding today's newspaper" },
          { kind: "id_document", url: "https://evidence.example/noor/passport.jpg", note: "Name matches" },
        ],
      },
      occurredAt: at,
      receivedAt: at,
    },
  });
}

async function visibilityOf(db: Database, ids: string[]) {
  const rows = await db.prisma.post.findMany({ where: { id: { in: ids } }, select: { id: true, visibility: true } });
  return Object.fromEntries(rows.map((p) => [p.id, p.visibility]));
}

async function firstPolicy(db: Database) {
  return db.prisma.policy.findFirstOrThrow({
    where: { active: true },
    orderBy: [{ severity: "desc" }, { code: "asc" }],
  });
}

function rowOf(element: HTMLElement): HTMLElement {
  return element.closest("tr")!;
}

// The database (migrated PGlite) is made once for the file, under the hook's longer timeout rather than the first test's.
beforeAll(async () => {
  await testDatabase();
});

describe("cameo registry and detail", () => {
  it("[STAFF] finds a cameo by id, revokes one grant with the form, sees exactly the grantee's posts taken down and the owner notified, then reinstates", async () => {
    const db = await testDatabase();
    const w = await cameoWorld(db);
    const policy = await firstPolicy(db);
    const { user, staff } = await renderAppAs("staff", "/cameos");

    await user.type(await screen.findByLabelText("Owner handle"), w.cameo.id);
    await waitFor(() => expect(currentUrl().params.get("owner")).toBe(w.cameo.id));
    const table = await screen.findByRole("table", { name: "Cameos" });
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    await user.click(within(table).getByRole("link", { name: `@${w.owner.handle}` }));

    expect(await screen.findByRole("heading", { level: 1, name: `Cameo of @${w.owner.handle}` })).toBeInTheDocument();
    expect(window.location.pathname).toBe(`/cameos/${w.cameo.id}`);
    const summary = screen.getByLabelText("Cameo summary");
    expect(within(summary).getByText("People I approve")).toBeInTheDocument();
    expect(within(summary).getByText("No ads or endorsements.")).toBeInTheDocument();
    expect(within(summary).getByText("Not verified")).toBeInTheDocument();

    const grants = screen.getByRole("table", { name: "Grants" });
    const rileyRow = rowOf(within(grants).getByText(`@${w.grantee.handle}`));
    expect(within(rileyRow).getByRole("link", { name: `@${w.grantee.handle}` })).toHaveAttribute(
      "href",
      `/accounts/${w.grantee.id}`,
    );
    expect(
      within(rileyRow)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      `@${w.grantee.handle} ${w.grantee.displayName}`,
      "Active",
      expect.any(String),
      "—",
      "3",
      "3",
      "Revoke…",
    ]);
    await user.click(within(rileyRow).getByRole("button", { name: `Revoke @${w.grantee.handle}'s grant…` }));

    const dialog = await screen.findByRole("dialog", { name: `Revoke @${w.grantee.handle}'s grant` });
    expect(within(dialog).getByText("About 3 posts will be affected.")).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /A cascade over 100 posts, and any cameo disable, waits for another staff member's approval/,
      ),
    ).toBeInTheDocument();
    const form = within(dialog).getByRole("form", { name: "Revoke grant" });
    await user.click(within(form).getByRole("button", { name: "Revoke grant" }));
    expect(await within(form).findByText("Choose take down or hold")).toBeInTheDocument();
    expect(within(form).getByRole("combobox", { name: "Policy" })).toHaveAccessibleDescription("Choose a policy");
    expect(within(form).getByRole("textbox", { name: "Reason" })).toHaveAccessibleDescription(
      /Write the reason \(at least 3 characters\)/,
    );
    expect(within(form).getByRole("textbox", { name: "Reason" })).toHaveAttribute("aria-invalid", "true");
    // Nothing was sent.
    expect(await db.prisma.cameoAction.count({ where: { cameoId: w.cameo.id } })).toBe(0);

    await user.click(within(form).getByRole("radio", { name: "Take down" }));
    await user.selectOptions(within(form).getByRole("combobox", { name: "Policy" }), policy.id);
    await user.type(
      within(form).getByRole("textbox", { name: "Reason" }),
      "The owner withdrew consent for this grantee.",
    );
    await user.click(within(form).getByRole("button", { name: "Revoke grant" }));

    const result = await within(dialog).findByRole("article", {
      name: `Revoke grant to @${w.grantee.handle}: Completed`,
    });
    expect(within(result).getByText(/Done: 3 posts taken down\./)).toHaveTextContent(
      "Owner notified by email (queued).",
    );
    expect(within(result).getByRole("progressbar", { name: "Cascade progress" })).toHaveAttribute("aria-valuenow", "3");
    expect(await visibilityOf(db, [...w.riley, w.ownPost, w.thirdPost, w.unrelated.id])).toEqual({
      ...Object.fromEntries(w.riley.map((id) => [id, "taken_down"])),
      [w.ownPost]: "public",
      [w.thirdPost]: "public",
      [w.unrelated.id]: "public",
    });
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    // The page reads the new state: the grant is revoked, the posts list shows which posts went down.
    await waitFor(() =>
      expect(
        within(
          rowOf(within(screen.getByRole("table", { name: "Grants" })).getByText(`@${w.grantee.handle}`)),
        ).getByText("Revoked"),
      ).toBeInTheDocument(),
    );
    const posts = screen.getByRole("table", { name: "Posts with this cameo" });
    await waitFor(() => expect(within(posts).getAllByText("Taken down")).toHaveLength(3));
    for (const id of w.riley)
      expect(within(rowOf(within(posts).getByText(id))).getByText("Taken down")).toBeInTheDocument();
    for (const id of [w.ownPost, w.thirdPost])
      expect(within(rowOf(within(posts).getByText(id))).getByText("Public")).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Creator" }), `@${w.third.handle}`);
    await waitFor(() =>
      expect(within(screen.getByRole("table", { name: "Posts with this cameo" })).getAllByRole("row")).toHaveLength(2),
    );

    // Reinstating asks for a reason and restores exactly those posts.
    const history = screen.getByRole("list", { name: "Staff actions" });
    const done = within(history).getByRole("article", { name: `Revoke grant to @${w.grantee.handle}: Completed` });
    expect(done).toHaveTextContent(`${staff!.displayName}, `);
    expect(done).toHaveTextContent("Not needed");
    await user.click(within(done).getByRole("button", { name: /^Reinstate…/ }));
    const reinstate = await screen.findByRole("dialog", { name: "Reinstate" });
    await user.click(within(reinstate).getByRole("button", { name: "Reinstate" }));
    expect(await within(reinstate).findByText("Write the reason (at least 3 characters)")).toBeInTheDocument();
    await user.type(within(reinstate).getByRole("textbox", { name: "Reason" }), "The owner consented again.");
    await user.click(within(reinstate).getByRole("button", { name: "Reinstate" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(
      await within(history).findByRole("article", { name: `Reinstate grant to @${w.grantee.handle}: Completed` }),
    ).toBeInTheDocument();
    expect(within(history).queryByRole("button", { name: /^Reinstate…/ })).not.toBeInTheDocument();
    expect(Object.values(await visibilityOf(db, [...w.riley, w.ownPost, w.thirdPost]))).toEqual(
      Array(5).fill("public"),
    );
  });

  it("[STAFF] a cascade over 100 posts waits for a second staff member: the requester cannot approve it, another can", async () => {
    const db = await testDatabase();
    const w = await cameoWorld(db, 101);
    const policy = await firstPolicy(db);
    const { user, staff: requester } = await renderAppAs("staff", `/cameos/${w.cameo.id}`, { name: "Lee Requester" });

    const grants = await screen.findByRole("table", { name: "Grants" });
    await user.click(within(grants).getByRole("button", { name: `Revoke @${w.grantee.handle}'s grant…` }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("About 101 posts will be affected.")).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /More than 100 posts: this revocation will wait for another staff member's approval \(four-eyes rule\)/,
      ),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole("radio", { name: "Hold" }));
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Policy" }), policy.id);
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "Mass misuse of the owner's likeness.");
    await user.click(within(dialog).getByRole("button", { name: "Revoke grant" }));

    expect(
      await within(dialog).findByRole("article", {
        name: `Revoke grant to @${w.grantee.handle}: Waiting for approval`,
      }),
    ).toHaveTextContent("Waiting for approval by another staff member (four-eyes rule).");
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    const history = screen.getByRole("list", { name: "Staff actions" });
    const pending = await within(history).findByRole("article", {
      name: `Revoke grant to @${w.grantee.handle}: Waiting for approval`,
    });
    const approve = within(pending).getByRole("button", { name: `Approve: Revoke grant to @${w.grantee.handle}` });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription(
      "You requested this action; another staff member must approve it (four-eyes rule).",
    );
    expect(await db.prisma.post.count({ where: { id: { in: w.riley }, visibility: "public" } })).toBe(101);
    const action = await db.prisma.cameoAction.findFirstOrThrow({ where: { cameoId: w.cameo.id } });
    expect(action).toMatchObject({ status: "pending_approval", requestedById: requester!.id });

    // A second staff member sees it in the approvals panel of the Cameos page and approves it.
    cleanup();
    const second = await renderAppAs("staff", "/cameos", { name: "Sam Second" });
    const panel = await screen.findByRole("list", { name: "Waiting for approval" });
    const item = await within(panel).findByRole("article", {
      name: `Revoke grant to @${w.grantee.handle}: Waiting for approval`,
    });
    expect(within(item).getByRole("link", { name: w.cameo.id })).toBeInTheDocument();
    await second.user.click(
      within(item).getByRole("button", { name: `Approve: Revoke grant to @${w.grantee.handle}` }),
    );
    await waitFor(async () =>
      expect(await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({
        status: "completed",
        approvedById: second.staff!.id,
      }),
    );
    expect(await db.prisma.post.count({ where: { id: { in: w.riley }, visibility: "held" } })).toBe(101);
    expect(await screen.findByText("Nothing is waiting for approval")).toBeInTheDocument();
  });

  it("[STAFF] approving an action someone else already rejected shows the server's refusal beside the buttons", async () => {
    const db = await testDatabase();
    const w = await cameoWorld(db);
    const policy = await firstPolicy(db);
    const requester = await createStaff(db, "staff", "Ana Requester");
    const pending = await callerFor(db, requester).cameo.disable({
      cameoId: w.cameo.id,
      mode: "hold",
      policyId: policy.id,
      reason: "Impersonation report",
    });
    expect(pending.status).toBe("pending_approval");
    const { user } = await renderAppAs("staff", `/cameos/${w.cameo.id}`);

    const history = await screen.findByRole("list", { name: "Staff actions" });
    const item = within(history).getByRole("article", {
      name: `Disable cameo of @${w.owner.handle}: Waiting for approval`,
    });
    expect(screen.getByRole("button", { name: "Disable cameo…" })).toBeDisabled();
    await callerFor(db, await createStaff(db, "staff")).cameo.rejectAction({
      actionId: pending.id,
      reason: "Not verified yet",
    });
    await user.click(within(item).getByRole("button", { name: `Approve: Disable cameo of @${w.owner.handle}` }));
    expect(await within(item).findByRole("alert")).toHaveTextContent(
      "This action is not waiting for approval (it is rejected).",
    );
    expect(await db.prisma.cameo.findUniqueOrThrow({ where: { id: w.cameo.id } })).toMatchObject({ status: "active" });
  });

  it("[STAFF] follows a cascade the worker runs, polling its progress until it completes", async () => {
    const db = await testDatabase();
    const w = await cameoWorld(db, 40);
    const policy = await firstPolicy(db);
    const requester = await createStaff(db, "staff");
    // Approved and waiting for the background worker, as a large cascade is after its second approval.
    const action = await db.prisma.cameoAction.create({
      data: {
        kind: "revoke_grant",
        status: "approved",
        cameoId: w.cameo.id,
        grantId: w.grant.id,
        mode: "take_down",
        policyId: policy.id,
        reason: "Mass misuse",
        batchId: crypto.randomUUID(),
        postCount: 40,
        needsApproval: false,
        requestedById: requester.id,
        requestedAt: new Date(),
      },
    });
    await renderAppAs("staff", `/cameos/${w.cameo.id}`);
    const history = await screen.findByRole("list", { name: "Staff actions" });
    const running = within(history).getByRole("article", {
      name: `Revoke grant to @${w.grantee.handle}: Approved, starting`,
    });
    const progress = within(running).getByRole("progressbar", { name: "Cascade progress" });
    expect(progress).toHaveAttribute("aria-valuenow", "0");
    expect(progress).toHaveAttribute("aria-valuemax", "40");

    await runCameoAction(db, action.id, { chunkSize: 10 });
    expect(
      await within(history).findByRole(
        "article",
        { name: `Revoke grant to @${w.grantee.handle}: Completed` },
        { timeout: 5_000 },
      ),
    ).toHaveTextContent("Done: 40 posts taken down.");
    expect(within(history).getByRole("progressbar", { name: "Cascade progress" })).toHaveAttribute(
      "aria-valuenow",
      "40",
    );
    // When it ends, the rest of the page is read again.
    await waitFor(() =>
      expect(
        within(
          rowOf(within(screen.getByRole("table", { name: "Grants" })).getByText(`@${w.grantee.handle}`)),
        ).getByText("Revoked"),
      ).toBeInTheDocument(),
    );
  });

  it("[STAFF] a cameo that does not exist shows a not-found state; [MODERATOR] is refused the cameo area", async () => {
    await renderAppAs("staff", "/cameos/cam_does_not_exist");
    expect(await screen.findByRole("heading", { level: 1, name: "Cameo not found" })).toBeInTheDocument();
    cleanup();
    await renderAppAs("moderator", "/cameos/complaints");
    expect(await screen.findByRole("alert")).toHaveTextContent("You need the staff role to use Likeness complaints.");
  });
});

describe("likeness complaints", () => {
  it("[STAFF] reveals a complaint's evidence (audited), verifies the complainant, and attaches the complaint to a revocation", async () => {
    const db = await testDatabase();
    const w = await cameoWorld(db);
    const complaint = await insertComplaint(db, w);
    const policy = await firstPolicy(db);
    const { user, staff } = await renderAppAs("staff", "/cameos");

    await user.click(await screen.findByRole("link", { name: "Likeness complaints" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Likeness complaints" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Likeness complaints" })).toHaveAttribute("aria-current", "page");
    await user.selectOptions(screen.getByRole("combobox", { name: "Verification" }), "pending");
    expect(currentUrl().params.get("verification")).toBe("pending");
    // Other tests' complaints may be listed too; this one is about this cameo.
    const mine = (await screen.findAllByRole("article", { name: "Complaint from Noor Okafor" })).find((a) =>
      within(a).queryByRole("link", { name: `Cameo ${w.cameo.id}` }),
    )!;
    expect(mine).toBeDefined();
    expect(within(mine).getByText("The person depicted")).toBeInTheDocument();
    expect(within(mine).getByText("2 items")).toBeInTheDocument();
    expect(within(mine).getByText(/I withdraw my consent for Riley/)).toBeInTheDocument();
    expect(within(mine).getByText("Not verified yet")).toBeInTheDocument();
    const show = within(mine).getByRole("button", { name: "Show evidence" });
    expect(show).toHaveAccessibleDescription(/Each view is recorded in the audit log/);
    expect(screen.queryByText(`${w.owner.handle}@users.example`)).not.toBeInTheDocument();

    await user.click(show);
    const evidence = await within(mine).findByRole("region", { name: "Evidence" });
    expect(within(evidence).getByRole("link", { name: `${w.owner.handle}@users.example` })).toBeInTheDocument();
    const items = within(evidence).getByRole("list", { name: "Evidence items" });
    expect(within(items).getAllByRole("listitem")).toHaveLength(2);
    expect(within(items).getByRole("link", { name: "https://evidence.example/noor/passport.jpg" })).toBeInTheDocument();
    expect(within(items).getByText(/Holding today's newspaper/)).toBeInTheDocument();
    expect(
      await db.prisma.auditLog.count({
        where: { action: "likeness.evidence_viewed", subjectId: complaint.id, actorId: staff!.id },
      }),
    ).toBe(1);

    await user.click(within(mine).getByRole("button", { name: "Verify…" }));
    expect(within(mine).getByRole("button", { name: "Verify…" })).toHaveAttribute("aria-expanded", "true");
    const verify = within(mine).getByRole("form", { name: "Verify the complainant" });
    await user.click(within(verify).getByRole("button", { name: "Save verification" }));
    expect(await within(verify).findByText("Choose verified or rejected")).toBeInTheDocument();
    expect(within(verify).getByRole("textbox", { name: "How the identity was checked" })).toHaveAccessibleDescription(
      /Say how the identity was checked/,
    );
    await user.click(within(verify).getByRole("radio", { name: "Identity verified" }));
    await user.type(
      within(verify).getByRole("textbox", { name: "How the identity was checked" }),
      "Selfie video matches the cameo; passport name matches.",
    );
    await user.click(within(verify).getByRole("button", { name: "Save verification" }));
    // Verified, it leaves the "not verified yet" list.
    await waitFor(async () =>
      expect(
        (await db.prisma.likenessComplaintReview.findUniqueOrThrow({ where: { signalId: complaint.id } })).verification,
      ).toBe("verified"),
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Verification" }), "verified");
    const verified = (await screen.findAllByRole("article", { name: "Complaint from Noor Okafor" })).find((a) =>
      within(a).queryByRole("link", { name: `Cameo ${w.cameo.id}` }),
    )!;
    expect(within(verified).getByText(/Selfie video matches the cameo/)).toBeInTheDocument();

    // On the cameo's page the verified complaint can be attached to the revocation.
    await user.click(within(verified).getByRole("link", { name: `Cameo ${w.cameo.id}` }));
    const grants = await screen.findByRole("table", { name: "Grants" });
    await waitFor(() =>
      expect(screen.getByRole("region", { name: "Likeness complaints" })).toHaveTextContent(
        "Selfie video matches the cameo",
      ),
    );
    await user.click(within(grants).getByRole("button", { name: `Revoke @${w.grantee.handle}'s grant…` }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: "Take down" }));
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Policy" }), policy.id);
    await user.type(
      within(dialog).getByRole("textbox", { name: "Reason" }),
      "Consent withdrawn by the owner (verified complaint).",
    );
    const complaintSelect = within(dialog).getByRole("combobox", { name: "Complaint" });
    await waitFor(() => expect(within(complaintSelect).getAllByRole("option")).toHaveLength(2));
    await user.selectOptions(complaintSelect, complaint.id);
    await user.click(within(dialog).getByRole("button", { name: "Revoke grant" }));
    expect(await within(dialog).findByRole("article", { name: /: Completed$/ })).toBeInTheDocument();
    const action = await db.prisma.cameoAction.findFirstOrThrow({ where: { cameoId: w.cameo.id } });
    expect(action.complaintSignalId).toBe(complaint.id);
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: complaint.caseId } })).toMatchObject({
      status: "resolved",
    });
  });

  it("[STAFF] attaching an unverified complaint is refused on the Complaint field", async () => {
    const db = await testDatabase();
    const w = await cameoWorld(db);
    const complaint = await insertComplaint(db, w);
    const policy = await firstPolicy(db);
    // Verified, then rejected after the dialog loaded its list of verified complaints.
    const other = await createStaff(db, "staff");
    await callerFor(db, other).likeness.verify({
      signalId: complaint.id,
      verification: "verified",
      note: "Passport matches",
    });
    const { user } = await renderAppAs("staff", `/cameos/${w.cameo.id}`);
    await user.click(await screen.findByRole("button", { name: `Revoke @${w.grantee.handle}'s grant…` }));
    const dialog = await screen.findByRole("dialog");
    const complaintSelect = within(dialog).getByRole("combobox", { name: "Complaint" });
    await waitFor(() => expect(within(complaintSelect).getAllByRole("option")).toHaveLength(2));
    await callerFor(db, other).likeness.verify({
      signalId: complaint.id,
      verification: "rejected",
      note: "The passport was forged",
    });
    await user.click(within(dialog).getByRole("radio", { name: "Take down" }));
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Policy" }), policy.id);
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "Consent withdrawn.");
    await user.selectOptions(complaintSelect, complaint.id);
    await user.click(within(dialog).getByRole("button", { name: "Revoke grant" }));
    await waitFor(() =>
      expect(within(dialog).getByRole("combobox", { name: "Complaint" })).toHaveAccessibleDescription(
        /Verify the complainant's identity before acting on their complaint\./,
      ),
    );
    expect(await db.prisma.cameoAction.count({ where: { cameoId: w.cameo.id } })).toBe(0);
  });
});

describe("protected-likeness register", () => {
  it("[STAFF] adds a person with comma-separated aliases, is told on the field when the name is already listed, and removes an entry with a reason", async () => {
    const db = await testDatabase();
    const name = `Marguerite Vale ${Date.now().toString(36)}`;
    const { user } = await renderAppAs("staff", "/cameos/protected");
    expect(await screen.findByRole("heading", { level: 1, name: "Protected likenesses" })).toBeInTheDocument();
    expect(screen.getByText("GET /api/v1/protected-likenesses")).toBeInTheDocument();

    const form = screen.getByRole("form", { name: "Add to the register" });
    await user.click(within(form).getByRole("button", { name: "Add to register" }));
    expect(await within(form).findByText("Enter the person's name")).toBeInTheDocument();
    expect(within(form).getByText("Choose public figure or deceased")).toBeInTheDocument();

    await user.type(within(form).getByRole("textbox", { name: "Name" }), name);
    await user.click(within(form).getByRole("radio", { name: "Deceased" }));
    await user.type(within(form).getByRole("textbox", { name: "Aliases" }), "Maggie Vale, M. Vale ,");
    await user.type(within(form).getByRole("textbox", { name: "Requested by" }), "The Vale Estate");
    await user.click(within(form).getByRole("button", { name: "Add to register" }));
    expect(await within(form).findByRole("status")).toHaveTextContent(`Added ${name} to the register.`);
    expect(within(form).getByRole("textbox", { name: "Name" })).toHaveValue("");
    const entry = await db.prisma.protectedLikeness.findFirstOrThrow({ where: { name } });
    expect(entry).toMatchObject({
      kind: "deceased",
      aliases: ["Maggie Vale", "M. Vale"],
      requestedBy: "The Vale Estate",
      active: true,
    });
    const table = screen.getByRole("table", { name: "Protected likenesses" });
    const row = rowOf(await within(table).findByText(name));
    expect(within(row).getByText("Maggie Vale, M. Vale")).toBeInTheDocument();

    // The same name again: the server's refusal lands on the Name field.
    await user.type(within(form).getByRole("textbox", { name: "Name" }), name);
    await user.click(within(form).getByRole("radio", { name: "Public figure" }));
    await user.click(within(form).getByRole("button", { name: "Add to register" }));
    await waitFor(() =>
      expect(within(form).getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription(
        `"${name}" is already on the register.`,
      ),
    );

    await user.click(within(row).getByRole("button", { name: `Remove ${name}…` }));
    const dialog = await screen.findByRole("dialog", { name: `Remove ${name} from the register` });
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "The estate withdrew its request.");
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText(name)).not.toBeInTheDocument());
    expect(await db.prisma.protectedLikeness.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      active: false,
      removedReason: "The estate withdrew its request.",
    });

    await user.click(screen.getByRole("checkbox", { name: "Include removed entries" }));
    const removedRow = rowOf(
      await within(screen.getByRole("table", { name: "Protected likenesses" })).findByText(name),
    );
    expect(within(removedRow).getByText("Removed")).toBeInTheDocument();
  });
});
