import { expect, type Browser } from "@playwright/test";
import { test } from "./fixtures";
import { ADMIN } from "./env";
import { adminApi, callTrpc, findUserRow, signInAlert, submitSignIn, uniqueEmail, WRONG_CREDENTIALS } from "./helpers";

/** Tries the credentials in a separate, signed-out browser; returns what the page answered. */
async function trySignIn(browser: Browser, email: string, password: string, name: string): Promise<"signed in" | "refused"> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    await page.goto("/signin");
    await submitSignIn(page, email, password);
    const welcome = page.getByRole("heading", { name: `Welcome, ${name.split(" ")[0]}` });
    const refused = signInAlert(page, WRONG_CREDENTIALS);
    await expect(welcome.or(refused)).toBeVisible();
    return (await welcome.isVisible()) ? "signed in" : "refused";
  } finally {
    await context.close();
  }
}

// The Copy button writes to the clipboard; let the test read it back.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an admin creates a user, changes the role, disables, enables and resets the password", async ({ page, browser }) => {
  const email = uniqueEmail("grace");
  const name = "Grace Hopper";
  await page.goto("/admin/users");

  // Create, with a generated password that is shown once afterwards.
  await page.getByRole("button", { name: "New user" }).click();
  const createDialog = page.getByRole("dialog", { name: "New user" });
  await expect(createDialog.getByLabel("E-mail")).toBeFocused();
  await createDialog.getByLabel("E-mail").fill(email);
  await createDialog.getByLabel("Name").fill(name);
  await createDialog.getByLabel("Role").selectOption("viewer");
  await createDialog.getByRole("button", { name: "Generate" }).click();
  const firstPassword = await createDialog.getByLabel("Password").inputValue();
  expect(firstPassword).toHaveLength(20);
  await createDialog.getByRole("button", { name: "Create user" }).click();

  const createdDialog = page.getByRole("dialog", { name: "User created" });
  await expect(createdDialog.getByRole("textbox", { name: "Password" })).toHaveValue(firstPassword);
  await createdDialog.getByRole("button", { name: "Done" }).click();
  await expect(createdDialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Created ${name} (${email}) as a viewer.` })).toBeVisible();

  const row = await findUserRow(page, email);
  await expect(row).toContainText(name);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");

  // Change the role: takes effect at once and survives a reload.
  await row.getByLabel(`Role of ${email}`).selectOption("editor");
  await expect(page.getByRole("status").filter({ hasText: `${name} is now an editor.` })).toBeVisible();
  await page.reload();
  await expect((await findUserRow(page, email)).getByLabel(`Role of ${email}`)).toHaveValue("editor");

  // Disable, after a confirmation that names the user: they can no longer sign in.
  await (await findUserRow(page, email)).getByRole("button", { name: `Disable ${email}` }).click();
  const disableDialog = page.getByRole("dialog", { name: `Disable ${name}?` });
  await expect(disableDialog).toContainText(email);
  await disableDialog.getByRole("button", { name: "Disable user" }).click();
  await expect(disableDialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Disabled");
  expect(await trySignIn(browser, email, firstPassword, name)).toBe("refused");

  // Enable again: the same password works.
  await page.getByRole("button", { name: `Enable ${email}` }).click();
  const enableDialog = page.getByRole("dialog", { name: `Enable ${name}?` });
  await enableDialog.getByRole("button", { name: "Enable user" }).click();
  await expect(enableDialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Active");
  expect(await trySignIn(browser, email, firstPassword, name)).toBe("signed in");

  // Reset the password: the new one is shown once; the old one stops working.
  await page.getByRole("button", { name: `Reset password of ${email}` }).click();
  const resetDialog = page.getByRole("dialog", { name: `Reset password for ${name}` });
  await resetDialog.getByRole("button", { name: "Generate" }).click();
  const newPassword = await resetDialog.getByLabel("New password").inputValue();
  expect(newPassword).toHaveLength(20);
  await resetDialog.getByRole("button", { name: "Reset password" }).click();
  const doneDialog = page.getByRole("dialog", { name: "Password reset" });
  await expect(doneDialog.getByRole("textbox", { name: "New password" })).toHaveValue(newPassword);
  await doneDialog.getByRole("button", { name: "Copy" }).click();
  await expect(doneDialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(newPassword);
  await doneDialog.getByRole("button", { name: "Done" }).click();
  await expect(doneDialog).toBeHidden();

  expect(await trySignIn(browser, email, firstPassword, name)).toBe("refused");
  expect(await trySignIn(browser, email, newPassword, name)).toBe("signed in");
});

test("the new-user form shows the server's field messages under the fields", async ({ page }) => {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("E-mail").fill(ADMIN.email);
  await dialog.getByLabel("Name").fill("Second Admin Account");
  await dialog.getByLabel("Password").fill("long-enough-password");
  await dialog.getByRole("button", { name: "Create user" }).click();

  await expect(dialog.getByText("This e-mail is already in use.")).toBeVisible();
  await expect(dialog.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");

  // Escape closes the dialog without creating anything.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("an admin cannot disable their own account, and the last admin cannot be demoted", async ({ page }) => {
  // Precondition: the first admin is the only active admin (no test creates another one).
  const api = await adminApi();
  const admins = await callTrpc<{ total: number }>(api, "users.list", { role: "admin", page: 1, pageSize: 10 }, "query");
  await api.dispose();
  expect(admins.total).toBe(1);

  await page.goto("/admin/users");
  const row = await findUserRow(page, ADMIN.email);
  await expect(row.getByRole("button", { name: `Disable ${ADMIN.email}` })).toBeDisabled();

  await row.getByLabel(`Role of ${ADMIN.email}`).selectOption("viewer");
  const confirm = page.getByRole("dialog", { name: "Change your own role?" });
  await expect(confirm).toContainText("You will lose access to the admin pages");
  await confirm.getByRole("button", { name: "Make me a viewer" }).click();
  await expect(confirm.getByRole("alert")).toContainText("You cannot demote the last active admin. Make another user an admin first.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByLabel(`Role of ${ADMIN.email}`)).toHaveValue("admin");
});

test("the users list searches, filters by role and pages 25 at a time", async ({ page }) => {
  const marker = `pager${Date.now().toString(36)}`;
  const api = await adminApi();
  try {
    for (let i = 0; i < 27; i++) {
      await callTrpc(api, "users.create", {
        email: `${marker}-${String(i).padStart(2, "0")}@e2e.test`,
        name: `Pager ${i}`,
        role: i === 0 ? "editor" : "viewer",
        password: "correct-horse-battery",
      });
    }
  } finally {
    await api.dispose();
  }

  await page.goto("/admin/users");
  await page.getByLabel("Search users").fill(marker);
  const pages = page.getByRole("navigation", { name: "Users pages" });
  await expect(pages).toContainText("1–25 of 27");
  await expect(page.getByRole("row").filter({ hasText: marker })).toHaveCount(25);
  await pages.getByRole("button", { name: "Next page" }).click();
  await expect(pages).toContainText("26–27 of 27");
  await expect(page.getByRole("row").filter({ hasText: marker })).toHaveCount(2);

  // A filter starts again at page 1.
  await page.getByLabel("Filter by role").selectOption("editor");
  await expect(pages).toContainText("1–1 of 1");
  await expect(page.getByRole("row").filter({ hasText: `${marker}-00@e2e.test` })).toBeVisible();

  await page.getByLabel("Search users").fill(`${marker}-nobody`);
  await expect(page.getByText("No users match")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Search users")).toHaveValue("");
});
