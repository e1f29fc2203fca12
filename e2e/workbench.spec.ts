// The SQL workbench as a person uses it, on the embedded DuckDB lakehouse: run a query and see
// rows, cancel a long one, download the result, be refused as a viewer, see where a syntax
// error is. Every page must work offline: a request to any other host fails the test.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn } from "./helpers";
import { openWorkbench, typeSql } from "./workbench-steps";

const LONG_QUERY = "SELECT count(*) FROM range(100000) a, range(100000) b";

let external: string[] = [];
test.beforeEach(({ page }) => {
  external = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:", "about:"].includes(url.protocol) && !["127.0.0.1", "localhost"].includes(url.hostname)) external.push(request.url());
  });
});
test.afterEach(() => {
  expect(external, "requests that left the machine").toEqual([]);
});

const progress = (page: Page) => page.getByTestId("run-progress");
const results = (page: Page) => page.getByRole("table", { name: "Query results" });

test("types a query, runs it with Ctrl+Enter and sees the rows", async ({ page }) => {
  await openWorkbench(page);
  await expect(page.getByText("to run")).toBeVisible(); // the empty state before the first run
  await typeSql(page, "SELECT flight_date, flights FROM curated.daily_flight_delays ORDER BY flight_date LIMIT 5");
  await page.keyboard.press("ControlOrMeta+Enter");

  await expect(progress(page)).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("row-count")).toHaveText("5 rows");
  const grid = results(page);
  await expect(grid.getByRole("columnheader", { name: /flight_date/ })).toBeVisible();
  await expect(grid.getByRole("row")).toHaveCount(6); // header + 5
  await expect(grid.getByRole("row").nth(1)).toContainText("2001-01-01");
});

test("cancels a long query: the run stops and the history says cancelled", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, LONG_QUERY);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(progress(page)).toHaveAttribute("data-status", "running");

  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(progress(page)).toHaveAttribute("data-status", "cancelled");
  await expect(progress(page).getByRole("status")).toHaveText("Cancelled");
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();

  // The server records the end of the run as the engine stops; the history page shows it then.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/sql\/history$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: LONG_QUERY }).first()).toContainText("cancelled", { timeout: 1_000 });
  }).toPass();
});

test("downloads the whole result as CSV, streamed by the server", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, "SELECT origin, destination FROM staging.flights ORDER BY departed_at, origin, destination LIMIT 3");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(progress(page)).toHaveAttribute("data-status", "succeeded");

  const answer = page.waitForResponse((r) => r.url().endsWith("/api/sql/download"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV download" }).click()]);
  // The result was complete, so the server kept it and the download did not run the query again.
  expect((await answer).headers()["x-result-source"]).toBe("stored");
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const lines = readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("origin,destination");
  expect(lines).toHaveLength(4);
  await expect(page.getByText(/The download failed/)).toHaveCount(0);
});

test("a result cut at the row limit downloads whole, by running the query again", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, "SELECT range AS n FROM range(2500)");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("truncated-notice")).toBeVisible(); // the default limit is 1,000 rows

  const answer = page.waitForResponse((r) => r.url().endsWith("/api/sql/download"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV download" }).click()]);
  expect((await answer).headers()["x-result-source"]).toBe("engine");
  const lines = readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(lines).toHaveLength(2501);
  expect(lines.at(-1)).toBe("2499");
});

test("the last result comes back after a reload without running the query again", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, "SELECT flight_date, flights FROM curated.daily_flight_delays ORDER BY flight_date LIMIT 7");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("row-count")).toHaveText("7 rows");

  const executed: string[] = [];
  page.on("request", (r) => r.url().endsWith("/api/sql/execute") && executed.push(r.url()));
  await page.reload();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("reopened-note")).toContainText("Kept result of an earlier run, not run again");
  await expect(page.getByTestId("row-count")).toHaveText("7 rows");
  await expect(results(page).getByRole("row").nth(1)).toContainText("2001-01-01");
  expect(executed).toEqual([]);
});

test("saves a query, then updates that saved query from its tab", async ({ page }) => {
  const name = `Kept answer ${Date.now()}`;
  await openWorkbench(page);
  await typeSql(page, "SELECT 1 AS first_version");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Save query" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog.getByText(`Saved as “${name}”.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  await typeSql(page, "SELECT 2 AS second_version");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog.getByRole("radio", { name: new RegExp(`Update “${name}”`) })).toBeChecked();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText(`Updated “${name}”.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.goto("/sql/saved");
  const entries = page.getByRole("listitem").filter({ hasText: name });
  await expect(entries).toHaveCount(1); // updated, not saved twice
  await expect(entries).toContainText("second_version");
});

test("marks the line of a syntax error in the editor, until the text changes", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, "SELECT origin,\ncount(* AS n\nFROM staging.flights GROUP BY 1");
  await page.keyboard.press("ControlOrMeta+Enter");

  const banner = page.getByRole("alert").filter({ hasText: "The statement has an error" });
  await expect(banner).toContainText(/syntax error/i);
  await expect(banner.getByTestId("error-position")).toContainText("line 2");

  // The highlighted line is the one holding line 2's text.
  const decoration = page.locator(".monaco-editor .wb-error-line");
  await expect(decoration).toHaveCount(1);
  const line2 = page.locator(".monaco-editor .view-line").filter({ hasText: /count\(\*\s+AS\s+n/ });
  // Measured again until Monaco has settled: it re-renders lines as the marker arrives.
  await expect(async () => {
    const [decorationBox, lineBox] = [await decoration.boundingBox(), await line2.boundingBox()];
    expect(Math.abs(decorationBox!.y - lineBox!.y)).toBeLessThan(2);
  }).toPass({ timeout: 10_000 });

  await page.keyboard.press("End");
  await page.keyboard.type(" ");
  await expect(decoration).toHaveCount(0);
});

test("asks before a destructive statement and runs it once confirmed", async ({ page }) => {
  const table = `staging.e2e_drop_${Date.now().toString(36)}`;
  await openWorkbench(page);
  await typeSql(page, `CREATE TABLE ${table} AS SELECT 1 AS x`);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(progress(page)).toHaveAttribute("data-status", "succeeded");

  await typeSql(page, `DROP TABLE ${table}`);
  await page.keyboard.press("ControlOrMeta+Enter");
  const dialog = page.getByRole("dialog", { name: "Run this DROP TABLE statement?" });
  await expect(dialog).toContainText(`DROP TABLE ${table}`);
  await dialog.getByRole("button", { name: "Run DROP TABLE" }).click();
  await expect(progress(page)).toHaveAttribute("data-status", "succeeded");
});

test("tabs and their SQL come back after a reload; ?query= opens a new tab", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, "SELECT 'first tab' AS t");
  await page.getByRole("button", { name: "New tab" }).click();
  await typeSql(page, "SELECT 'second tab' AS t");
  await page.getByRole("button", { name: /^Rename tab/ }).click();
  await page.getByLabel("Tab name").fill("Second");
  await page.keyboard.press("Enter");

  await page.reload();
  const tabs = page.getByRole("tablist", { name: "Editor tabs" }).getByRole("tab");
  await expect(tabs).toHaveText(["Query 1", "Second"]);
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("SELECT 'second tab' AS t");
  await tabs.first().click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("SELECT 'first tab' AS t");

  await openWorkbench(page, `/sql?query=${encodeURIComponent("SELECT 42 AS answer")}`);
  await expect(page).toHaveURL(/\/sql$/);
  await expect(tabs).toHaveCount(3);
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("SELECT 42 AS answer");
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });

  test("DROP TABLE is refused with a clear message, and nothing asks for confirmation", async ({ page }) => {
    const viewer = await createUser({ label: "sqlviewer", name: "Sam Viewer", role: "viewer" });
    await page.goto("/signin");
    await signIn(page, viewer);
    await openWorkbench(page);
    await expect(page.getByText("Read-only: as a viewer")).toBeVisible();

    await typeSql(page, "DROP TABLE staging.flights");
    await page.keyboard.press("ControlOrMeta+Enter");
    const refusal = page.getByRole("alert").filter({ hasText: "Not allowed" });
    await expect(refusal).toContainText("Viewers may run read-only statements only");
    await expect(refusal).toContainText("DROP TABLE");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(progress(page)).toHaveAttribute("data-status", "refused");
  });
});

test("the schema browser lists the demo tables, inserts a table's name at the cursor and previews it", async ({ page }) => {
  await openWorkbench(page);
  await typeSql(page, "SELECT * FROM ");
  const toggle = page.getByRole("button", { name: "Schema browser", exact: true });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const tree = page.getByRole("complementary", { name: "Schema browser" }).getByRole("tree");
  const expand = async (name: string) => {
    const item = tree.getByRole("treeitem", { name, exact: true });
    if ((await item.getAttribute("aria-expanded")) !== "true") await item.click();
    await expect(item).toHaveAttribute("aria-expanded", "true");
  };
  await expand("lakehouse");
  await expand("curated");

  const table = tree.getByRole("treeitem", { name: "daily_flight_delays", exact: true });
  await table.getByText("daily_flight_delays").click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("SELECT * FROM daily_flight_delays");

  await table.hover();
  await table.getByRole("button", { name: "Preview daily_flight_delays" }).click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("SELECT * FROM lakehouse.curated.daily_flight_delays LIMIT 100");
  await expect(progress(page)).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("row-count")).toHaveText("100 rows");
});
