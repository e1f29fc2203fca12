// The `test` every spec uses: Playwright's, plus what each test needs to start from a known state.
//
// The signed-in admin's workbench tabs live on the server (server/sql/tabs) and follow them into
// every new browser context, so a test opening /sql as the admin would find the tabs an earlier
// test left: each test starts with none, as a new account would.
import { test as base } from "@playwright/test";
import { clearAdminServerTabs } from "./server-tabs";

export const test = base.extend<{ freshAdminWorkbench: void }>({
  freshAdminWorkbench: [
    async ({}, use) => {
      await clearAdminServerTabs();
      await use();
    },
    { auto: true },
  ],
});

export { expect } from "@playwright/test";
