// The portal's HTTP edge as an attacker meets it (server/http/edge): a page on another port of
// the same host cannot make a signed-in browser change anything; every page satisfies its
// Content-Security-Policy (no violation while a person uses it); refusals and missing things
// answer 403/404; oversized bodies, NUL bytes and malformed input get a clear 4xx at once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { adminApi, callTrpc, createUser, SIGNED_OUT, signIn, uniqueEmail } from "./helpers";
import { ADMIN, BASE_URL, E2E_PORT } from "./env";

// ---------------------------------------------------------------------------------------------
// A hostile page on another port of 127.0.0.1: same-site for the browser (so its Lax session
// cookie goes along), but not the portal's origin.
// ---------------------------------------------------------------------------------------------
let attacker: http.Server;
let attackerOrigin = "";
const attackPages = new Map<string, string>();

test.beforeAll(async () => {
  attacker = http.createServer((req, res) => {
    const html = attackPages.get(req.url ?? "/") ?? "<p>nothing here</p>";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
});

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/"/g, "&quot;");
}

/** An auto-submitting form, as a malicious page would serve it. */
function formPage(action: string, enctype: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name='${escapeAttr(name)}' value='${escapeAttr(value)}'>`)
    .join("");
  return `<!doctype html><form id="f" method="post" action="${BASE_URL}${action}" enctype="${enctype}">${inputs}</form><script>document.getElementById("f").submit()</script>`;
}

/** text/plain forms write "name=value": a name that ends in a JSON string makes the body JSON. */
function jsonAsTextPlainFields(body: Record<string, unknown>): Record<string, string> {
  const json = JSON.stringify({ ...body, pad: "" });
  return { [json.slice(0, -2)]: '"}' }; // '{"…","pad":"' + '=' + '"}'
}

/** Lets the attacker's page submit, then returns what the browser shows for the portal's answer. */
async function runAttack(page: Page, path: string, html: string): Promise<{ status: number; text: string }> {
  attackPages.set(path, html);
  const answer = page.waitForResponse((response) => response.url().startsWith(BASE_URL) && response.request().method() === "POST");
  await page.goto(`${attackerOrigin}${path}`);
  const response = await answer;
  return { status: response.status(), text: await response.text() };
}

async function tableNames(api: APIRequestContext, like: string): Promise<string> {
  const response = await api.post("/api/sql/execute", {
    data: { engineId: "duckdb", sql: `SELECT table_name FROM information_schema.tables WHERE table_name LIKE '${like}%'` },
  });
  expect(response.status()).toBe(200);
  return response.text();
}

/** Whether a user with this e-mail exists (asked as the admin, through the API). */
async function userExists(email: string): Promise<boolean> {
  const api = await adminApi();
  try {
    const page = await callTrpc<unknown>(api, "users.list", { search: email }, "query");
    return JSON.stringify(page).includes(email);
  } finally {
    await api.dispose();
  }
}

const REFUSED = /^\{"error":"Cross-origin request refused: this portal only accepts changes from its own pages \(Origin http:\/\/127\.0\.0\.1:\d+\)\."\}$/;

test.describe("cross-origin forms from another port of the same host change nothing", () => {
  test("a text/plain form that smuggles JSON DDL into /api/sql/execute", async ({ page }) => {
    const table = `csrf_probe_${Date.now().toString(36)}`;
    const fields = jsonAsTextPlainFields({ engineId: "duckdb", sql: `CREATE TABLE main.${table} AS SELECT 1 AS x`, confirmed: true });
    const { status, text } = await runAttack(page, "/execute", formPage("/api/sql/execute", "text/plain", fields));
    expect(status).toBe(403);
    expect(text).toMatch(REFUSED);

    const api = await adminApi();
    try {
      expect(await tableNames(api, table)).not.toContain(table);
      // Control: the same statement from a client that is not a cross-origin page does create it,
      // so the check above would have seen the table.
      const made = await api.post("/api/sql/execute", { data: { engineId: "duckdb", sql: `CREATE TABLE main.${table} AS SELECT 1 AS x`, confirmed: true } });
      expect(made.status()).toBe(200);
      expect(await tableNames(api, table)).toContain(table);
      await api.post("/api/sql/execute", { data: { engineId: "duckdb", sql: `DROP TABLE main.${table}`, confirmed: true } });
    } finally {
      await api.dispose();
    }
  });

  test("an urlencoded form to /api/sql/download that would run DDL for the file", async ({ page }) => {
    const table = `csrf_dl_${Date.now().toString(36)}`;
    const fields = { engineId: "duckdb", sql: `CREATE TABLE main.${table} AS SELECT 1 AS x`, format: "csv", confirmed: "true" };
    const { status, text } = await runAttack(page, "/download", formPage("/api/sql/download", "application/x-www-form-urlencoded", fields));
    expect(status).toBe(403);
    expect(text).toMatch(REFUSED);
    const api = await adminApi();
    try {
      expect(await tableNames(api, table)).not.toContain(table);
    } finally {
      await api.dispose();
    }
  });

  test("a text/plain form to a tRPC mutation that would create an admin", async ({ page }) => {
    const email = uniqueEmail("csrf-admin");
    const fields = jsonAsTextPlainFields({ json: { email, name: "Mallory", role: "admin", password: "mallory-password-1" } });
    const { status, text } = await runAttack(page, "/trpc", formPage("/api/trpc/users.create", "text/plain", fields));
    expect(status).toBe(403);
    expect(text).toMatch(REFUSED);
    expect(await userExists(email)).toBe(false);
    expect(await userExists(ADMIN.email)).toBe(true); // the check does see users that exist
  });

  test("a form that signs the user out, or signs them in as the attacker", async ({ page }) => {
    const signOut = await runAttack(page, "/signout", formPage("/api/auth/signout", "application/x-www-form-urlencoded", { csrfToken: "x", callbackUrl: "/" }));
    expect(signOut.status).toBe(403);
    expect(signOut.text).toMatch(REFUSED);
    const login = await runAttack(
      page,
      "/login",
      formPage("/api/auth/callback/credentials", "application/x-www-form-urlencoded", { email: ADMIN.email, password: ADMIN.password, csrfToken: "x" }),
    );
    expect(login.status).toBe(403);
    // Still signed in as before: the session was not ended.
    await page.goto("/");
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole("button", { name: `Account menu for ${ADMIN.name}` })).toBeVisible();
  });

  test("a page that fetch()es a mutation with credentials gets nothing done", async ({ page }) => {
    const email = uniqueEmail("csrf-fetch");
    attackPages.set(
      "/fetch",
      `<!doctype html><script>fetch(${JSON.stringify(`${BASE_URL}/api/trpc/users.create`)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(JSON.stringify({ json: { email, name: "M", role: "admin", password: "mallory-password-1" } }))} }).finally(() => { document.title = "sent"; });</script>`,
    );
    await page.goto(`${attackerOrigin}/fetch`);
    await expect(page).toHaveTitle("sent");
    expect(await userExists(email)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Content-Security-Policy: measured in the browser while the pages are used.
// ---------------------------------------------------------------------------------------------
async function recordViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|create|connect|frame)/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("__reportCsp", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}: ${event.sample}`,
      );
    });
  });
  return seen;
}

test.describe("the Content-Security-Policy", () => {
  test("is satisfied by every main page, the SQL editor with typing and an image preview included", async ({ page }) => {
    test.setTimeout(180_000);
    const violations = await recordViolations(page);
    // An image to preview (set-up through the API, like an upload from the page).
    const api = await adminApi();
    const key = `e2e-csp/${Date.now().toString(36)}.png`;
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const uploaded = await api.put(`/api/storage/upload?bucket=staging&key=${encodeURIComponent(key)}`, { data: png, headers: { "content-type": "image/png" } });
    expect(uploaded.status()).toBe(201);
    await api.dispose();

    for (const path of ["/", "/catalog", "/catalog/duckdb", "/buckets", "/buckets/raw", "/admin/users", "/admin/audit", "/sql/history", "/sql/saved"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      await page.waitForLoadState("networkidle");
      const unsigned = await page.evaluate(() => [...document.scripts].filter((s) => !s.src && !s.nonce).map((s) => (s.textContent ?? "").slice(0, 80)));
      expect(unsigned, `inline scripts without the nonce on ${path}`).toEqual([]);
    }
    await page.goto(`/buckets/staging/blob/${key}`);
    await expect(page.locator(`img[alt="${key.split("/").pop()}"]`)).toBeVisible();
    await expect
      .poll(() => page.locator("img").evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);

    await page.goto("/sql");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.type("SELECT * FROM cur");
    await page.keyboard.press("Control+Space"); // autocomplete (runs in Monaco's worker)
    await page.keyboard.press("Escape");
    await page.keyboard.type("ated.daily_flight_delays LIMIT 3");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded");
    // The result is on screen: the editor, its worker, the grid and their styles have all loaded.
    // (Not networkidle: Chromium stopped reporting it on /sql after a run, with no request pending.)
    await expect(page.getByTestId("row-count")).toHaveText("3 rows");
    expect(violations).toEqual([]);
  });

  test.describe("signed out", () => {
    test.use({ storageState: SIGNED_OUT });
    test("the sign-in page satisfies it too, and signing in works under it", async ({ page }) => {
      const violations = await recordViolations(page);
      const user = await createUser({ label: "csp" });
      await signIn(page, user);
      await expect(page).toHaveURL(`${BASE_URL}/`);
      expect(violations).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Headers and status codes.
// ---------------------------------------------------------------------------------------------
test("pages and routes carry the security headers, and no HSTS over plain HTTP", async ({ request }) => {
  for (const path of ["/signin", "/api/health", "/api/metrics", "/no-such-page", "/_next/static/none.js"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
});

test.describe("status codes", () => {
  test("missing things answer 404", async ({ page }) => {
    for (const path of ["/no-such-page", "/buckets/no-such-bucket", "/catalog/duckdb/lakehouse/raw/no_such_table"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await expect(page.getByText("404").first()).toBeVisible();
  });

  test.describe("as a viewer", () => {
    test.use({ storageState: SIGNED_OUT });
    test("the admin pages answer 403 with the reason", async ({ page }) => {
      const viewer = await createUser({ label: "viewer403", role: "viewer" });
      await signIn(page, viewer);
      for (const path of ["/admin/users", "/admin/audit", "/admin"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
      }
    });
  });

  test("GET /api/auth/signout only shows a page; the session stays", async ({ page }) => {
    const response = await page.goto("/api/auth/signout");
    expect(response?.status()).toBe(200);
    await page.goto("/");
    await expect(page).toHaveURL(`${BASE_URL}/`);
  });
});

// ---------------------------------------------------------------------------------------------
// Bounded work for anonymous clients.
// ---------------------------------------------------------------------------------------------
/** A raw request whose declared length need not match what is sent; resolves on the answer. */
function rawRequest(options: { method: string; path: string; headers: Record<string, string>; body?: Buffer; end?: boolean }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: E2E_PORT, method: options.method, path: options.path, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    if (options.body) req.write(options.body);
    if (options.end !== false) req.end();
    else req.flushHeaders(); // send the headers now; the body never follows
  });
}

test.describe("oversized and malformed requests", () => {
  test("a sign-in that declares 100 MB is refused before a byte of it is sent", async () => {
    // The body is never sent: the answer can only come from the declared length.
    const answer = await rawRequest({
      method: "POST",
      path: "/api/auth/callback/credentials",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(100 * 1024 * 1024) },
      end: false,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: "Request body too large: sign-in accepts at most 64 KB (this request declares 100 MB)." });
  });

  test("a chunked sign-in body is cut off at its cap", async () => {
    const answer = await rawRequest({
      method: "POST",
      path: "/api/auth/callback/credentials",
      headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
      body: Buffer.alloc(1024 * 1024, "a"),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: "Request body too large: sign-in accepts at most 64 KB." });
  });

  test("SQL execution over 2 MB, and a batch of 25 API calls, are refused", async () => {
    const api = await adminApi();
    try {
      const sql = await api.post("/api/sql/execute", { data: { engineId: "duckdb", sql: `SELECT '${"x".repeat(3 * 1024 * 1024)}'` } });
      expect(sql.status()).toBe(413);
      expect(await sql.json()).toEqual({ error: "Request body too large: SQL execution accepts at most 2 MB (this request declares 3 MB)." });
      const batch = await api.get(`/api/trpc/${Array.from({ length: 25 }, () => "auth.session").join(",")}?batch=1&input=%7B%7D`);
      expect(batch.status()).toBe(413);
      expect(await batch.json()).toEqual({ error: "Refused: a batch may hold at most 20 API calls; this one holds 25." });
    } finally {
      await api.dispose();
    }
  });

  test("NUL bytes in addresses and JSON are refused with 400, and no user is created", async () => {
    const api = await adminApi();
    try {
      for (const path of ["/buckets/raw%00", "/api/storage/download?bucket=raw&key=a%00b", "/api/trpc/catalog.search%00"]) {
        const response = await api.get(path);
        expect(response.status(), path).toBe(400);
        expect(await response.json(), path).toEqual({ error: "Refused: the address contains a NUL byte (%00), which no page or API accepts." });
      }
      const email = uniqueEmail("nul");
      const created = await api.post("/api/trpc/users.create", { data: { json: { email, name: "Nul\u0000Byte", role: "viewer", password: "correct-horse-battery" } } });
      expect(created.status()).toBe(400);
      expect(await created.json()).toEqual({ error: "Refused: the request contains a NUL byte (\\u0000), which no field accepts." });
      expect(await userExists(email)).toBe(false);
    } finally {
      await api.dispose();
    }
  });

  test("malformed JSON and superjson get a 400 that says so, not a 500", async () => {
    const api = await adminApi();
    try {
      const cases: [string, string][] = [
        ['{"json":', "Refused: the API input is not valid JSON."],
        ['{"json":{"name":"x"},"meta":{"values":{"name":["bigint"]}}}', "Refused: the API input's superjson type annotations do not match its values."],
        ['{"json":{"a":1},"meta":{"values":{"__proto__.a":["undefined"]}}}', "Refused: the API input's superjson type annotations do not match its values."],
      ];
      for (const [body, message] of cases) {
        // As raw bytes: a string would be serialised to JSON once more.
        const response = await api.post("/api/trpc/sql.saved.create", { data: Buffer.from(body), headers: { "content-type": "application/json" } });
        expect(response.status(), body).toBe(400);
        expect(await response.json(), body).toEqual({ error: message });
      }
      const notJson = await api.post("/api/sql/execute", { data: Buffer.from("{sql:"), headers: { "content-type": "application/json" } });
      expect(notJson.status()).toBe(400);
      expect(await notJson.json()).toEqual({ error: "The request body must be JSON." });
    } finally {
      await api.dispose();
    }
  });
});
