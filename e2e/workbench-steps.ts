// Steps in the SQL workbench shared by the specs that drive it (not under test themselves).
import { expect, type Page } from "@playwright/test";

/** Opens the workbench (or `path`, e.g. "/sql?query=…") and waits for the editor. */
export async function openWorkbench(page: Page, path = "/sql"): Promise<void> {
  await page.goto(path);
  // Monaco's chunks are several MB: a cold browser on a busy CI machine needs longer than 10 s.
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
}

/** Replaces the editor's text; the cursor ends after it (a completion list may be open). */
export async function replaceSql(page: Page, sql: string): Promise<void> {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(sql);
}

/** Replaces the editor's text and closes the completion list, if it opened. */
export async function typeSql(page: Page, sql: string): Promise<void> {
  await replaceSql(page, sql);
  await page.keyboard.press("Escape");
}
