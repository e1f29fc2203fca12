// Sign-in as an attacker tries it: crafted error links, forged and replayed session cookies,
// spoofed client addresses, and an admin lifting a lock-out. Each asserts what a person (or a
// script) sees and that nothing changed.
import { expect, request, type APIRequestContext } from "@playwright/test";
import { test } from "./fixtures";
import { BASE_URL } from "./env";
import { adminApi, callTrpc, createUser, findUserRow, LOCKED_OUT, openAccountMenu, SIGNED_OUT, signIn, signInAlert, submitSignIn, WRONG_CREDENTIALS } from "./helpers";

type AuditRow = { action: string; subject: string | null; outcome: string; ip: string | null; details: unknown };

async function auditFor(subject: string): Promise<AuditRow[]> {
  const api = await adminApi();
  try {
    return (await callTrpc<{ events: AuditRow[] }>(api, "audit.list", { filter: { subject, actions: ["auth.sign_in"] } }, "query")).events;
  } finally {
    await api.dispose();
  }
}

/** A wrong-password attempt straight at next-auth's endpoint, with extra request headers. */
async function postSignIn(api: APIRequestContext, email: string, password: string, headers: Record<string, string>) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers: { origin: BASE_URL, ...headers },
  });
}

/** A protected tRPC query, as the browser's client calls it. */
const protectedQuery = (api: APIRequestContext) => api.get(`/api/trpc/sql.engines?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  for (const [label, code] of [
    ["a lock-out with a time of the attacker's choosing", "locked:2099-01-01T00:00:00.000Z"],
    ["a lock-out code", "locked"],
    ["an address lock-out code", "address_locked"],
    ["a made-up warning", "Your account is compromised. Call +1 555 0100 now"],
    ["a word that used to trigger the database message", "database"],
    ["markup", "<img src=x onerror=alert(1)>"],
  ] as const) {
    test(`a crafted sign-in link with ${label} shows no message`, async ({ page }) => {
      await page.goto(`/signin?error=${encodeURIComponent(code)}`);
      await expect(page.getByRole("heading", { name: "Sign in to Lakehouse Portal" })).toBeVisible();
      await expect(page.getByLabel("E-mail")).toBeVisible();
      // Next's route announcer is also role=alert, but empty; the form's box would have text.
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
      await expect(page.getByText(/locked|compromised|database|Call \+1/i)).toHaveCount(0);
    });
  }

  test("a forged session cookie is nobody: 401 from the API, the sign-in page for pages", async ({ page, context }) => {
    await context.addCookies([{ name: "next-auth.session-token", value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged", url: BASE_URL }]);
    expect((await protectedQuery(page.request)).status()).toBe(401);
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });

  test("a session cookie replayed after signing out is refused: 401 from the API, the sign-in page for pages", async ({ page, context }) => {
    const user = await createUser({ label: "replay", name: "Replay Tester" });
    await page.goto("/signin");
    await signIn(page, user);
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name === "next-auth.session-token")).toBe(true);
    expect((await protectedQuery(page.request)).status()).toBe(200);

    await openAccountMenu(page, "Replay Tester");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);

    // An attacker who copied the cookie before the sign-out puts it back.
    const replay = await request.newContext({ baseURL: BASE_URL, storageState: { cookies, origins: [] } });
    try {
      expect((await protectedQuery(replay)).status()).toBe(401);
      const home = await replay.get("/", { maxRedirects: 0 });
      expect(home.status()).toBeGreaterThanOrEqual(300);
      expect(home.status()).toBeLessThan(400);
      expect(home.headers()["location"]).toMatch(/\/signin/);
    } finally {
      await replay.dispose();
    }
  });

  test("X-Forwarded-For, X-Real-IP and X-Portal-Peer from an untrusted client change nothing: the audit log records the real address", async () => {
    const user = await createUser({ label: "spoof" });
    const api = await request.newContext({ baseURL: BASE_URL });
    try {
      const response = await postSignIn(api, user.email, "wrong-password", { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98", "x-portal-peer": "10.0.0.1" });
      // The answer is the ordinary refusal (next-auth's JSON names the error code).
      expect(((await response.json()) as { url: string }).url).toContain("error=CredentialsSignin");
    } finally {
      await api.dispose();
    }
    const rows = await auditFor(user.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "failure" });
    expect(rows[0]!.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  test("an over-long password is refused with the usual message and audited as too long", async ({ page }) => {
    const user = await createUser({ label: "toolong" });
    await submitSignIn(page, user.email, user.password + "x".repeat(1100));
    await expect(signInAlert(page, WRONG_CREDENTIALS)).toBeVisible();
    const rows = await auditFor(user.email);
    expect(rows.map((r) => [r.outcome, r.details])).toEqual([["failure", { reason: "too_long" }]]);
  });
});

test("a viewer cannot unlock anyone (403, still locked); an admin unlocks from Admin › Users after a confirmation, and the user signs in at once", async ({ page, browser }) => {
  const viewer = await createUser({ label: "nounlock", role: "viewer" });
  const user = await createUser({ label: "unlockme", name: "Una Lock" });
  const visitor = await browser.newContext({ storageState: SIGNED_OUT });
  const visitorPage = await visitor.newPage();
  try {
    for (let attempt = 1; attempt <= 5; attempt++) await submitSignIn(visitorPage, user.email, `wrong-${attempt}`);
    await submitSignIn(visitorPage, user.email, user.password);
    await expect(signInAlert(visitorPage, LOCKED_OUT)).toBeVisible();
    // The address bar carries no lock-out data that anyone could copy or alter.
    expect(visitorPage.url()).not.toContain("locked");

    // A viewer tries the admin's procedure directly.
    await visitorPage.goto("/signin");
    await signIn(visitorPage, viewer);
    const refused = await visitorPage.request.post("/api/trpc/users.unlock", { data: { json: { userId: user.id } }, headers: { origin: BASE_URL } });
    expect(refused.status()).toBe(403);
  } finally {
    await visitor.close();
  }
  expect(await unlockEvents(user.email)).toEqual([]);

  await page.goto("/admin/users");
  const row = await findUserRow(page, user.email);
  await expect(row).toContainText("Locked");
  await row.getByRole("button", { name: `Unlock ${user.email}` }).click();
  const dialog = page.getByRole("dialog", { name: "Unlock Una Lock?" });
  await expect(dialog).toContainText(user.email);
  await dialog.getByRole("button", { name: "Unlock" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Una Lock is unlocked and can sign in again at once." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: user.email })).not.toContainText("Locked");
  expect(await unlockEvents(user.email)).toHaveLength(1);

  const again = await browser.newContext({ storageState: SIGNED_OUT });
  try {
    const againPage = await again.newPage();
    await againPage.goto("/signin");
    await signIn(againPage, user);
  } finally {
    await again.close();
  }
});

async function unlockEvents(subject: string): Promise<AuditRow[]> {
  const api = await adminApi();
  try {
    return (await callTrpc<{ events: AuditRow[] }>(api, "audit.list", { filter: { subject, actions: ["user.unlocked"] } }, "query")).events;
  } finally {
    await api.dispose();
  }
}
