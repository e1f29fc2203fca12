// Single sign-on end to end, in Chromium, against a real OpenID Provider on loopback
// (e2e/oidc-provider.ts): the admin sets it up in the browser; people sign in through the
// provider's login and consent pages and get the role the rules give them; a refused person
// sees why; a changed group demotes at the next sign-in (audited); password sign-in off except
// for a break-glass admin. The settings are put back afterwards for the other specs.
import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { ADMIN, BASE_URL } from "./env";
import { adminApi, callTrpc, createUser, SIGNED_OUT, untilHydrated } from "./helpers";
import { startLoopbackProvider, type LoopbackProvider } from "./oidc-provider";

const LABEL = "Loopback ID";
let op: LoopbackProvider;

test.beforeAll(async () => {
  op = await startLoopbackProvider(`${BASE_URL}/api/auth/callback/sso`, {
    ana: { email: "ana@example.com", name: "Ana Admin", groups: ["data-admins"] },
    val: { email: "val@example.com", name: "Val Viewer", groups: ["analysts"] },
    zed: { email: "zed@nowhere.test", name: "Zed Nobody", groups: [] },
  });
});

test.afterAll(async () => {
  // Put sign-in back as the other specs expect it: SSO off, passwords for everyone.
  const api = await adminApi();
  try {
    const current = await callTrpc<{ version: number; rules: unknown[]; buttonLabel: string; scopes: string }>(api, "sso.settings", undefined, "query");
    await callTrpc(api, "sso.update", {
      ...current,
      enabled: false,
      issuer: "",
      clientId: "",
      clientSecret: "",
      defaultRole: null,
      localSignIn: true,
      breakGlassEmails: [],
      version: current.version,
    });
  } finally {
    await api.dispose();
  }
  await op?.close();
});

/** Signs in through the provider in a fresh browser (no portal or provider session). */
async function signInWithSso(browser: Browser, login: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  // The provider's stock pages link a web font; nothing may leave the machine.
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${LABEL}` }).click();
  await page.waitForURL((url) => url.origin === op.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === BASE_URL);
  return { page, close: () => context.close() };
}

test.describe.configure({ mode: "serial" });

test("an admin sets up single sign-on in the browser and tries claims against the rules", async ({ page }) => {
  await page.goto("/admin/sso");
  await expect(page.getByRole("heading", { name: "Identity provider" })).toBeVisible();
  await untilHydrated(page.getByLabel("Issuer URL"));
  await page.getByLabel("Issuer URL").fill(op.issuer);
  await page.getByRole("button", { name: "Check issuer" }).click();
  await expect(page.getByText(`Found ${op.issuer}`)).toBeVisible();
  await page.getByLabel("Client id").fill(op.clientId);
  await page.getByLabel("Client secret").fill(op.clientSecret);
  await page.getByLabel("Scopes").fill("openid email profile groups");
  await page.getByLabel("Button label").fill(LABEL);
  await page.getByLabel("Single sign-on on").check();

  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1: value").fill("data-admins");
  await page.getByLabel("Rule 1: outcome").selectOption("admin");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 2: claim").fill("email");
  await page.getByLabel("Rule 2: comparison").selectOption("domain");
  await page.getByLabel("Rule 2: value").fill("example.com");
  await page.getByLabel("Rule 2: outcome").selectOption("viewer");
  // A third rule, deleted after the confirmation.
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByRole("button", { name: "Delete rule 3" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
  await expect(page.getByLabel("Rule 3: claim")).toHaveCount(0);
  await page.getByLabel("When no rule matches").selectOption("refuse");

  await page.getByLabel("Claims (JSON)").fill(JSON.stringify({ sub: "x", email: "bo@example.com", groups: ["analysts"] }));
  await page.getByRole("button", { name: "Try these claims" }).click();
  await expect(page.getByText("Signed in as Viewer")).toBeVisible();
  await expect(page.getByText("Rule 2 decides.")).toBeVisible();
  await expect(page.getByText(/Rule 1: no match — groups \(\["analysts"\]\) does not contain "data-admins"/)).toBeVisible();

  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText("Saved. Sign-ins use these settings")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await expect(page.getByText("A secret is stored. Leave empty to keep it unchanged.")).toBeVisible();
  expect(await page.content()).not.toContain(op.clientSecret);
});

test("sign-in through the provider maps an admin by group and a viewer by domain", async ({ browser }) => {
  const ana = await signInWithSso(browser, "ana");
  await ana.page.goto("/admin/users");
  await expect(ana.page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(ana.page.getByText("ana@example.com", { exact: true })).toBeVisible();
  await ana.close();

  const val = await signInWithSso(browser, "val");
  await expect(val.page).toHaveURL(`${BASE_URL}/`);
  const response = await val.page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await val.close();
});

test("someone no rule admits sees a clear message and gets no session", async ({ browser }) => {
  const zed = await signInWithSso(browser, "zed");
  await expect(zed.page).toHaveURL(/\/signin\?error=sso_refused/);
  await expect(zed.page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/not allowed to use this portal/);
  await zed.page.goto("/sql");
  await expect(zed.page).toHaveURL(/\/signin/);
  await zed.close();
});

test("a group removed at the provider demotes the user at the next sign-in, audited", async ({ browser }) => {
  op.accounts.get("ana")!.groups = ["analysts"];
  const ana = await signInWithSso(browser, "ana");
  const response = await ana.page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await ana.close();

  const api = await adminApi();
  try {
    const audit = await callTrpc<{ events: { action: string; subject: string | null; details: unknown }[] }>(
      api,
      "audit.list",
      { filter: { actions: ["user.role_changed"], subject: "ana@example.com" } },
      "query",
    );
    expect(audit.events[0]?.details).toMatchObject({ from: "admin", to: "viewer", reason: "single sign-on" });
  } finally {
    await api.dispose();
  }
});

test("password sign-in off: only the break-glass admin may still use a password", async ({ page, browser }) => {
  const viewer = await createUser({ label: "local-viewer" });
  await page.goto("/admin/sso");
  await untilHydrated(page.getByLabel("Everyone may also sign in with e-mail and password"));
  await page.getByLabel("Everyone may also sign in with e-mail and password").uncheck();
  await page.getByLabel("Break-glass admins").fill(ADMIN.email);
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText("Saved. Sign-ins use these settings")).toBeVisible();

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const visitor = await context.newPage();
  await visitor.goto("/signin");
  await expect(visitor.getByRole("button", { name: `Sign in with ${LABEL}` })).toBeVisible();
  await visitor.getByText("Break-glass sign-in for administrators").click();
  await visitor.getByLabel("E-mail").fill(viewer.email);
  await visitor.getByLabel("Password").fill(viewer.password);
  await visitor.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(visitor.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/Sign-in with e-mail and password is turned off/);

  await visitor.getByLabel("E-mail").fill(ADMIN.email);
  await visitor.getByLabel("Password").fill(ADMIN.password);
  await visitor.getByRole("button", { name: "Sign in", exact: true }).click();
  await visitor.waitForURL(`${BASE_URL}/`);
  await context.close();
});
