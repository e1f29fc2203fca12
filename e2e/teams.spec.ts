// Admin › Teams, end to end: an admin creates a team, adds a member, makes the team the owner of
// a demo dataset, and the dataset page shows the team by name with its member. A viewer gets the
// admin page's refusal.
import { expect, test } from "@playwright/test";
import { createUser, signIn, SIGNED_OUT, untilHydrated } from "./helpers";

test("an admin creates a team, adds a member and makes it the owner of a dataset", async ({ page }) => {
  const member = await createUser({ label: "team-member", name: "Tina Member" });
  const suffix = Math.random().toString(36).slice(2, 8);
  const name = `Weather Team ${suffix}`;
  const slug = `weather-team-${suffix}`;

  await page.goto("/admin/teams");
  await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  // The header's button (an empty list offers a second one).
  const newTeam = page.getByRole("button", { name: "New team" }).first();
  await untilHydrated(newTeam);
  await newTeam.click();
  const dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Description").fill("Looks after the weather data");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(page.getByText(`team:${slug}`)).toBeVisible();

  await page.getByLabel("Add members by e-mail").fill(member.email);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const members = page.getByRole("list", { name: `Members of ${name}` });
  await expect(members.getByRole("listitem")).toHaveCount(1);
  await expect(members).toContainText(member.email);
  await expect(members).toContainText("added by hand");

  // An unknown e-mail is refused with a message, and nothing changes.
  await page.getByLabel("Add members by e-mail").fill("nobody-here@e2e.test");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("unknown user: nobody-here@e2e.test")).toBeVisible();
  await expect(members.getByRole("listitem")).toHaveCount(1);

  // The team becomes an owner of a demo dataset.
  await page.goto("/catalog/duckdb/lakehouse/staging/seattle_weather");
  await expect(page.getByRole("heading", { level: 1, name: "seattle_weather" })).toBeVisible();
  await untilHydrated(page.getByRole("button", { name: "Edit owners" }));
  await page.getByRole("button", { name: "Edit owners" }).click();
  await page.getByRole("combobox", { name: "Add to owners" }).fill(`team:${slug}`);
  await page.getByRole("combobox", { name: "Add to owners" }).press("Enter");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("button", { name: "Edit owners" })).toBeVisible();
  const owners = page.getByRole("listitem").filter({ hasText: name });
  await expect(owners).toContainText("team");
  await expect(owners).toContainText(member.email);

  // Seen again after a reload (stored, not just the page's state), and the team counts it.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText(member.email);
  await page.goto("/admin/teams");
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByText("owns 1 dataset")).toBeVisible();
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });
  test("a viewer is refused Admin › Teams", async ({ page }) => {
    const viewer = await createUser({ label: "teams-viewer", role: "viewer" });
    await signIn(page, viewer);
    await page.goto("/admin/teams");
    await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
  });
});
