// Signs the first admin in through the real sign-in page once and saves the session, so the
// specs start signed in as the admin (projects "chromium" use this storage state).
import { expect, test as setup } from "@playwright/test";
import { ADMIN, adminStatePath } from "./env";

setup("sign the admin in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first signed-in page of a freshly started server loads its code cold: on a busy 2-core
  // machine that took over the default 10 s.
  await expect(page.getByRole("heading", { name: "Welcome, Administrator" })).toBeVisible({ timeout: 30_000 });
  await page.context().storageState({ path: adminStatePath() });
});
