// The organisation's media wellness defaults: admins set them on the settings page; reviewers get them under
// their own preferences; nobody else sees the form.
import { beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { renderAppAs } from "./support/render-app.tsx";

const DEFAULTS_KEY = "media.defaults";

beforeAll(async () => {
  await testDatabase();
}, 60_000);

async function defaultsForm() {
  return within(await screen.findByRole("form", { name: "Media defaults for everyone" }));
}

describe("media defaults for everyone", () => {
  it("[ADMIN] sees the built-in defaults, turns blur off for everyone, and the saved defaults reach reviewers", async () => {
    const db = await testDatabase();
    await db.prisma.orgSetting.deleteMany({ where: { key: DEFAULTS_KEY } });
    const { user } = await renderAppAs("admin", "/settings");
    const form = await defaultsForm();
    const blur = await form.findByRole("checkbox", { name: "Blur media" });
    expect(blur).toBeChecked();
    expect(form.getByRole("checkbox", { name: "Grayscale media" })).toBeChecked();
    expect(form.getByRole("checkbox", { name: "Mute media" })).toBeChecked();

    await user.click(blur);
    await user.click(form.getByRole("button", { name: "Save" }));
    expect(await form.findByRole("status")).toHaveTextContent("Saved.");
    const row = await db.prisma.orgSetting.findUniqueOrThrow({ where: { key: DEFAULTS_KEY } });
    expect(row.value).toEqual({ blurMedia: false, grayscaleMedia: true, muteMedia: true });
    expect(form.getByRole("checkbox", { name: "Blur media" })).not.toBeChecked();
    // The admin's own preferences (nothing chosen) now follow the new default.
    const own = within(screen.getByRole("region", { name: "Your media preferences" }));
    await waitFor(() => expect(own.getByRole("checkbox", { name: "Blur media until I reveal it" })).not.toBeChecked());

    await db.prisma.orgSetting.deleteMany({ where: { key: DEFAULTS_KEY } });
  });

  it("[ADMIN] a refused save says why and keeps the choice", async () => {
    mockApi.use(
      http.all("*/trpc/settings.setOrgMediaDefaults*", () =>
        HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "settings.setOrgMediaDefaults" },
              },
            },
          ],
          { status: 500 },
        ),
      ),
    );
    const { user } = await renderAppAs("admin", "/settings");
    const form = await defaultsForm();
    const mute = await form.findByRole("checkbox", { name: "Mute media" });
    await user.click(mute);
    await user.click(form.getByRole("button", { name: "Save" }));
    expect(await form.findByRole("alert")).toHaveTextContent("The database is not answering.");
    expect(mute).not.toBeChecked();
    expect(form.queryByRole("status")).not.toBeInTheDocument();
  });

  it("[MODERATOR] does not see the form, neither on the settings page nor among their own preferences", async () => {
    const first = await renderAppAs("moderator", "/settings");
    expect(await screen.findByText(/You need the admin role to use Settings/)).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Media defaults for everyone" })).not.toBeInTheDocument();
    first.unmount();

    await renderAppAs("moderator", "/preferences");
    expect(await screen.findByRole("checkbox", { name: "Blur media until I reveal it" })).toBeInTheDocument();
    expect(screen.queryByText("Media defaults for everyone")).not.toBeInTheDocument();
  });
});
