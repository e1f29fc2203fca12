import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { ADMIN, BASE_URL } from "./env";
import { createUser, LOCKED_OUT, openAccountMenu, SIGNED_OUT, signIn, signInAlert, submitSignIn, WRONG_CREDENTIALS } from "./helpers";

test.describe("signing in and out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a signed-out visitor signs in and lands on the page they asked for", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fusers$/);
    await expect(page.getByRole("heading", { name: "Sign in to Lakehouse Portal" })).toBeVisible();

    await submitSignIn(page, ADMIN.email, ADMIN.password);

    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Account menu for Administrator" })).toBeVisible();
  });

  test("a wrong password shows the generic message and keeps the visitor on the sign-in page", async ({ page }) => {
    const user = await createUser({ label: "wrongpw" });
    await page.goto("/signin");

    await submitSignIn(page, user.email, "not-the-password");

    await expect(signInAlert(page, WRONG_CREDENTIALS)).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    // An unknown e-mail gets exactly the same answer: nothing reveals which accounts exist.
    await submitSignIn(page, `nobody-${Date.now()}@e2e.test`, "not-the-password");
    await expect(signInAlert(page, WRONG_CREDENTIALS)).toBeVisible();
  });

  test("five failed attempts lock the account, even against the right password", async ({ page }) => {
    const user = await createUser({ label: "lockout" });
    await page.goto("/signin");

    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitSignIn(page, user.email, `wrong-password-${attempt}`);
      await expect(signInAlert(page, WRONG_CREDENTIALS)).toBeVisible();
    }
    await submitSignIn(page, user.email, user.password);

    await expect(signInAlert(page, LOCKED_OUT)).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("signing out ends the session", async ({ page }) => {
    const user = await createUser({ label: "signout", name: "Sigrid Out" });
    await page.goto("/signin");
    await signIn(page, user);

    const account = await openAccountMenu(page, "Sigrid Out");
    await expect(account.getByText(user.email)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();

    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByRole("heading", { name: "Sign in to Lakehouse Portal" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin$/);
  });

  test("the sign-in page only returns to paths on this site", async ({ page }) => {
    await page.goto("/signin?callbackUrl=%2F%2Fevil.example%2Fphish");
    await submitSignIn(page, ADMIN.email, ADMIN.password);

    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole("heading", { name: "Welcome, Administrator" })).toBeVisible();
  });
});

test("a signed-in visitor who opens the sign-in page goes home", async ({ page }) => {
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Welcome, Administrator" })).toBeVisible();
});
