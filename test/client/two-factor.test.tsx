import { beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { beginSecondFactorEnrolment, confirmSecondFactorEnrolment } from "../../server/domain/auth/second-factor.ts";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { testClock, totpCodeAt } from "../support/session-caller.ts";
import { configureApiServer, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

async function enrolDirectly(db: Database, staff: SessionUser, now: Date) {
  const actor = { actorType: "staff" as const, actorId: staff.id };
  const { secret } = await beginSecondFactorEnrolment(db, staff, actor, now);
  const { recoveryCodes } = await confirmSecondFactorEnrolment(
    db,
    staff,
    { code: await totpCodeAt(secret, now) },
    actor,
    now,
  );
  return { secret, recoveryCodes };
}

describe("two-factor sign-in", () => {
  beforeAll(() => testDatabase());

  it("[STAFF] enrols an authenticator: QR code and setup key, a code to confirm, recovery codes shown once", async () => {
    const clock = testClock("2026-06-10T09:00:10Z");
    configureApiServer({ now: clock.now });
    const { user, staff, db } = await renderAppAs("staff", "/account-security", { now: clock.now() });
    const section = within(await screen.findByRole("region", { name: "Two-factor sign-in" }));

    await user.click(await section.findByRole("button", { name: "Set up two-factor sign-in" }));
    const qr = await section.findByRole("img", { name: "QR code for your authenticator app" });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    const secret = (section.getByLabelText("Setup key") as HTMLInputElement).value.replaceAll(" ", "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const confirm = within(section.getByRole("form", { name: "Confirm two-factor sign-in" }));
    await user.type(confirm.getByLabelText("Code from your app"), "12345");
    await user.click(confirm.getByRole("button", { name: "Turn on two-factor sign-in" }));
    expect(confirm.getByLabelText("Code from your app")).toHaveAccessibleDescription(
      /Enter the 6-digit code your app shows/,
    );

    await user.clear(confirm.getByLabelText("Code from your app"));
    await user.type(confirm.getByLabelText("Code from your app"), await totpCodeAt(secret, clock.now()));
    await user.click(confirm.getByRole("button", { name: "Turn on two-factor sign-in" }));

    const codes = within(await section.findByRole("list", { name: "Recovery codes" }));
    expect(codes.getAllByRole("listitem")).toHaveLength(10);
    expect(section.queryByLabelText("Setup key")).not.toBeInTheDocument();
    await user.click(section.getByRole("button", { name: "I have saved my recovery codes" }));

    expect(await section.findByText(/10 recovery codes left/)).toBeInTheDocument();
    expect(section.queryByRole("list", { name: "Recovery codes" })).not.toBeInTheDocument();
    expect(await db.prisma.staffSecondFactor.findUniqueOrThrow({ where: { userId: staff!.id } })).toMatchObject({
      confirmedAt: clock.now(),
    });
  });

  it("[STAFF] turns it off with the password and a code", async () => {
    const clock = testClock("2026-06-11T09:00:10Z");
    configureApiServer({ now: clock.now });
    const db = await testDatabase();
    const staff = await createStaff(db, "staff");
    const { secret } = await enrolDirectly(db, staff, clock.now());
    clock.advance(60_000);
    const view = await renderAppAs("staff", "/account-security", { as: staff, now: clock.now() });
    const section = within(await screen.findByRole("region", { name: "Two-factor sign-in" }));
    await view.user.click(await section.findByText("Turn off two-factor sign-in", { selector: "summary" }));
    const form = within(section.getByRole("form", { name: "Turn off two-factor sign-in" }));
    await view.user.type(form.getByLabelText("Password"), "not the password");
    await view.user.type(
      form.getByLabelText("Code from your app or a recovery code"),
      await totpCodeAt(secret, clock.now()),
    );
    await view.user.click(form.getByRole("button", { name: "Turn off two-factor sign-in" }));
    await waitFor(() => expect(form.getByLabelText("Password")).toHaveAccessibleDescription("Password is incorrect."));

    await view.user.clear(form.getByLabelText("Password"));
    await view.user.type(form.getByLabelText("Password"), TEST_PASSWORD);
    await view.user.click(form.getByRole("button", { name: "Turn off two-factor sign-in" }));
    expect(await section.findByRole("button", { name: "Set up two-factor sign-in" })).toBeInTheDocument();
    expect(await db.prisma.staffSecondFactor.count({ where: { userId: staff.id } })).toBe(0);
  });

  it("[STAFF] signing in asks for the code after the password; a wrong one is refused beside the field", async () => {
    const clock = testClock("2026-06-12T09:00:10Z");
    configureApiServer({ now: clock.now });
    const db = await testDatabase();
    const staff = await createStaff(db, "staff", "Tess Totp");
    const { secret } = await enrolDirectly(db, staff, clock.now());
    clock.advance(60_000);
    const { user } = await renderAppAs(null, "/takedowns");

    await user.type(await screen.findByLabelText("Email"), staff.email);
    await user.type(screen.getByLabelText("Password"), TEST_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const step = within(await screen.findByRole("form", { name: "Two-factor sign-in" }));
    await user.type(step.getByLabelText("Authentication code"), "000000");
    await user.click(step.getByRole("button", { name: "Verify and sign in" }));
    await waitFor(() =>
      expect(step.getByLabelText("Authentication code")).toHaveAccessibleDescription(
        "That code is not right or was already used. Enter the next code from your app.",
      ),
    );

    await user.clear(step.getByLabelText("Authentication code"));
    await user.type(step.getByLabelText("Authentication code"), await totpCodeAt(secret, clock.now()));
    await user.click(step.getByRole("button", { name: "Verify and sign in" }));
    expect(await screen.findByRole("heading", { name: "Takedowns" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/takedowns");
    expect(within(screen.getByRole("banner")).getByText(/Tess Totp/)).toBeInTheDocument();
  });

  it("[ADMIN] whose role requires a second factor can only reach enrolment until they have one", async () => {
    const clock = testClock("2026-06-13T09:00:10Z");
    configureApiServer({
      now: clock.now,
      auth: { ...DEFAULT_AUTH_CONFIG, requireSecondFactorFor: ["staff", "admin"] },
    });
    const { user } = await renderAppAs("admin", "/team", { now: clock.now() });

    expect(await screen.findByRole("heading", { name: "Account security" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/account-security");
    expect(screen.getByRole("alert")).toHaveTextContent("Your role requires two-factor sign-in.");
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Change password" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Your sessions" })).not.toBeInTheDocument();

    const section = within(screen.getByRole("region", { name: "Two-factor sign-in" }));
    expect(await section.findByText(/Your role requires it/)).toBeInTheDocument();
    await user.click(section.getByRole("button", { name: "Set up two-factor sign-in" }));
    const secret = ((await section.findByLabelText("Setup key")) as HTMLInputElement).value.replaceAll(" ", "");
    await user.type(section.getByLabelText("Code from your app"), await totpCodeAt(secret, clock.now()));
    await user.click(section.getByRole("button", { name: "Turn on two-factor sign-in" }));
    await user.click(await section.findByRole("button", { name: "I have saved my recovery codes" }));

    expect(await screen.findByRole("navigation", { name: "Main" })).toBeInTheDocument();
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Team" }));
    expect(await screen.findByRole("table", { name: "Staff" })).toBeInTheDocument();
  });
});
