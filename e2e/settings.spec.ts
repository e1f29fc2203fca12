// Admin › Settings (issue 14, item 3), on a portal of its own (started here, port 3461): the shared
// web server sets PORTAL_BUCKET_ACCESS, which would lock the rules, and other specs rely on its
// buckets. This one leaves the rules to the page and sets PORTAL_SESSION_HOURS, which locks that
// setting. An admin changes the upload limit and a bucket rule, sees the preview; a viewer loses
// read on that bucket in the bucket browser; the env-locked setting cannot be changed (page and
// server); a viewer gets the 403 page.
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { callTrpc, SIGNED_OUT, submitSignIn, untilHydrated, expectNoSidewaysScroll } from "./helpers";
import { ADMIN } from "./env";
import { startPortal, type PortalProcess } from "./portal-processes";

const PORT = Number(process.env.PORTAL_E2E_SETTINGS_PORT ?? 3461);
const URL_ = `http://127.0.0.1:${PORT}`;
const VIEWER = { email: "settings-viewer@e2e.test", name: "Vera Viewer", password: "correct-horse-battery", role: "viewer" as const };

test.describe.configure({ mode: "serial" });
test.use({ storageState: SIGNED_OUT, baseURL: URL_ });

let portal: PortalProcess;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  portal = await startPortal({
    port: PORT,
    env: {
      PORTAL_ADMIN_EMAIL: ADMIN.email,
      PORTAL_ADMIN_PASSWORD: ADMIN.password,
      PORTAL_SESSION_HOURS: "8",
      PORTAL_BUCKET_ACCESS: "", // empty: not set, so the rules are Admin › Settings'
      PORTAL_UPLOAD_MAX_MB: "",
      PORTAL_ALERTS_EVALUATE_SECONDS: "0",
      CATALOG_CRAWL_INTERVAL_MINUTES: "",
      PORTAL_DEMO_PIPELINE_MINUTES: "0",
    },
  });
});
test.afterAll(async () => {
  if (!portal) return;
  portal.child.kill("SIGTERM");
  await portal.exited;
});

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await untilHydrated(page.getByLabel("E-mail"));
  await submitSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/signin/);
}

test("an admin changes the upload limit and a bucket rule, sees the preview; a viewer loses read on that bucket", async ({ page, browser }) => {
  await signInAs(page, ADMIN.email, ADMIN.password);
  await callTrpc(page.request, "users.create", { email: VIEWER.email, name: VIEWER.name, role: VIEWER.role, password: VIEWER.password });

  // Before: the viewer reads raw.
  const viewerContext = await browser.newContext({ baseURL: URL_, storageState: SIGNED_OUT });
  const viewer = await viewerContext.newPage();
  await signInAs(viewer, VIEWER.email, VIEWER.password);
  await viewer.goto("/buckets");
  await expect(viewer.getByRole("link", { name: /^raw/ })).toBeVisible();

  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  // The upload limit: checked in the browser with the server's message, then saved.
  const upload = page.getByRole("form", { name: "Largest upload" });
  const limit = upload.getByLabel("Largest upload (MB)");
  await untilHydrated(limit);
  await limit.fill("0");
  await expect(upload.getByText("must be at least 1")).toBeVisible();
  await expect(page.getByText("1 setting has unsaved changes.")).toBeVisible();
  await limit.fill("250");
  await upload.getByRole("button", { name: "Save" }).click();
  await expect(upload.getByText("Saved. Every replica uses it within a few seconds.")).toBeVisible();

  // A bucket rule: an empty name is refused with the reason; raw for editors and up.
  const rules = page.getByRole("form", { name: "Bucket access rules" });
  await rules.getByRole("button", { name: "Add a bucket rule" }).click();
  await rules.getByRole("button", { name: "Save" }).click();
  await expect(rules.getByText("a rule has an empty bucket name")).toBeVisible();
  await rules.getByLabel("Bucket name of rule 1").fill("raw");
  await rules.getByLabel("Read access of raw").selectOption("editor");
  await rules.getByLabel("Write access of raw").selectOption("editor");
  // The preview follows the table before saving.
  await expect(rules.getByTestId("preview-raw-viewer")).toHaveText("hidden");
  await expect(rules.getByTestId("preview-raw-editor")).toHaveText("read, write");
  await expect(rules.getByTestId("preview-curated-viewer")).toHaveText("read");
  await rules.getByRole("button", { name: "Save" }).click();
  await expect(rules.getByText("Saved. Every replica uses it within a few seconds.")).toBeVisible();

  // After a reload the saved values are there.
  await page.reload();
  await expect(page.getByRole("form", { name: "Largest upload" }).getByLabel("Largest upload (MB)")).toHaveValue("250");
  await expect(page.getByRole("form", { name: "Bucket access rules" }).getByLabel("Bucket name of rule 1")).toHaveValue("raw");

  // The viewer: raw is gone from the bucket browser, and asking for it is "not found".
  await viewer.goto("/buckets");
  await expect(viewer.getByRole("link", { name: /^curated/ })).toBeVisible();
  await expect(viewer.getByRole("link", { name: /^raw/ })).toHaveCount(0);
  await viewer.goto("/buckets/raw");
  await expect(viewer.getByRole("link", { name: "airports.csv", exact: true })).toHaveCount(0);
  await viewerContext.close();
});

test("a setting locked by its environment variable is shown with the variable and cannot be changed", async ({ page }) => {
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/settings");
  const locked = page.getByTestId("auth.sessionHours-locked");
  await expect(locked).toContainText("8 hours");
  await expect(locked).toContainText("PORTAL_SESSION_HOURS");
  await expect(page.getByRole("form", { name: "Session length" })).toHaveCount(0);
  // And the server refuses it too, whatever the page shows.
  await expect(callTrpc(page.request, "settings.update", { key: "auth.sessionHours", value: 1, version: 0 })).rejects.toThrow(/\(403\).*PORTAL_SESSION_HOURS/);
});

test("on a phone the settings page, bucket rules and preview included, does not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/settings");
  await expect(page.getByRole("table", { name: "Bucket access rules" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Access preview" })).toBeVisible();
  // The wide tables scroll inside their cards; the page itself stays at the screen's width.
  await expectNoSidewaysScroll(page);
});

test("a viewer gets the 403 page", async ({ page }) => {
  await signInAs(page, VIEWER.email, VIEWER.password);
  const response = await page.goto("/admin/settings");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toHaveCount(0);
});
