// The embedded engine's sandbox as people meet it in the workbench: a viewer who tries to read
// the server's files or change the engine is refused with a message that says what and why,
// the refusal is in the audit log with the statement, and nothing on disk changed; "Query this
// file" and an editor's COPY into a bucket they may write keep working.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { adminApi, callTrpc, createUser, SIGNED_OUT, signIn, type TestUser } from "./helpers";
import { openWorkbench } from "./workbench-steps";

const dataDir = () => process.env.PORTAL_E2E_DATA_DIR!;
const FLIGHTS = "s3://raw/flights/flights-3m.parquet"; // as "Query this file" names it

async function runSql(page: Page, sql: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(sql);
  await page.keyboard.press("Escape");
  await page.keyboard.press("ControlOrMeta+Enter");
}

const progress = (page: Page) => page.getByTestId("run-progress");
const refusal = (page: Page) => page.getByRole("alert").filter({ hasText: "Not allowed" });

async function signInAs(page: Page, role: "viewer" | "editor", label: string): Promise<TestUser> {
  const user = await createUser({ label, name: `${label[0]!.toUpperCase()}${label.slice(1)} Tester`, role });
  await page.goto("/signin");
  await signIn(page, user);
  return user;
}

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (/pgdata|\.duckdb|duckdb-tmp|results|\.next|admin-storage-state/.test(p)) continue; // files the portal itself changes while it runs
      out.push(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

test.describe("the embedded engine's sandbox", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a viewer's attempts on server files and on the engine are refused, audited, and change nothing", async ({ page }) => {
    const viewer = await signInAs(page, "viewer", "sandboxviewer");
    const before = listing(dataDir());
    await openWorkbench(page);
    const attempts: [string, RegExp][] = [
      ["SELECT * FROM read_text('/etc/passwd')", /Reading or writing files outside the lake's buckets is not allowed: \/etc\/passwd/],
      [`SELECT * FROM read_csv('${dataDir()}/pgdata/postgresql.conf')`, /outside the lake's buckets is not allowed/],
      [`SELECT * FROM glob('${dataDir()}/**')`, /outside the lake's buckets is not allowed/],
      [`SELECT * FROM '${dataDir()}/results/x.ndjson.gz'`, /outside the lake's buckets is not allowed/],
      ["SELECT * FROM read_text('http://127.0.0.1:5432/')", /no network access from SQL/],
      ["SET threads = 1", /SET is not allowed: it changes the shared engine's settings/],
      ["SELECT * FROM duckdb_settings()", /table function duckdb_settings\(\) is not available/],
      ["SELECT * FROM query('SELECT 1')", /table function query\(\) is not available/],
      [`COPY (SELECT 1) TO '${dataDir()}/lake/raw/viewer.csv'`, /Viewers may run read-only statements only.*COPY/],
    ];
    for (const [sql, message] of attempts) {
      await runSql(page, sql);
      await expect(refusal(page)).toContainText(message);
      await expect(progress(page)).toHaveAttribute("data-status", "refused");
    }
    expect(listing(dataDir())).toEqual(before);

    const api = await adminApi();
    try {
      const { events } = await callTrpc<{ events: { actorEmail: string | null; details: { sql?: string } }[] }>(
        api,
        "audit.list",
        { filter: { actions: ["sql.refused"] }, pageSize: 50 },
        "query",
      );
      const mine = events.filter((e) => e.actorEmail === viewer.email).map((e) => e.details.sql);
      for (const [sql] of attempts) expect(mine).toContain(sql);
    } finally {
      await api.dispose();
    }
  });

  test("'Query this file' still works for a viewer: the lake's files are readable through SQL", async ({ page }) => {
    await signInAs(page, "viewer", "lakeviewer");
    await openWorkbench(page, `/sql?query=${encodeURIComponent(`SELECT * FROM read_parquet('${FLIGHTS}') LIMIT 100`)}`);
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(progress(page)).toHaveAttribute("data-status", "succeeded");
    await expect(page.getByTestId("row-count")).toHaveText("100 rows");
  });

  test("an editor may COPY into a bucket they may write, but not outside the lake", async ({ page }) => {
    await signInAs(page, "editor", "sandboxeditor");
    const inside = path.join(dataDir(), "lake", "staging", `e2e-copy-${Date.now()}.csv`);
    const outside = path.join(dataDir(), `e2e-escape-${Date.now()}.csv`);
    await openWorkbench(page);

    await runSql(page, `COPY (SELECT 1 AS id) TO '${outside}'`);
    await expect(refusal(page)).toContainText(`outside the lake's buckets is not allowed: ${outside}`);
    expect(existsSync(outside)).toBe(false);

    await runSql(page, `COPY (SELECT 42 AS answer) TO '${inside}' (HEADER)`);
    await expect(progress(page)).toHaveAttribute("data-status", "succeeded");
    expect(existsSync(inside)).toBe(true);
    await page.goto("/buckets/staging");
    await expect(page.getByRole("row").filter({ hasText: path.basename(inside) })).toContainText("10 B");
    rmSync(inside);
  });
});
