import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { openAccountMenu, untilHydrated, expectNoSidewaysScroll } from "./helpers";

test("the theme choice is remembered and applied before the page is drawn", async ({ page }) => {
  // Records the theme class as soon as the document is parsed, before any React code runs.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as unknown as { themeAtParse: boolean }).themeAtParse = document.documentElement.classList.contains("dark");
    });
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");

  const account = await openAccountMenu(page, "Administrator");
  await expect(account.getByText("admin@e2e.test")).toBeVisible();
  await expect(account.getByText("Admin", { exact: true })).toBeVisible();
  await account.getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Welcome, Administrator" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { themeAtParse: boolean }).themeAtParse)).toBe(true);

  // "System" follows the operating system's setting.
  await openAccountMenu(page, "Administrator");
  await account.getByRole("radio", { name: "System" }).check();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

test("the account menu works from the keyboard and Escape closes it", async ({ page }) => {
  await page.goto("/");
  const menuButton = page.getByRole("button", { name: "Account menu for Administrator" });
  // A key press before React hydrates the header does nothing: press again until it opens.
  await expect(async () => {
    await menuButton.focus();
    await page.keyboard.press("Enter");
    await expect(menuButton).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Account" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Account" })).toBeHidden();
  await expect(menuButton).toBeFocused();
});

test.describe("on a 375px-wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  for (const path of ["/", "/admin/users", "/admin/audit", "/account/tokens", "/admin/tokens"]) {
    test(`${path} fits the screen and keeps its navigation`, async ({ page }) => {
      await page.goto(path);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
      // Sections that do not fit the row are behind "More" (the menu: e2e/phone-layouts.spec.ts).
      const more = nav.getByRole("button", { name: "More" });
      await untilHydrated(more);
      await more.click();
      await expect(nav.getByRole("link", { name: "Admin" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Account menu for Administrator" })).toBeVisible();
      // Wide tables scroll inside their own box; the page itself never scrolls sideways.
      await expectNoSidewaysScroll(page);
    });
  }
});

test("an unknown address shows a friendly 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Administrator" })).toBeVisible();
});
