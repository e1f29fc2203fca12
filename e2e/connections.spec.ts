// Admin › Connections (issue 14): the embedded engine and lake are listed read-only; an admin adds
// an S3 connection, Test names what failed against a port nobody answers on, the stored secret
// never reaches the page; a viewer is refused the page. (Applying saved connections to the
// engine registry and the object store is not built yet: nothing here relies on it.)
import { expect, test } from "@playwright/test";
import { createUser, SIGNED_OUT, signIn, untilHydrated } from "./helpers";

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

  await form.getByRole("button", { name: "Save" }).click();
  const row = list.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("secret stored");
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
