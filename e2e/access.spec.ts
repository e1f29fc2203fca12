import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn } from "./helpers";

test.describe("roles", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a viewer is refused the admin pages with a 403 page, not an error", async ({ page }) => {
    const viewer = await createUser({ label: "viewer", name: "Vera Viewer", role: "viewer" });
    await page.goto("/signin");
    await signIn(page, viewer);

    // Home says what the role allows, and the navigation offers no Admin section.
    await expect(page.getByRole("heading", { name: "Your role" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    for (const path of ["/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
      await expect(page.getByText("403 · Access denied")).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
    }

    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect(page.getByRole("heading", { name: "Welcome, Vera" })).toBeVisible();
  });
});

test("an admin finds the admin section from the navigation", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const adminNav = page.getByRole("navigation", { name: "Admin" });
  await expect(adminNav.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await adminNav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});
