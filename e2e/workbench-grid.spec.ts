// The result grid and the chart as people work with them, in Chromium on the embedded DuckDB:
// sort, filter, format, pin, hide, copy as TSV with the keyboard and the context menu, the row
// view; charts computed over every row (in the browser, or by the engine when the result was cut
// at the row limit), text refused for a sum, and a PNG saved.
import { readFileSync } from "node:fs";
import { expect, type Page, type Response } from "@playwright/test";
import { test } from "./fixtures";
import { openWorkbench } from "./workbench-steps";

const DATA = `SELECT * FROM (VALUES
  (1, 'SEA', 1234567.5, DATE '2001-01-03', '{"a":1,"b":[1,2]}'),
  (2, 'sfo', NULL, DATE '2001-01-01', 'plain'),
  (3, 'LAX', 99.25, DATE '2001-01-02', 'x'),
  (4, 'JFK', 5000, NULL, 'y')) AS t(id, code, amount, day, payload) ORDER BY id`;

async function run(page: Page, sql: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(sql);
  await page.keyboard.press("Escape");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded");
}

const grid = (page: Page) => page.getByRole("table", { name: "Query results" });
const bodyRows = (page: Page) =>
  grid(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
const columnMenu = async (page: Page, column: string) => {
  await grid(page)
    .getByRole("button", { name: `Column menu for ${column}` })
    .click();
  return page.getByRole("dialog", { name: `Column ${column}` });
};
/** One procedure's answer out of a (batched) tRPC response. */
async function trpcAnswer<T>(response: Response, procedure: string): Promise<T> {
  const procedures = decodeURIComponent(new URL(response.url()).pathname.replace("/api/trpc/", "")).split(",");
  const body = (await response.json()) as { result: { data: { json: T } } } | { result: { data: { json: T } } }[];
  return (Array.isArray(body) ? body[procedures.indexOf(procedure)]! : body).result.data.json;
}
/** One of the chart's selects, by its label. */
const choose = (page: Page, label: string) => page.getByRole("combobox", { name: label, exact: true });
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("sorts and filters the loaded rows, formats, pins and hides columns, and shows a whole row", async ({ page }) => {
  await openWorkbench(page);
  await run(page, DATA);
  await expect(bodyRows(page)).toHaveCount(4);

  // Numbers by value, NULL last in both directions.
  await grid(page).getByRole("button", { name: "amount: sort ascending" }).click();
  await expect(bodyRows(page).first()).toContainText("LAX");
  await expect(bodyRows(page).last()).toContainText("sfo");
  await grid(page).getByRole("button", { name: "amount: sort descending" }).click();
  await expect(bodyRows(page).first()).toContainText("SEA");
  await expect(bodyRows(page).last()).toContainText("sfo");
  await expect(grid(page).getByRole("columnheader", { name: /amount/ })).toHaveAttribute("aria-sort", "descending");

  // A column filter, then the quick filter over every column.
  const code = await columnMenu(page, "code");
  await code.getByLabel("code contains").fill("s");
  await code.getByRole("button", { name: "Apply filter" }).click();
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByTestId("grid-view-status")).toContainText("2 of 4 loaded rows");
  await page.getByRole("button", { name: "Clear sort and filters" }).click();
  await expect(bodyRows(page)).toHaveCount(4);
  await page.getByLabel("Filter loaded rows").fill("2001-01-0");
  await expect(bodyRows(page)).toHaveCount(3);
  await page.getByLabel("Filter loaded rows").fill("");
  await expect(bodyRows(page)).toHaveCount(4);

  // Thousands separators for one column; the value itself is unchanged (copying uses it).
  const amount = await columnMenu(page, "amount");
  await amount.getByLabel("Thousands separators").check();
  await page.keyboard.press("Escape");
  await expect(bodyRows(page).first()).toContainText("1,234,567.5");

  // Pin payload to the left; hide code and show it again.
  await (await columnMenu(page, "payload")).getByRole("menuitem", { name: "Pin to the left" }).click();
  await expect(grid(page).getByRole("columnheader").nth(1)).toContainText("payload");
  await (await columnMenu(page, "code")).getByRole("menuitem", { name: "Hide column" }).click();
  await expect(grid(page).getByRole("columnheader", { name: /code/ })).toHaveCount(0);
  await page.getByRole("button", { name: "1 hidden" }).click();
  await page.getByRole("menuitem", { name: "Show code" }).click();
  await expect(grid(page).getByRole("columnheader", { name: /code/ })).toHaveCount(1);

  // The row view: every field, JSON pretty-printed.
  await bodyRows(page).first().getByRole("rowheader").click();
  const detail = page.getByRole("dialog", { name: "Row 1" });
  await expect(detail.getByTestId("row-detail")).toContainText('"b": [');
  await detail.getByRole("button", { name: "Next row" }).click();
  await expect(page.getByRole("dialog", { name: "Row 2" })).toContainText("plain");
});

test("selects cells with the keyboard and copies them as TSV; the context menu copies a row or a column", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openWorkbench(page);
  await run(page, DATA);

  await bodyRows(page).first().getByRole("cell").first().click();
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("ControlOrMeta+C");
  await expect.poll(() => clipboard(page)).toBe("1\tSEA\n2\tsfo");
  await expect(page.getByTestId("grid-toolbar")).toContainText("Copied 4 cells as TSV.");

  // Arrows move the active cell; the context menu acts on it.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await bodyRows(page).nth(2).getByRole("cell").nth(1).click({ button: "right" });
  await page.getByRole("menuitem", { name: "Copy row" }).click();
  await expect.poll(() => clipboard(page)).toBe("3\tLAX\t99.25\t2001-01-02\tx");
  await bodyRows(page).nth(1).getByRole("cell").nth(4).click({ button: "right" });
  await page.getByRole("menuitem", { name: "Copy column" }).click();
  // The JSON text has quotes, so it is quoted for spreadsheets.
  await expect.poll(() => clipboard(page)).toBe('"{""a"":1,""b"":[1,2]}"\nplain\nx\ny');
});

test("a result cut at the row limit: the grid says it sorts only the loaded rows; the chart is computed by the engine over all of them", async ({ page }) => {
  await openWorkbench(page);
  await run(page, "SELECT range % 4 AS k, range AS v FROM range(2500)"); // default limit: 1,000 rows
  await expect(page.getByTestId("truncated-notice")).toBeVisible();
  await grid(page).getByRole("button", { name: "v: sort ascending" }).click();
  await grid(page).getByRole("button", { name: "v: sort descending" }).click();
  await expect(bodyRows(page).first()).toContainText("999");
  await expect(page.getByTestId("grid-loaded-only")).toHaveText("Sorts and filters only the 1,000 loaded rows, not the whole result.");

  const answer = page.waitForResponse((r) => r.url().includes("sql.aggregate"));
  await page.getByRole("tab", { name: "Chart" }).click();
  const { source, groups } = await trpcAnswer<{ source: string; groups: { key: number; value: number }[] }>(await answer, "sql.aggregate");
  expect(source).toBe("engine");
  // sum of v for k = 0 over all 2,500 rows: 0 + 4 + … + 2496 = 780,000 (the loaded 1,000 would give 124,500)
  expect(groups.find((g) => g.key === 0)?.value).toBe(780_000);
  await expect(page.getByTestId("chart-status")).toContainText("Computed by the engine over the whole result (the grid holds only the first 1,000 rows)");
  await expect(page.getByTestId("chart-drawing").locator(".recharts-bar-rectangle")).toHaveCount(4);
});

test("charts group every loaded row, refuse to sum text, draw a histogram and save a PNG", async ({ page }) => {
  await openWorkbench(page);
  await run(page, "SELECT CASE WHEN range % 3 = 0 THEN 'a' ELSE 'b' END AS grp, range AS v, 'note ' || range AS note FROM range(300)");
  await page.getByRole("tab", { name: "Chart" }).click();
  await expect(page.getByTestId("chart-status")).toHaveText("Computed over all 300 rows of the result. 2 groups.");
  const drawing = page.getByTestId("chart-drawing");
  await expect(drawing.locator(".recharts-bar-rectangle")).toHaveCount(2);

  await choose(page, "Of").selectOption({ label: "note" });
  await expect(drawing.getByRole("alert")).toHaveText("A sum needs numbers, and note is VARCHAR. Choose a numeric column, or count the rows of each group.");
  await choose(page, "Function").selectOption("count");
  await expect(drawing.locator(".recharts-bar-rectangle")).toHaveCount(2);

  for (const kind of ["Line", "Area", "Scatter", "Pie"]) {
    await choose(page, "Chart").selectOption({ label: kind });
    await expect(drawing.locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(drawing.locator(".recharts-pie-sector")).toHaveCount(2);

  await choose(page, "Chart").selectOption({ label: "Histogram" });
  await choose(page, "Column").selectOption({ label: "v" });
  await choose(page, "Bins").selectOption("10");
  await expect(drawing.locator(".recharts-bar-rectangle")).toHaveCount(10);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as PNG" }).click()]);
  expect(download.suggestedFilename()).toBe("Histogram_of_v.png");
  const png = readFileSync((await download.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width: drawn at twice the size on screen
});
