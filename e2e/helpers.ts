// Shared steps for the end-to-end tests. Set-up that is not under test (creating a user to sign
// in as) goes through the portal's own API as the admin; everything a test asserts goes
// through the pages, as a person would see it.
import { expect, request, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { adminStatePath, BASE_URL } from "./env";

export type Role = "admin" | "editor" | "viewer";
export type TestUser = { id: string; email: string; name: string; role: Role; password: string };

/** Sign-in messages the pages show (from server/auth/sign-in-errors.ts). */
export const WRONG_CREDENTIALS = "Wrong e-mail or password.";
export const LOCKED_OUT = /Too many failed sign-in attempts\. This account is locked for \d+ more minutes?/;

let counter = 0;
/** An e-mail no other test (or earlier run against the same server) uses. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}${counter}-${Math.random().toString(36).slice(2, 6)}@e2e.test`;
}

/** A signed-out browser state, for `test.use({ storageState: SIGNED_OUT })`. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** The admin's API client (cookies from the global sign-in). Dispose it when done. */
export async function adminApi(): Promise<APIRequestContext> {
  return request.newContext({ baseURL: BASE_URL, storageState: adminStatePath() });
}

/** Calls a tRPC procedure over HTTP the way the browser client does (superjson envelope). */
export async function callTrpc<T = unknown>(api: APIRequestContext, procedure: string, input: unknown, kind: "mutation" | "query" = "mutation"): Promise<T> {
  const response =
    kind === "query"
      ? await api.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await api.post(`/api/trpc/${procedure}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!response.ok() || !body.result) throw new Error(`${procedure} failed (${response.status()}): ${body.error?.json.message ?? "no message"}`);
  return body.result.data.json;
}

/** Creates a user through the API (test set-up, not under test). */
export async function createUser(options: { label: string; role?: Role; name?: string; password?: string }): Promise<TestUser> {
  const api = await adminApi();
  try {
    const input = {
      email: uniqueEmail(options.label),
      name: options.name ?? `${options.label[0]!.toUpperCase()}${options.label.slice(1)} Tester`,
      role: options.role ?? "viewer",
      password: options.password ?? "correct-horse-battery",
    };
    const user = await callTrpc<{ id: string }>(api, "users.create", input);
    return { id: user.id, ...input };
  } finally {
    await api.dispose();
  }
}

/** Fills in and submits the sign-in form; resolves once the portal has answered. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url(), BASE_URL).pathname.startsWith("/signin")) await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")), page.getByRole("button", { name: "Sign in" }).click()]);
}

/** Signs in through the page and waits for the home page's welcome. */
export async function signIn(page: Page, user: { email: string; password: string; name: string }): Promise<void> {
  await submitSignIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name.split(" ")[0]}` })).toBeVisible();
}

/** The sign-in form's error box with this text (Next's route announcer is also role=alert). */
export function signInAlert(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}

/** The row of the users table for an e-mail, after searching for it. */
export async function findUserRow(page: Page, email: string) {
  await page.getByLabel("Search users").fill(email);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  return row;
}

/**
 * Opens the account menu of the signed-in user. A click that lands before React has hydrated
 * the header (right after a full page load) does nothing, so click again until it opens.
 */
export async function openAccountMenu(page: Page, name: string) {
  const button = page.getByRole("button", { name: `Account menu for ${name}` });
  const account = page.getByRole("region", { name: "Account" });
  await expect(async () => {
    if (!(await account.isVisible())) await button.click();
    await expect(account).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return account;
}

/**
 * Waits until React has hydrated the element: typing or clicking into server-rendered HTML before
 * that is lost (the field shows the text, the form's state never saw it). React marks the DOM nodes
 * it has taken over with its own `__reactProps…` key.
 */
export async function untilHydrated(locator: Locator): Promise<void> {
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps")))).toBe(true);
}

/**
 * The page does not scroll sideways at the viewport's width (a phone layout holds). The failure
 * names what sticks out, so it says where to look; elements inside a box that scrolls or clips
 * sideways itself (tab strips, wide tables in their own scroller) are not the page's problem.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  // Retried for a moment: a layout may still be settling (fonts, a chart sizing itself).
  await expect(async () => {
    const { scrollWidth, wide } = await page.evaluate((w) => {
      const wide = [...document.querySelectorAll("body *")]
        .filter((e) => {
          if (e.getBoundingClientRect().right <= w + 1) return false;
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
          return true;
        })
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${(e.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")} → ${Math.round(e.getBoundingClientRect().right)}`);
      return { scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), wide };
    }, width);
    expect(scrollWidth, `wider than the screen: ${wide.join("; ")}`).toBeLessThanOrEqual(width);
  }).toPass({ timeout: 5_000 });
}
