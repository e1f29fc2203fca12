// The workbench's Parquet download, as a person uses it: run a query, press Parquet, get a file
// another tool reads with its types (read back here with hyparquet), from the kept result; and
// another user cannot download that run by its id.
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { BASE_URL } from "./env";
import { createUser, SIGNED_OUT, signIn } from "./helpers";

const SQL =
  "SELECT origin, count(*) AS flights, avg(delay_minutes)::DECIMAL(10, 2) AS mean_delay, min(departed_at) AS first FROM staging.flights GROUP BY origin ORDER BY origin LIMIT 5";

test("downloads the result as Parquet with its column types, and nobody else can", async ({ page, browser }) => {
  await page.goto("/sql");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(SQL);
  await page.keyboard.press("Escape");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("row-count")).toHaveText("5 rows");

  const answer = page.waitForResponse((r) => r.url().endsWith("/api/sql/download"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Parquet download" }).click()]);
  const response = await answer;
  expect(response.headers()["x-result-source"]).toBe("stored");
  expect(download.suggestedFilename()).toMatch(/\.parquet$/);
  const bytes = readFileSync((await download.path())!);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const schema = parquetSchema(parquetMetadata(file)).children.map((c) => [c.element.name, c.element.type, c.element.converted_type ?? null]);
  expect(schema).toEqual([
    ["origin", "BYTE_ARRAY", "UTF8"],
    ["flights", "INT64", "INT_64"],
    ["mean_delay", "INT64", "DECIMAL"],
    ["first", "INT64", "TIMESTAMP_MICROS"],
  ]);
  const rows = await parquetReadObjects({ file, compressors });
  expect(rows).toHaveLength(5);
  // The same first row the grid shows.
  const firstRow = page.getByRole("table", { name: "Query results" }).getByRole("row").nth(1);
  await expect(firstRow).toContainText(rows[0]!.origin as string);
  await expect(firstRow).toContainText(String(rows[0]!.flights));
  await expect(page.getByText(/The download failed/)).toHaveCount(0);

  // Another signed-in user posting that run's id gets a 404 and no file.
  const runId = new URLSearchParams(response.request().postData() ?? "").get("runId") ?? ""; // the button posts a form
  expect(runId).toMatch(/^[0-9a-f-]{36}$/);
  const other = await createUser({ label: "parquet-other", role: "editor" });
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const otherPage = await context.newPage();
  await signIn(otherPage, other);
  const refused = await otherPage.request.post("/api/sql/download", { form: { runId, format: "parquet" }, headers: { origin: BASE_URL } });
  expect(refused.status()).toBe(404);
  expect(refused.headers()["content-type"]).toMatch(/application\/json/);
  await context.close();
});
