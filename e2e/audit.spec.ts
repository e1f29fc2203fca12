import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, signIn, SIGNED_OUT, submitSignIn, untilHydrated } from "./helpers";

test("the audit log records sign-ins and user changes, filterable by actor, action, outcome and subject, in the URL", async ({ page, browser }) => {
  const user = await createUser({ label: "audited", name: "Audrey Audited" });
  // One failed sign-in for that user, from a signed-out browser.
  const visitor = await browser.newContext({ storageState: SIGNED_OUT });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/signin");
  await submitSignIn(visitorPage, user.email, "wrong-password-here");
  await visitor.close();

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await untilHydrated(page.getByLabel("Subject contains"));
  await page.getByLabel("Subject contains").fill(user.email);
  const rows = page.getByRole("row").filter({ hasText: user.email });
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`subject=${encodeURIComponent(user.email).replace(/\./g, "\\.")}`));
  // Readable subject: the user's name beside the e-mail.
  await expect(rows.first()).toContainText("Audrey Audited");
  await expect(rows.filter({ hasText: "auth.sign_in" })).toContainText("failure");
  await expect(rows.filter({ hasText: "auth.sign_in" })).toContainText("wrong_password");
  await expect(rows.filter({ hasText: "user.created" })).toContainText("success");
  await expect(rows.filter({ hasText: "user.created" })).toContainText("admin@e2e.test");

  await page.getByLabel("Action").selectOption("group:user");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("user.created");
  await expect(page).toHaveURL(/action=group%3Auser/);

  await page.getByLabel("Action").selectOption("");
  // Straight after: the second change must not undo the first (it once built on the old URL).
  await page.getByLabel("Outcome").selectOption("failure");
  await expect(page).toHaveURL(/outcome=failure/);
  await expect(page).not.toHaveURL(/action=/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("auth.sign_in");

  // The view survives a reload: it is the URL.
  await page.reload();
  await expect(page.getByLabel("Outcome")).toHaveValue("failure");
  await expect(page.getByRole("row").filter({ hasText: user.email })).toHaveCount(1);
  // The reloaded page shows its server-rendered filters at once; a change made before React
  // has hydrated them would be lost (CI once filled the actor into the inert field).
  await untilHydrated(page.getByLabel("Actor"));

  await page.getByLabel("Outcome").selectOption("");
  // Both events again before the next filter, so its count below is not the old one still shown.
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Actor").fill("admin@e2e.test");
  await expect(page).toHaveURL(/actor=admin%40e2e\.test/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("user.created");

  // A date range before any event: nothing matches.
  await page.getByLabel("To (UTC day, inclusive)").fill("2001-01-01");
  await expect(page.getByText("No events match")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page.getByLabel("Actor")).toHaveValue("");
  await expect(page).toHaveURL(/\/admin\/audit$/);
});

test("exports the filtered view as CSV (formula-safe) and NDJSON; the export is audited", async ({ page }) => {
  const user = await createUser({ label: "exported", name: "=HYPERLINK(1)" });
  await page.goto(`/admin/audit?subject=${encodeURIComponent(user.email)}`);
  await expect(page.getByRole("row").filter({ hasText: user.email })).toHaveCount(1);
  await untilHydrated(page.getByRole("link", { name: "Export CSV" }));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,at,actor,action,subject,subject_name,outcome,ip,details");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,admin@e2e.test,user.created,${user.email},"'=HYPERLINK(1)",success,`);

  const [ndjsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export NDJSON" }).click()]);
  const events = (await readFile((await ndjsonDownload.path())!, "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events).toEqual([expect.objectContaining({ action: "user.created", subject: user.email, subject_name: "=HYPERLINK(1)", actor: "admin@e2e.test" })]);

  await page.goto("/admin/audit?action=audit.exported");
  await expect(page.getByRole("row").filter({ hasText: "audit.exported" }).first()).toContainText("ndjson");
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });
  test("a viewer is refused the audit log and its export", async ({ page }) => {
    const viewer = await createUser({ label: "audit-viewer", role: "viewer" });
    await signIn(page, viewer);
    const response = await page.request.get("/api/admin/audit/export?format=csv");
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "This needs the admin role; you are signed in as viewer." });
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
  });
});
