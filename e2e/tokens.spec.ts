// Personal API tokens, end to end: an editor makes tokens on Account › API tokens, a script
// (Playwright's request context, no cookies) runs SQL with one, a token without sql:run is
// refused with 403, a revoked one with 401, and the admin overview lists it as revoked.
import { expect, request, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { adminStatePath, BASE_URL } from "./env";
import { createUser, openAccountMenu, SIGNED_OUT, signIn } from "./helpers";

test.use({ storageState: SIGNED_OUT });

/** Makes a token through the dialog and returns the text it shows once. */
async function makeToken(page: Page, name: string, scopes: string[]): Promise<string> {
  await page.getByRole("button", { name: "New token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New API token" });
  await dialog.getByLabel("Name").fill(name);
  // "read" starts checked; set each scope to what this token should have.
  for (const scope of ["read", "sql:run", "metrics:read", "storage:write", "lineage:write"]) {
    await dialog.getByRole("checkbox", { name: new RegExp(`^${scope}\\b`) }).setChecked(scopes.includes(scope));
  }
  await dialog.getByLabel("Expires after").selectOption("7");
  await dialog.getByRole("button", { name: "Create token" }).click();
  const created = page.getByRole("dialog", { name: "API token created" });
  await expect(created.getByText("it is not shown again")).toBeVisible();
  const token = await created.getByLabel("Your new API token").inputValue();
  expect(token).toMatch(/^lhp_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
  await created.getByRole("button", { name: "Done" }).click();
  return token;
}

test("an editor's token runs SQL from a script until it is revoked, and the admin sees it revoked", async ({ page }) => {
  const editor = await createUser({ label: "tokens", name: "Toni Tokens", role: "editor" });
  await page.goto("/signin");
  await signIn(page, editor);

  const menu = await openAccountMenu(page, editor.name);
  await menu.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/account\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No API tokens yet")).toBeVisible();

  const sqlToken = await makeToken(page, "e2e sql", ["sql:run"]);
  const readToken = await makeToken(page, "e2e read only", ["read"]);
  const table = page.getByRole("table", { name: "API tokens" });
  const sqlRow = table.getByRole("row").filter({ hasText: "e2e sql" });
  await expect(sqlRow).toContainText(`lhp_${sqlToken.slice(4, 12)}_`);
  await expect(sqlRow).toContainText("sql:run");
  await expect(sqlRow).toContainText("Never");
  await expect(sqlRow).toContainText("Active");

  // A script: no cookies, only the token.
  const script = await request.newContext({ baseURL: BASE_URL, storageState: SIGNED_OUT });
  try {
    const run = (token: string) => script.post("/api/sql/execute", { headers: { authorization: `Bearer ${token}` }, data: { engineId: "duckdb", sql: "SELECT 41 + 1 AS answer" } });

    const ok = await run(sqlToken);
    expect(ok.status()).toBe(200);
    const events = (await ok.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; rows?: unknown[][] });
    expect(events.filter((e) => e.type === "rows").flatMap((e) => e.rows)).toEqual([[42]]);
    expect(events.at(-1)?.type).toBe("finished");

    const underScoped = await run(readToken);
    expect(underScoped.status()).toBe(403);
    expect(await underScoped.json()).toEqual({ error: "This API token lacks the `sql:run` scope." });

    // The list shows the use (a reload reads it from the server).
    await page.reload();
    await expect(sqlRow).not.toContainText("Never");

    await sqlRow.getByRole("button", { name: "Revoke e2e sql" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke e2e sql?" });
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByText("Revoked e2e sql.")).toBeVisible();
    await expect(sqlRow).toContainText("Revoked");

    const revoked = await run(sqlToken);
    expect(revoked.status()).toBe(401);
    expect(await revoked.json()).toEqual({ error: "This API token was revoked." });
  } finally {
    await script.dispose();
  }

  // The admin overview (the admin's own signed-in state).
  const admin = await page.context().browser()!.newContext({ baseURL: BASE_URL, storageState: adminStatePath() });
  try {
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/tokens");
    await expect(adminPage.getByRole("heading", { name: "API tokens" })).toBeVisible();
    await adminPage.getByLabel("Filter by owner").fill(editor.email);
    const row = adminPage.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: "e2e sql" });
    await expect(row).toContainText(editor.email);
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
    await expect(adminPage.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: "e2e read only" })).toContainText("Active");
  } finally {
    await admin.close();
  }
});
