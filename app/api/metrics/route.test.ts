// GET /api/metrics with PORTAL_METRICS_TOKEN set: the scraper's shared token and a personal API
// token with the metrics:read scope get the metrics; a token without that scope, a revoked one
// and no credentials are refused with what was wrong.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/databases";
import { describeOnDatabases } from "@/server/testing/describe-on-databases";
import { createTestUser } from "@/server/testing/expectations";
import { createToken, revokeToken } from "@/server/auth/api-tokens";
import type { CurrentUser } from "@/server/auth/current-user";
import { GET } from "./route";

// Set before any module reads the configuration (vi.hoisted runs ahead of the imports).
const SHARED = vi.hoisted(() => {
  const token = "scraper-token-0123456789abcdef";
  process.env.PORTAL_METRICS_TOKEN = token;
  return token;
});

await describeOnDatabases("GET /api/metrics with a metrics token on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let user: CurrentUser;
  const scrape = (authorization?: string) => GET(new Request("http://portal.test/api/metrics", { headers: authorization ? { authorization } : {} }));
  const tokenWith = async (scopes: ("metrics:read" | "read")[]) =>
    createToken({ ctx: { user, ip: null, db: database.db }, input: { name: `scrape ${scopes.join(" ")}`, scopes, expiresInDays: 1 } });

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    user = await createTestUser(database.db, "prometheus@example.com", "viewer");
  });
  afterAll(async () => {
    await database?.close();
    delete process.env.PORTAL_METRICS_TOKEN; // in case the worker process runs another file next
  });

  it.skipIf(skip)("serves the shared token and a metrics:read API token", async () => {
    const shared = await scrape(`Bearer ${SHARED}`);
    expect(shared.status).toBe(200);
    expect(await shared.text()).toContain("# TYPE");
    const { token } = await tokenWith(["metrics:read"]);
    const personal = await scrape(`Bearer ${token}`);
    expect(personal.status).toBe(200);
    expect(await personal.text()).toContain("# TYPE");
  });

  it.skipIf(skip)("refuses no credentials, a token without the scope and a revoked token, saying why", async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    const { token: readOnly } = await tokenWith(["read"]);
    const underScoped = await scrape(`Bearer ${readOnly}`);
    expect(underScoped.status).toBe(403);
    expect(((await underScoped.json()) as { error: string }).error).toMatch(/lacks the `metrics:read` scope/);
    const created = await tokenWith(["metrics:read"]);
    await revokeToken({ ctx: { user, ip: null, db: database.db }, input: { id: created.id } });
    const revoked = await scrape(`Bearer ${created.token}`);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: string }).error).toMatch(/revoked/);
  });
});
