// The workbench editor's helpers, in Chromium on the embedded DuckDB lakehouse: completion that
// knows the clause, Ctrl/⌘+K from inside the editor, the shortcut sheet, query parameters, the
// plan as a tree, and the schema browser's filter reaching tables not yet expanded.
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { openWorkbench, replaceSql } from "./workbench-steps";

const suggestions = (page: Page) => page.locator(".monaco-editor .suggest-widget.visible .monaco-list-row");

test("completion offers tables after FROM and an alias's columns after `f.`", async ({ page }) => {
  await openWorkbench(page);
  await replaceSql(page, "SELECT * FROM ");
  await page.keyboard.press("Control+Space");
  await expect(suggestions(page).filter({ hasText: "daily_flight_delays" })).toHaveCount(1);
  // No columns where a table is expected (flight_date is a column of daily_flight_delays).
  await expect(suggestions(page).filter({ hasText: "flight_date" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  await replaceSql(page, "SELECT * FROM staging.flights f WHERE f.");
  await page.keyboard.press("Control+Space");
  await expect(suggestions(page).filter({ hasText: "delay_minutes" })).toHaveCount(1);
  // Only the columns of staging.flights: no tables, no keywords.
  await expect(suggestions(page).filter({ hasText: "daily_flight_delays" })).toHaveCount(0);
  await expect(suggestions(page).filter({ hasText: "SELECT" })).toHaveCount(0);
  // Monaco matches fuzzily (distance_miles also holds d…e…l); the best match comes first.
  await page.keyboard.type("del");
  await expect(suggestions(page).first()).toContainText("delay_minutes");
  await page.keyboard.press("Enter");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("f.delay_minutes");
});

test("Ctrl/⌘+K in the editor opens the search palette and leaves no chord waiting", async ({ page }) => {
  await openWorkbench(page);
  await replaceSql(page, "SELECT 1");
  await page.keyboard.press("ControlOrMeta+K");
  const palette = page.getByRole("dialog", { name: "Search datasets" });
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  // Back in the editor, the next key types (a pending Ctrl+K chord would have swallowed it).
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("End");
  await page.keyboard.type("2");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("SELECT 12");
});

test("the shortcut sheet opens with ? and the toolbar button, is modal, and Esc closes it", async ({ page }) => {
  await openWorkbench(page);
  const explainButton = page.getByRole("button", { name: "Explain" });
  await explainButton.focus();
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("Search datasets");
  // The platform's modifier: Ctrl on Linux.
  await expect(
    sheet
      .locator("kbd kbd")
      .filter({ hasText: /^Ctrl$/ })
      .first(),
  ).toBeVisible();
  expect(await sheet.evaluate((d) => d.matches(":modal"))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  await button.click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("query parameters: an empty one blocks the run by name; values go in as literals and stay with the tab", async ({ page }) => {
  await openWorkbench(page);
  await replaceSql(page, "SELECT {{word}} AS word, {{n}} + 1 AS next");
  const parameters = page.getByRole("group", { name: "Query parameters" });
  await expect(parameters.getByLabel("{{word}}", { exact: true })).toBeVisible();
  await expect(parameters.getByLabel("{{n}}", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByText("The parameter {{word}} is empty")).toBeVisible();
  await expect(parameters.getByLabel("{{word}}", { exact: true })).toBeFocused();

  await parameters.getByLabel("{{word}}", { exact: true }).fill("it's");
  await parameters.getByLabel("Type of {{n}}").selectOption("number");
  await parameters.getByLabel("{{n}}", { exact: true }).fill("1; DROP TABLE x");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByText("The parameter {{n}} must be a number")).toBeVisible();

  await parameters.getByLabel("{{n}}", { exact: true }).fill("41");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded");
  const row = page.getByRole("table", { name: "Query results" }).getByRole("row").nth(1);
  await expect(row).toContainText("it's");
  await expect(row).toContainText("42");

  await page.reload();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("group", { name: "Query parameters" }).getByLabel("{{word}}", { exact: true })).toHaveValue("it's");
});

test("Explain draws DuckDB's plan as a tree whose operators fold", async ({ page }) => {
  await openWorkbench(page);
  await replaceSql(page, "SELECT origin, count(*) AS n FROM staging.flights WHERE delay_minutes > 15 GROUP BY origin");
  await page.getByRole("button", { name: "Explain" }).click();
  const panel = page.getByRole("region", { name: "Query plan" });
  await expect(panel.getByTestId("plan-tree")).toBeVisible();
  const groupBy = panel.locator("details[data-operator$='GROUP_BY']").first();
  await expect(groupBy).toHaveAttribute("open", "");
  // The scan under it names the table.
  await expect(groupBy).toContainText("staging.flights");
  await groupBy.locator(":scope > summary").click();
  await expect(groupBy).not.toHaveAttribute("open", "");
  // Nothing ran: no result yet.
  await expect(page.getByTestId("run-progress")).toHaveCount(0);
});

test("the schema browser's filter finds a column in a schema nobody expanded", async ({ page }) => {
  await openWorkbench(page);
  const browser = page.getByRole("complementary", { name: "Schema browser" });
  if (!(await browser.isVisible())) await page.getByRole("button", { name: "Schema browser" }).click();
  const tree = browser.getByRole("tree");
  await expect(tree.getByRole("treeitem", { name: "staging", exact: true })).toHaveAttribute("aria-expanded", "false");
  await browser.getByRole("textbox").fill("delay_minutes");
  await expect(browser.getByText(/found in the catalog/)).toBeVisible();
  await expect(tree.getByRole("treeitem", { name: /delay_minutes/ }).first()).toBeVisible();
  await expect(tree.getByRole("treeitem", { name: "staging", exact: true })).toHaveAttribute("aria-expanded", "true");
});
