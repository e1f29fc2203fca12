import { expect, test } from "@playwright/test";
import { createUser, SIGNED_OUT, submitSignIn } from "./helpers";

test("the audit log records sign-ins and user changes, filterable by action and subject", async ({ page, browser }) => {
  const user = await createUser({ label: "audited" });
  // One failed sign-in for that user, from a signed-out browser.
  const visitor = await browser.newContext({ storageState: SIGNED_OUT });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/signin");
  await submitSignIn(visitorPage, user.email, "wrong-password-here");
  await visitor.close();

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Subject contains").fill(user.email);
  const rows = page.getByRole("row").filter({ hasText: user.email });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "auth.sign_in" })).toContainText("failure");
  await expect(rows.filter({ hasText: "auth.sign_in" })).toContainText("wrong_password");
  await expect(rows.filter({ hasText: "user.created" })).toContainText("success");
  await expect(rows.filter({ hasText: "user.created" })).toContainText("admin@e2e.test");

  await page.getByLabel("Action starts with").fill("user.");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("user.created");

  await page.getByLabel("Action starts with").fill("nothing.like.this");
  await expect(page.getByText("No events match")).toBeVisible();
});
