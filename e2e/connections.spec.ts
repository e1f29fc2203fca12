// Admin › Connections (issue 14): the embedded engine and lake are listed read-only; an admin adds
// an S3 connection, Test names what failed against a port nobody answers on, the stored secret
// never reaches the page; a viewer is refused the page. An admin adds a Trino connection pointing
// at the in-process Trino protocol server (started here on a loopback port) and, without a restart,
// runs SELECT 1 on it in the workbench; disabling it removes it from the engine picker.
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn, untilHydrated } from "./helpers";
import { ADMIN } from "./env";
import { TrinoProtocolServer } from "../server/engines/testing/trino-protocol-server";

test("an admin adds an S3 connection, tests it, and never sees its secret again", async ({ page }) => {
  const name = `lake-${Date.now().toString(36)}`;
  const secret = `s3cret-${Math.random().toString(36).slice(2)}`;
  await page.goto("/admin/connections");
  const list = page.getByRole("list", { name: "Connections" });
  await expect(list.getByRole("listitem").filter({ hasText: "duckdb" })).toContainText("embedded");

  const newButton = page.getByRole("button", { name: "New connection" });
  await untilHydrated(newButton);
  await newButton.click();
  const form = page.getByRole("form", { name: "New connection" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Endpoint").fill("http://127.0.0.1:9");
  await form.getByLabel("Region").fill("us-east-1");
  await form.getByLabel("Access key id").fill("portal-test");
  await form.getByLabel("Secret access key").fill(secret);
  await form.getByRole("button", { name: "Test", exact: true }).click();
  const result = form.getByRole("status", { name: "Test result" });
  await expect(result).toContainText("Test failed");
  await expect(result).not.toContainText("    at "); // a message, not a stack trace

  // Saved disabled: an enabled S3 connection would become the portal's object store (in place of
  // the local lake the other specs use), and nothing answers at this endpoint.
  await form.getByLabel("Enabled", { exact: true }).uncheck();
  await form.getByRole("button", { name: "Save" }).click();
  const row = list.locator(":scope > li").filter({ hasText: name });
  await expect(row).toContainText("secret stored");
  await expect(row).toContainText("disabled");
  await page.reload();
  await row.getByRole("button", { name: `Edit ${name}` }).click();
  await expect(page.getByLabel("Secret access key")).toHaveValue("");
  await expect(page.getByLabel("Secret access key")).toHaveAttribute("placeholder", "(unchanged)");
  expect(await page.content()).not.toContain(secret);
});

test.describe("a viewer", () => {
  test.use({ storageState: SIGNED_OUT });
  test("is refused Admin › Connections with the 403 page", async ({ page }) => {
    const viewer = await createUser({ label: "conn-viewer", role: "viewer" });
    await page.goto("/signin");
    await signIn(page, viewer);
    await page.goto("/admin/connections");
    await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Connections" })).toHaveCount(0);
  });
});

test.describe("a Trino connection", () => {
  let trino: TrinoProtocolServer;
  test.beforeAll(async () => {
    trino = await TrinoProtocolServer.start(); // 127.0.0.1, a free port
  });
  test.afterAll(async () => {
    await trino?.close();
  });

  const engineOptions = (page: Page) => page.getByLabel("Engine", { exact: true }).locator("option");

  test("is used by the workbench as soon as it is saved, and leaves the picker when disabled", async ({ page }) => {
    test.setTimeout(120_000);
    const name = `trino-${Date.now().toString(36)}`;
    await page.goto("/admin/connections");
    const newButton = page.getByRole("button", { name: "New connection" });
    await untilHydrated(newButton);
    await newButton.click();
    const form = page.getByRole("form", { name: "New connection" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Kind").selectOption("trino");
    await form.getByLabel("URL").fill(trino.url);
    await form.getByLabel("Default catalog").fill("memory");
    await form.getByLabel("Default schema").fill("main");
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expect(form.getByRole("status", { name: "Test result" })).toContainText("Test succeeded");
    await form.getByRole("button", { name: "Save" }).click();

    const row = page.getByRole("list", { name: "Connections" }).locator(":scope > li").filter({ hasText: name });
    await expect(row).toContainText("in use");
    const status = row.getByRole("list", { name: `Status of ${name}` });
    await expect(status).toContainText(`Offered as the query engine “${name}”.`);
    await expect(status).toContainText("Never tested."); // a Test of unsaved values is not the saved connection's
    await expect(status).toContainText("Answers: The query ran."); // the check after applying it

    // The workbench offers it (no restart) and runs SELECT 1 on it.
    await page.goto("/sql");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    const label = `${name} (Trino at ${new URL(trino.url).host})`;
    await expect(engineOptions(page).filter({ hasText: label })).toHaveCount(1);
    await page.getByLabel("Engine", { exact: true }).selectOption({ label });
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("SELECT 1 AS one");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded");
    await expect(page.getByTestId("row-count")).toHaveText("1 row");
    const grid = page.getByRole("table", { name: "Query results" });
    await expect(grid.getByRole("columnheader", { name: /one/ })).toBeVisible();
    await expect(grid.getByRole("row").nth(1)).toContainText("1");
    // It really ran on that Trino, as the signed-in admin, in the default catalog and schema.
    const ran = trino.requests.filter((r) => r.method === "POST" && r.path === "/v1/statement");
    expect(ran.map((r) => r.queryId).some((id) => id && trino.query(id)?.sql === "SELECT 1 AS one")).toBe(true);
    const served = ran.map((r) => trino.query(r.queryId ?? "")).find((q) => q?.sql === "SELECT 1 AS one")!;
    expect(served).toMatchObject({ user: ADMIN.email, catalog: "memory", schema: "main" });

    // Disabled: gone from the picker.
    await page.goto("/admin/connections");
    const edit = row.getByRole("button", { name: `Edit ${name}` });
    await untilHydrated(edit);
    await edit.click();
    const editForm = page.getByRole("form", { name: `Edit ${name}` });
    await editForm.getByRole("button", { name: "Test", exact: true }).click();
    await expect(editForm.getByRole("status", { name: "Test result" })).toContainText("Test succeeded");
    await editForm.getByLabel("Enabled", { exact: true }).uncheck();
    await editForm.getByRole("button", { name: "Save" }).click();
    await expect(row).toContainText("disabled");
    await expect(row).not.toContainText("in use");
    await expect(status).toContainText("Last Test passed");
    await page.goto("/sql");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    await expect(engineOptions(page).first()).toBeAttached();
    await expect(engineOptions(page).filter({ hasText: "(Trino at" })).toHaveCount(0);
  });
});
