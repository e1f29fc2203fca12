// Steps in the catalog shared by the specs that need the demo lakehouse crawled.
import { expect, type Page } from "@playwright/test";

/** Makes sure the embedded engine has been crawled: starts a crawl if it never was, waits for its end. */
export async function ensureCrawled(page: Page): Promise<void> {
  await page.goto("/catalog");
  const engine = page.getByRole("listitem").filter({ hasText: "Embedded DuckDB lakehouse" });
  const status = engine.getByText(/^Crawled .*: \d+ tables$|Never crawled\.|Crawling…/);
  await expect(status).toBeVisible();
  if ((await status.textContent())?.includes("Never crawled")) await engine.getByRole("button", { name: "Crawl now" }).click();
  // A crawl the schedule started meanwhile is fine too: either way, wait for its end.
  await expect(engine.getByText(/^Crawled .*: \d+ tables$/)).toBeVisible({ timeout: 120_000 });
}
