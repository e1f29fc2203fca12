// Column profiles on a dataset page, in Chromium: Profile computes them through the embedded
// DuckDB, each column shows its null share and histogram, details open with the figures, Refresh
// recomputes, and another user (a viewer) sees the same profile after a reload. Signed in as the
// admin (global set-up).
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, signIn, SIGNED_OUT } from "./helpers";
import { ensureCrawled } from "./catalog-steps";

test.describe.configure({ mode: "serial" });

const AIRPORTS = "/catalog/duckdb/lakehouse/staging/airports";

const computed = (page: Page) => page.waitForResponse((r) => r.url().includes("catalog.profileCompute") && r.request().method() === "POST");

test("Profile computes the columns' figures; details show them; Refresh recomputes", async ({ page }) => {
  await ensureCrawled(page);
  await page.goto(AIRPORTS);
  const columns = page.getByRole("region", { name: /Columns/ });
  const status = columns.getByTestId("profile-status");
  const profileButton = status.getByRole("button", { name: "Profile columns" });
  const refresh = status.getByRole("button", { name: "Refresh" });
  // A profile may be left from an earlier run of this spec: either way, end with a fresh one.
  await expect(profileButton.or(refresh)).toBeVisible({ timeout: 30_000 });
  const first = computed(page);
  await ((await profileButton.isVisible()) ? profileButton : refresh).click();
  expect((await first).status()).toBe(200);
  await expect(status.getByRole("status")).toHaveText(/^Profiled just now by .+ on all [\d,]+ rows$/);

  // Each column: null share and a histogram or its most frequent values.
  const iata = columns.getByRole("button", { name: /^Profile of iata: 0% null\. Show details$/ });
  await expect(iata).toBeVisible();
  await expect(columns.getByRole("img", { name: "Most frequent values of iata" })).toBeVisible();
  await expect(columns.getByRole("img", { name: "Histogram of latitude" })).toBeVisible();

  await columns.getByRole("button", { name: /^Profile of latitude: .* null\. Show details$/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Distinct (approximate)")).toBeVisible();
  await expect(dialog.getByText(/^≈ [\d,]+$/)).toBeVisible();
  await expect(dialog.getByText(/^Histogram \(\d+ equal-width bins\)$/)).toBeVisible();
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toBeHidden();

  // Refresh runs it again.
  const again = computed(page);
  await refresh.click();
  expect((await again).status()).toBe(200);
  await expect(status.getByRole("status")).toHaveText(/^Profiled just now by /);
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a viewer sees the stored profile on the page, with its age and who ran it", async ({ page }) => {
    const viewer = await createUser({ label: "profiles-viewer", role: "viewer" });
    await signIn(page, viewer);
    await page.goto(AIRPORTS);
    const columns = page.getByRole("region", { name: /Columns/ });
    await expect(columns.getByTestId("profile-status").getByRole("status")).toHaveText(/^Profiled (just now|\d+ minutes? ago) by admin@.+ on all [\d,]+ rows$/, {
      timeout: 30_000,
    });
    await expect(columns.getByRole("button", { name: /^Profile of iata: 0% null\. Show details$/ })).toBeVisible();
  });
});
