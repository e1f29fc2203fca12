// The portal on a 390 × 844 phone: no page scrolls sideways, the lists that are tables on a
// desktop (SQL › History, Admin › Audit log) are cards whose actions sit on screen and work, and
// the main navigation keeps what does not fit behind a keyboard-usable "More" menu.
import { expect, type Locator, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { adminApi, untilHydrated, expectNoSidewaysScroll } from "./helpers";

const WIDTH = 390;
test.use({ viewport: { width: WIDTH, height: 844 } });

/** A long statement (its text alone is wider than the screen) and one that fails, in the history. */
const LONG_SQL = `SELECT flight_date, flights, ${Array.from({ length: 12 }, (_, i) => `flights * ${i + 2} AS flights_times_${i + 2}`).join(", ")} FROM curated.daily_flight_delays ORDER BY flight_date LIMIT 3`;
const FAILING_SQL = "SELECT no_such_column_for_phones FROM curated.daily_flight_delays";

test.beforeAll(async () => {
  const api = await adminApi();
  try {
    for (const sql of [LONG_SQL, FAILING_SQL]) {
      const response = await api.post("/api/sql/execute", { data: { engineId: "duckdb", sql } });
      expect(response.ok()).toBe(true);
      await response.body(); // read the whole stream: the run is recorded when it ends
    }
  } finally {
    await api.dispose();
  }
});

/** Visible and entirely on screen (not merely in the DOM, or beyond the right edge). */
async function expectOnScreen(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
}

test("SQL › History: runs are cards whose actions are on screen and open the statement in the editor", async ({ page }) => {
  await page.goto("/sql/history");
  const runs = page.getByRole("table", { name: "Past runs" });
  const longRun = runs.getByRole("row").filter({ hasText: "flights_times_2" }).first();
  await expect(longRun).toBeVisible();
  await expect(runs.getByRole("columnheader")).toHaveCount(0); // a card has no header row on phones
  await expect(longRun.getByText("Rows 3")).toBeVisible();
  const failed = runs.getByRole("row").filter({ hasText: "no_such_column_for_phones" }).first();
  await expect(failed.getByText(/no_such_column_for_phones/).last()).toBeVisible(); // the error message
  await expectNoSidewaysScroll(page);

  const open = longRun.getByRole("button", { name: /^Open in editor:/ });
  await expectOnScreen(open);
  await untilHydrated(open);
  await open.click();
  await expect(page).toHaveURL(/\/sql$/);
  await expect(page.getByRole("tab", { name: /From history/ })).toBeVisible({ timeout: 30_000 });
});

test("Admin › Audit log: events are cards with every field, the export and filters on screen", async ({ page }) => {
  await page.goto("/admin/audit");
  const events = page.getByRole("table", { name: "Audit events" });
  const first = events.getByRole("row").first();
  await expect(first).toBeVisible();
  await expect(events.getByRole("columnheader")).toHaveCount(0);
  await expect(first.getByText(/^By /).first()).toBeVisible();
  await expect(first.getByText(/^IP /).first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page.getByRole("link", { name: "Export CSV" }));
  await expectOnScreen(first);
});

test("the main navigation keeps what does not fit behind More, usable from the keyboard", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expectOnScreen(nav.getByRole("link", { name: "Home" }));
  const more = nav.getByRole("button", { name: "More" });
  await expectOnScreen(more);
  await expect(nav.getByRole("link", { name: "Admin" })).toBeHidden(); // behind More
  await expectNoSidewaysScroll(page);

  // Every item is either in the row or behind More, exactly once, all on screen when shown.
  await untilHydrated(more);
  await more.focus();
  await page.keyboard.press("ArrowDown");
  await expect(more).toHaveAttribute("aria-expanded", "true");
  const panel = nav.getByRole("list", { name: "More sections" });
  const inPanel = panel.getByRole("link");
  await expect(inPanel.first()).toBeFocused();
  const rowLabels = await nav.getByRole("link").evaluateAll((links) => links.filter((l) => !l.closest("[aria-label='More sections']")).map((l) => l.textContent?.trim()));
  const panelLabels = await inPanel.allTextContents();
  expect([...rowLabels, ...panelLabels.map((l) => l.trim())].sort()).toEqual(["Admin", "Buckets", "Catalog", "Home", "Lineage", "Pipelines", "SQL"]);
  for (const link of await inPanel.all()) await expectOnScreen(link);
  await expectNoSidewaysScroll(page);

  // Arrow keys move through the list; Escape closes it and gives focus back to More.
  await page.keyboard.press("End");
  await expect(inPanel.last()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(inPanel.first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(more).toBeFocused();

  // Following a link from the menu goes there and closes it; More then marks the current section.
  await page.keyboard.press("ArrowUp");
  await expect(inPanel.last()).toBeFocused();
  await nav.getByRole("link", { name: "Admin" }).press("Enter");
  // /admin goes on to /admin/users; a route change closes the menu, so wait for the last one.
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(panel).toBeHidden();
  await more.click();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveAttribute("aria-current", "page");
});

for (const { path, action } of [
  { path: "/account/tokens", action: (page: Page) => page.getByRole("button", { name: "New token" }).first() },
  { path: "/admin/users", action: (page: Page) => page.getByRole("button", { name: /^Reset password of admin@/ }) },
  { path: "/admin/tokens", action: (page: Page) => page.getByPlaceholder("Filter by owner's e-mail") },
  { path: "/pipelines/runs", action: (page: Page) => page.getByRole("search", { name: "Filter runs" }).getByLabel("Job") },
]) {
  test(`${path} does not scroll sideways and its actions are on screen`, async ({ page }) => {
    await page.goto(path);
    await expectOnScreen(action(page));
    await expectNoSidewaysScroll(page);
  });
}
