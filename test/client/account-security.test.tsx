import { beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { createSession } from "../../server/domain/auth/sessions.ts";
import { TEST_PASSWORD } from "../support/staff.ts";
import { testClock } from "../support/session-caller.ts";
import { configureApiServer, mockApi, testDatabase } from "./support/api-server.ts";
import { renderAppAs } from "./support/render-app.tsx";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

function panel(name: string) {
  return within(screen.getByRole("region", { name }));
}

describe("account security", () => {
  // The file's database is made once, before the first test's clock starts.
  beforeAll(() => testDatabase());

  it("[STAFF] changes their password: the current one is checked, the new one typed twice, other sessions end", async () => {
    const clock = testClock("2026-06-01T09:00:00Z");
    configureApiServer({ now: clock.now });
    const { user, staff, db } = await renderAppAs("staff", "/account-security", { now: clock.now() });
    const other = await createSession(db.prisma, {
      userId: staff!.id,
      ip: "198.51.100.40",
      userAgent: FIREFOX,
      now: clock.now(),
      auth: DEFAULT_AUTH_CONFIG,
    });
    const form = within(await screen.findByRole("form", { name: "Change password" }));

    await user.type(form.getByLabelText("Current password"), "not my password");
    await user.type(form.getByLabelText("New password"), "my new long passphrase");
    await user.type(form.getByLabelText("Repeat new password"), "my new long passphrase");
    await user.click(form.getByRole("button", { name: "Change password" }));
    await waitFor(() => expect(form.getByLabelText("Current password")).toHaveAttribute("aria-invalid", "true"));
    expect(form.getByLabelText("Current password")).toHaveAccessibleDescription("Current password is incorrect.");

    await user.clear(form.getByLabelText("Current password"));
    await user.type(form.getByLabelText("Current password"), TEST_PASSWORD);
    await user.clear(form.getByLabelText("Repeat new password"));
    await user.type(form.getByLabelText("Repeat new password"), "my new long passphrasf");
    await user.click(form.getByRole("button", { name: "Change password" }));
    expect(form.getByLabelText("Repeat new password")).toHaveAccessibleDescription("The two new passwords differ");

    await user.clear(form.getByLabelText("Repeat new password"));
    await user.type(form.getByLabelText("Repeat new password"), "my new long passphrase");
    await user.click(form.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Password changed. 1 other session was signed out.")).toHaveAttribute(
      "role",
      "status",
    );
    expect(await db.prisma.session.findUnique({ where: { id: other.sessionId }, select: { revokedAt: true } })).toEqual(
      { revokedAt: clock.now() },
    );
  });

  it("[MODERATOR] sees their sessions and ends one they do not recognise", async () => {
    const clock = testClock("2026-06-02T09:00:00Z");
    configureApiServer({ now: clock.now });
    const { user, staff, db } = await renderAppAs("moderator", "/account-security", { now: clock.now() });
    const laptop = await createSession(db.prisma, {
      userId: staff!.id,
      ip: "198.51.100.41",
      userAgent: FIREFOX,
      now: clock.now(),
      auth: DEFAULT_AUTH_CONFIG,
    });

    const table = within(await screen.findByRole("table", { name: "Your sessions" }));
    const firefox = (await table.findByRole("cell", { name: "Firefox 140 on Windows" })).closest("tr")!;
    expect(within(firefox).getByRole("cell", { name: "198.51.100.41" })).toBeInTheDocument();
    expect(table.getByText("This session")).toBeInTheDocument();

    await user.click(
      within(firefox).getByRole("button", { name: /^End session: Firefox 140 on Windows from 198\.51\.100\.41/ }),
    );
    await waitFor(() => expect(table.queryByRole("cell", { name: "Firefox 140 on Windows" })).not.toBeInTheDocument());
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: laptop.sessionId } })).revokedAt).toEqual(
      clock.now(),
    );
    expect(screen.getByRole("button", { name: "End all other sessions" })).toBeDisabled();
  });

  it("[STAFF] a failing sessions list says so and offers a retry", async () => {
    mockApi.use(
      http.all(/\/trpc\/[^?]*session\.list/, ({ request }) => {
        const calls = new URL(request.url).pathname.split("/trpc/")[1]!.split(",");
        const error = {
          message: "The database is not answering.",
          code: -32603,
          data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
        };
        return HttpResponse.json(
          calls.map(() => ({ error })),
          { status: 500 },
        );
      }),
    );
    await renderAppAs("staff", "/account-security");
    expect(await screen.findByText("Could not load your sessions")).toBeInTheDocument();
    expect(panel("Your sessions").getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
