import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { Database } from "../../server/db/client.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

async function insertPost(db: Database): Promise<string> {
  const suffix = crypto.randomBytes(4).toString("hex");
  const account = await db.prisma.account.create({
    data: { id: `acct_${suffix}`, handle: `uploader_${suffix}`, displayName: "Uploader", createdAt: new Date() },
  });
  const post = await db.prisma.post.create({
    data: {
      id: `post_${suffix}`,
      creatorId: account.id,
      prompt: "a clip",
      durationMs: 8000,
      posterUrl: `/media/posts/post_${suffix}/poster.svg`,
      contentHash: crypto.createHash("sha256").update(suffix).digest("hex"),
      createdAt: new Date(),
    },
  });
  return post.id;
}

const TAKE_IT_DOWN = /Intimate image shared without consent/;
const GOOD_FAITH = /good-faith belief that the intimate visual depiction/;

describe("public takedown form", () => {
  it("[ANONYMOUS] the sign-in page links to the takedown form", async () => {
    const { user } = await renderAppAs(null, "/sign-in");
    await user.click(await screen.findByRole("link", { name: "Report content (takedown request)" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Report content" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/report");
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute("href", "/sign-in");
  });

  it("[ANONYMOUS] a TAKE IT DOWN request missing its legal elements is refused field by field, without asking the server", async () => {
    const { user, db } = await renderAppAs(null, "/report");
    const before = await db.prisma.takedownRequest.count();
    await user.click(await screen.findByRole("radio", { name: TAKE_IT_DOWN }));
    await user.click(screen.getByRole("button", { name: "Send request" }));

    expect(await screen.findByLabelText("Your full name")).toHaveAccessibleDescription("Enter your full name");
    expect(screen.getByLabelText("Your full name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Your email")).toHaveAccessibleDescription(/Enter an email address/);
    expect(screen.getByLabelText("Link 1")).toHaveAccessibleDescription(/Enter a full link/);
    expect(screen.getByLabelText("Describe the content")).toHaveAccessibleDescription(
      /Describe the content and where it appears/,
    );
    expect(screen.getByLabelText("Electronic signature")).toHaveAccessibleDescription(
      /Type your full name as your electronic signature/,
    );
    const goodFaith = screen.getByRole("checkbox", { name: GOOD_FAITH });
    expect(goodFaith).toHaveAttribute("aria-invalid", "true");
    expect(goodFaith).toHaveAccessibleDescription(/Confirm your good-faith belief/);
    expect(screen.getByRole("group", { name: "Who are you?" })).toHaveAccessibleDescription(
      /Say whether you are the person depicted/,
    );
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(await db.prisma.takedownRequest.count()).toBe(before);
  });

  it("[ANONYMOUS] a complete TAKE IT DOWN request gets a reference, is linked to the posts and sends a receipt", async () => {
    const { user, db } = await renderAppAs(null, "/report");
    const [first, second] = [await insertPost(db), await insertPost(db)];

    await user.click(await screen.findByRole("radio", { name: TAKE_IT_DOWN }));
    await user.type(screen.getByLabelText("Link 1"), `https://app.example/p/${first}`);
    await user.click(screen.getByRole("button", { name: "Add another link" }));
    await user.type(screen.getByLabelText("Link 2"), `https://app.example/p/${second}`);
    await user.type(screen.getByLabelText("Your full name"), "Jordan Rivera");
    await user.type(screen.getByLabelText("Your email"), "jordan@example.org");
    await user.click(screen.getByRole("radio", { name: "I am the person depicted" }));
    await user.type(screen.getByLabelText("Describe the content"), "A fake intimate video of me in both posts.");
    await user.type(screen.getByLabelText("Electronic signature"), "Jordan Rivera");
    await user.click(screen.getByRole("checkbox", { name: GOOD_FAITH }));
    await user.click(screen.getByRole("button", { name: "Send request" }));

    const confirmation = await screen.findByRole("status");
    const reference = within(confirmation).getByText(/^TD-/).textContent!;
    expect(confirmation).toHaveTextContent("We emailed a receipt to jordan@example.org.");
    expect(confirmation).toHaveTextContent(/within 48 hours/);

    const stored = await db.prisma.takedownRequest.findUniqueOrThrow({
      where: { reference },
      include: { posts: true },
    });
    expect(stored).toMatchObject({ type: "take_it_down", requesterEmail: "jordan@example.org", goodFaith: true });
    expect(stored.posts.map((p) => p.postId).sort()).toEqual([first, second].sort());
    const notices = await db.prisma.emailNotice.findMany({ where: { takedownRequestId: stored.id } });
    expect(notices.map((n) => n.kind)).toContain("receipt");
  });

  it("[ANONYMOUS] a DMCA notice asks for the address, the telephone and the statement under penalty of perjury", async () => {
    const { user } = await renderAppAs(null, "/report");
    await user.click(await screen.findByRole("radio", { name: /Copyright infringement \(DMCA\)/ }));

    expect(screen.getByLabelText("Your postal address")).toBeInTheDocument();
    expect(screen.getByLabelText("Your telephone number")).toBeInTheDocument();
    const perjury = screen.getByRole("checkbox", { name: /under penalty of perjury/ });
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(perjury).toHaveAccessibleDescription(/Confirm, under penalty of perjury/);
    expect(screen.getByLabelText("Your postal address")).toHaveAccessibleDescription("Enter your postal address");
    expect(screen.queryByLabelText("Describe the content")).not.toBeInTheDocument();
  });

  it("[ANONYMOUS] a DSA notice may leave out name and email only when it concerns child sexual abuse", async () => {
    const { user, db } = await renderAppAs(null, "/report");
    const postId = await insertPost(db);
    await user.click(await screen.findByRole("radio", { name: /Digital Services Act notice/ }));
    await user.type(screen.getByLabelText("Link 1"), `https://app.example/p/${postId}`);
    await user.type(screen.getByLabelText("Why the content is illegal"), "It depicts the sexual abuse of a child.");
    await user.click(screen.getByRole("checkbox", { name: /bona fide belief/ }));
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByLabelText("Your full name")).toHaveAccessibleDescription(
      /only notices about child sexual abuse may leave it out/,
    );

    await user.click(screen.getByRole("checkbox", { name: "The content concerns child sexual abuse." }));
    await user.click(screen.getByRole("button", { name: "Send request" }));
    const confirmation = await screen.findByRole("status");
    expect(within(confirmation).getByText(/^TD-/)).toBeInTheDocument();
    expect(confirmation).not.toHaveTextContent(/We emailed a receipt/);
  });
});
