// Workbench tabs and drafts on the server, per user (server/sql/tabs, components/sql/tabs): what
// one browser types shows in another browser of the same user; two browsers editing one draft at
// once keep both texts (the later one as a copy tab); edits made offline stay and are sent once
// back online; another user — on another browser or on the same one — sees none of it.
import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn, type TestUser } from "./helpers";
import { openWorkbench, typeSql } from "./workbench-steps";

async function signedInBrowser(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

const editorText = (page: Page) => page.locator(".monaco-editor .view-lines");
const status = (page: Page) => page.getByTestId("tabs-sync-status");
const tabs = (page: Page) => page.getByRole("tablist", { name: "Editor tabs" }).getByRole("tab");
/** What a user does when coming back to a window: the workbench looks for changes from elsewhere. */
const comeBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event("focus")));

test.describe("drafts follow the user", () => {
  test.use({ storageState: SIGNED_OUT });

  test("SQL typed in one browser shows in another of the same user; other users see none of it, also on the same browser", async ({ browser }) => {
    test.setTimeout(120_000); // five sign-ins and five cold workbenches
    const alice = await createUser({ label: "draftsalice", role: "viewer" });
    const bob = await createUser({ label: "draftsbob", role: "editor" });

    const first = await signedInBrowser(browser, alice);
    await openWorkbench(first);
    await typeSql(first, "SELECT 'drafted in the first browser' AS d");
    await expect(status(first)).toHaveAttribute("data-state", "saved");
    await expect(status(first)).toHaveText("Saved to your account");

    const second = await signedInBrowser(browser, alice);
    await openWorkbench(second);
    await expect(editorText(second)).toContainText("drafted in the first browser");
    await expect(tabs(second)).toHaveCount(1);

    // A new tab and an edit in the second browser reach the first when it is looked at again.
    await second.getByRole("button", { name: "New tab" }).click();
    await typeSql(second, "SELECT 'second tab'");
    await expect(status(second)).toHaveAttribute("data-state", "saved");
    await comeBack(first);
    await expect(tabs(first)).toHaveCount(2);
    await tabs(first).nth(1).click();
    await expect(editorText(first)).toContainText("second tab");

    // Bob on his own browser: none of Alice's drafts.
    const bobs = await signedInBrowser(browser, bob);
    await openWorkbench(bobs);
    await expect(status(bobs)).toHaveAttribute("data-state", "saved");
    await expect(tabs(bobs)).toHaveCount(1);
    await expect(editorText(bobs)).not.toContainText("drafted");

    // Bob on Alice's first browser (her tabs are still in its localStorage): none of them either.
    await first.context().clearCookies();
    await signIn(first, bob);
    await openWorkbench(first);
    await expect(status(first)).toHaveAttribute("data-state", "saved");
    await expect(tabs(first)).toHaveCount(1);
    await expect(editorText(first)).not.toContainText("drafted");
    await expect(editorText(first)).not.toContainText("second tab");

    // And Alice's drafts are still on the server: signing out wiped nothing.
    await first.context().clearCookies();
    await signIn(first, alice);
    await openWorkbench(first);
    await expect(tabs(first)).toHaveCount(2);
    await expect(editorText(first)).toContainText("second tab"); // the tab she had open here
    await tabs(first).nth(0).click();
    await expect(editorText(first)).toContainText("drafted in the first browser");
    await Promise.all([first.context().close(), second.context().close(), bobs.context().close()]);
  });

  test("offline edits stay in the browser and are sent once it is back online; a draft edited in two browsers at once keeps both texts", async ({ browser }) => {
    const carol = await createUser({ label: "draftscarol", role: "editor" });
    const laptop = await signedInBrowser(browser, carol);
    await openWorkbench(laptop);
    await typeSql(laptop, "SELECT 1 AS shared");
    await expect(status(laptop)).toHaveAttribute("data-state", "saved");
    const desktop = await signedInBrowser(browser, carol);
    await openWorkbench(desktop);
    await expect(editorText(desktop)).toContainText("SELECT 1 AS shared");

    // The laptop goes offline and edits the draft; the desktop edits the same draft meanwhile.
    await laptop.context().setOffline(true);
    await typeSql(laptop, "SELECT 'written offline on the laptop'");
    await expect(status(laptop)).toHaveAttribute("data-state", "offline");
    await expect(status(laptop)).toContainText("Offline — kept in this browser");
    await typeSql(desktop, "SELECT 'written on the desktop'");
    await expect(status(desktop)).toHaveAttribute("data-state", "saved");

    // Back online: the desktop's save came first and stays; the laptop's text is a copy tab it now shows.
    await laptop.context().setOffline(false);
    await expect(status(laptop)).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
    await expect(tabs(laptop)).toHaveCount(2);
    await expect(tabs(laptop).nth(1)).toContainText("(copy from");
    await expect(tabs(laptop).nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(editorText(laptop)).toContainText("written offline on the laptop");
    await expect(laptop.getByText(/was changed in Chrome on Linux while you edited it here.*your text is kept in the new tab/)).toBeVisible();
    await tabs(laptop).nth(0).click();
    await expect(editorText(laptop)).toContainText("written on the desktop");

    // The desktop gets the copy too: nothing typed anywhere was lost.
    await comeBack(desktop);
    await expect(tabs(desktop)).toHaveCount(2);
    await tabs(desktop).nth(1).click();
    await expect(editorText(desktop)).toContainText("written offline on the laptop");
    await Promise.all([laptop.context().close(), desktop.context().close()]);
  });
});
