// The dataset catalog as people use it: the engine gets crawled, a search (typo included) leads
// to a dataset page, an editor describes the dataset, and search finds the new words. Signed in
// as the admin (global set-up); the embedded DuckDB lakehouse is the engine.
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, signIn, SIGNED_OUT } from "./helpers";
import { ensureCrawled } from "./catalog-steps";

test.describe.configure({ mode: "serial" });

test("search forgives a typo, explains the hit, and leads to the dataset page", async ({ page }) => {
  await ensureCrawled(page);
  await page.getByRole("searchbox", { name: "Search datasets" }).fill("flihgts");
  await expect(page).toHaveURL(/\/catalog\?q=flihgts$/);
  await expect(page.getByText(/Also searched for flights/)).toBeVisible();

  const results = page.getByRole("region", { name: "Search results" });
  const staging = results.getByRole("listitem").filter({ hasText: "lakehouse.staging.flights" });
  await expect(staging.getByText("Name (typo corrected)")).toBeVisible();
  // Facets count what matched.
  await expect(page.getByRole("button", { name: /staging\s*1$/ })).toBeVisible();
  // Two facets picked in quick succession both stick (the second once built on the old URL).
  await page.getByRole("button", { name: /staging\s*1$/ }).click();
  await page.getByRole("button", { name: /^Table\s*1$/ }).click();
  await expect(page).toHaveURL(/[?&]schema=staging(&|$)/);
  await expect(page).toHaveURL(/[?&]kind=[^&]+/);
  await expect(page.getByRole("button", { name: /staging\s*1$/ })).toHaveAttribute("aria-pressed", "true");

  await staging.getByRole("link", { name: "flights" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "flights" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("staging");
  const columns = page.getByRole("region", { name: /Columns/ });
  await expect(columns.getByRole("rowheader", { name: "delay_minutes" })).toBeVisible();
  await expect(columns.getByText("Arrival delay in minutes; negative values mean an early arrival.")).toBeVisible();

  // Sample rows come through the engine.
  await expect(page.getByRole("tabpanel").getByRole("columnheader", { name: "departed_at" })).toBeVisible();
  await expect(page.getByRole("tabpanel").getByRole("row")).toHaveCount(51);

  // "Open in SQL workbench" carries the statement.
  const open = page.getByRole("link", { name: "Open in SQL workbench" });
  expect(decodeURIComponent((await open.getAttribute("href"))!.replace("/sql?query=", ""))).toBe("SELECT * FROM lakehouse.staging.flights LIMIT 100");
});

test("an editor describes a dataset; the edit is audited, rendered safely, and found by search at once", async ({ page }) => {
  const word = `zeppelin${Date.now().toString(36)}`;
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await ensureCrawled(page);
  await page.goto("/catalog/duckdb/lakehouse/curated/route_performance");
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page
    .getByLabel("Description (Markdown)")
    .fill(`Routes for the **${word}** dashboard. <script>alert("x")</script> [click me](javascript:alert(1)) [docs](https://example.com/docs)`);
  await page.getByRole("button", { name: "Save description" }).click();

  await expect(page.getByText(`Routes for the ${word} dashboard.`, { exact: false })).toBeVisible();
  // Script stays text; a javascript: link is no link at all; an https link is.
  await expect(page.getByText('<script>alert("x")</script>', { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "docs" })).toHaveAttribute("href", "https://example.com/docs");
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(dialogs).toBe(0);

  await page.getByRole("tab", { name: "Activity" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("admin@e2e.test edited the description");

  await page.goto(`/catalog?q=${word}`);
  const hit = page.getByRole("region", { name: "Search results" }).getByRole("listitem").filter({ hasText: "lakehouse.curated.route_performance" });
  await expect(hit).toBeVisible();
  await expect(hit.getByText("Description", { exact: true })).toBeVisible();
  await expect(hit.locator("mark")).toHaveText(word);
});

test("the header search (Ctrl+K) shows hits while typing and opens one with Enter", async ({ page }) => {
  await ensureCrawled(page);
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search datasets" });
  // The shortcut works once the page is hydrated; a press before that is lost, so press again.
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(box).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await box.fill("daily_flight");
  const option = page.getByRole("option", { name: /daily_flight_delays/ });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/catalog\/duckdb\/lakehouse\/curated\/daily_flight_delays$/);
  await expect(page.getByRole("heading", { level: 1, name: "daily_flight_delays" })).toBeVisible();
});

test("absurd searches answer at once with a clear message", async ({ page }) => {
  await page.goto(`/catalog?q=${"x".repeat(10_000)}`);
  await expect(page.getByText("That search is 10,000 characters long; search for at most 200.")).toBeVisible();
  await page.goto(`/catalog?q=${encodeURIComponent("!!! ??? ...")}`);
  await expect(page.getByText(/Type letters or digits to search/)).toBeVisible();
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a viewer can read the catalog but sees no edit or crawl controls", async ({ page }) => {
    const viewer = await createUser({ label: "catalog-viewer", role: "viewer" });
    await signIn(page, viewer);
    await page.goto("/catalog");
    await expect(page.getByRole("heading", { name: "Data catalog" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Crawl now" })).toHaveCount(0);
    await page.goto("/catalog/duckdb/lakehouse/staging/airports");
    await expect(page.getByRole("heading", { level: 1, name: "airports" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Edit (owners|tags)/ })).toHaveCount(0);
  });
});
