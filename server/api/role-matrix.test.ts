// Who may call what. Every tRPC procedure must be classified in ACCESS below: a new procedure
// that is not makes this test fail, so nobody ships an endpoint without deciding who may use it.
// Each procedure is then called, for real, as nobody, a viewer, an editor and an admin.
import { rmSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { hashPassword } from "../auth/password";
import { loadActiveUser, type CurrentUser } from "../auth/current-user";
import { resetPassword } from "../users/users";
import type { Role } from "../../lib/auth/roles";
import type { Db } from "../db/client";
import { appRouter, createCaller } from "./root";

type Access = "public" | "signed-in" | "viewer" | "editor" | "admin";

/** The minimum role of every procedure of appRouter. Keep in step with the routers. */
const ACCESS: Record<string, Access> = {
  "auth.session": "public",
  "auth.me": "signed-in",
  "users.list": "admin",
  "users.create": "admin",
  "users.changeRole": "admin",
  "users.setDisabled": "admin",
  "users.resetPassword": "admin",
  "users.unlock": "admin",
  "audit.list": "admin",
  "audit.actors": "admin",
  "sql.engines": "signed-in",
  "sql.metadata": "signed-in",
  "sql.autocomplete": "signed-in",
  "sql.cancel": "signed-in",
  "sql.history": "signed-in",
  // Rights of running the statement (viewers: read-only), checked in the handler.
  "sql.explain": "signed-in",
  "sql.aggregate": "signed-in",
  "sql.saved.list": "signed-in",
  "sql.saved.get": "signed-in",
  "sql.saved.create": "signed-in",
  "sql.saved.update": "signed-in",
  "sql.saved.delete": "signed-in",
  // Every role has a workbench; each user reads and writes only their own tabs (server/sql/tabs).
  "sql.tabs.list": "signed-in",
  "sql.tabs.sync": "signed-in",
  // Any signed-in user reaches the bucket procedures; per-bucket read/write rules
  // (PORTAL_BUCKET_ACCESS) are the storage domain's and tested there.
  "buckets.list": "signed-in",
  "buckets.summary": "signed-in",
  "buckets.objects": "signed-in",
  "buckets.object": "signed-in",
  "buckets.preview": "signed-in",
  "buckets.downloadUrl": "signed-in",
  "buckets.uploadLimit": "signed-in",
  "buckets.createFolder": "signed-in",
  "buckets.deletePlan": "signed-in",
  "buckets.delete": "signed-in",
  // The catalog: everyone signed in reads it; editors crawl and curate it.
  "catalog.search": "signed-in",
  "catalog.facets": "signed-in",
  "catalog.engines": "signed-in",
  "catalog.catalogs": "signed-in",
  "catalog.schemas": "signed-in",
  "catalog.datasets": "signed-in",
  "catalog.dataset": "signed-in",
  "catalog.history": "signed-in",
  "catalog.activity": "signed-in",
  "catalog.usage": "signed-in",
  "catalog.sample": "signed-in",
  "catalog.stats": "signed-in",
  // Read and run through the engine as the user: their engine rights decide (server/catalog/profiles).
  "catalog.profile": "signed-in",
  "catalog.profileCompute": "signed-in",
  "catalog.tags": "signed-in",
  "catalog.glossary": "signed-in",
  "catalog.ownerSuggestions": "signed-in",
  // The home page: the caller's own recent views and queries, and popular datasets.
  "catalog.home": "signed-in",
  "catalog.crawl.start": "editor",
  "catalog.crawl.runs": "signed-in",
  "catalog.edit.description": "editor",
  "catalog.edit.columnDescription": "editor",
  "catalog.edit.owners": "editor",
  "catalog.edit.tags": "editor",
  "catalog.edit.glossaryTerms": "editor",
  "catalog.edit.freshness": "editor",
  // API tokens: everyone signed in manages their own; the overview of all is for admins.
  "tokens.create": "signed-in",
  "tokens.list": "signed-in",
  "tokens.revoke": "signed-in",
  "tokens.all": "admin",
  // Single sign-on: admins configure it; the sign-in page asks what to show.
  "sso.settings": "admin",
  "sso.update": "admin",
  "sso.tryClaims": "admin",
  "sso.discover": "admin",
  "sso.signInOptions": "public",
  // Connections hold credentials: admins only (server/connections).
  "connections.list": "admin",
  "connections.get": "admin",
  "connections.create": "admin",
  "connections.update": "admin",
  "connections.delete": "admin",
  "connections.test": "admin",
  "settings.list": "admin",
  "settings.update": "admin",
  "settings.reset": "admin",
  "settings.buckets": "admin",
  // Teams: admins manage them; everyone signed in sees who is behind a team that owns a dataset.
  "teams.list": "admin",
  "teams.get": "admin",
  "teams.create": "admin",
  "teams.update": "admin",
  "teams.delete": "admin",
  "teams.addMembers": "admin",
  "teams.removeMember": "admin",
  "teams.syncSettings": "admin",
  "teams.updateSync": "admin",
  "teams.resolveOwners": "signed-in",
  // Lineage: readable by everyone signed in (as the catalog is).
  "lineage.dataset": "signed-in",
  "lineage.view": "signed-in",
  "lineage.impact": "signed-in",
  "lineage.columns": "signed-in",
  "lineage.node": "signed-in",
  "lineage.search": "signed-in",
  "lineage.catalogFocus": "signed-in",
  // Pipelines dashboards: readable by everyone signed in.
  "pipelines.list": "signed-in",
  "pipelines.runs": "signed-in",
  "pipelines.run": "signed-in",
  "pipelines.job": "signed-in",
  "pipelines.overview": "signed-in",
  "pipelines.timeline": "signed-in",
  // Alerts: everyone signed in sees rules, channels, history and deliveries; editors manage them.
  "alerts.rules": "signed-in",
  "alerts.createRule": "editor",
  "alerts.updateRule": "editor",
  "alerts.deleteRule": "editor",
  "alerts.recipientTeams": "signed-in",
  "alerts.channels": "signed-in",
  "alerts.createChannel": "editor",
  "alerts.updateChannel": "editor",
  "alerts.deleteChannel": "editor",
  "alerts.testChannel": "editor",
  "alerts.history": "signed-in",
  "alerts.deliveries": "signed-in",
  "alerts.runImpact": "signed-in",
  "alerts.notifyOwners": "editor",
  // Airflow (server/orchestrators): everyone signed in reads; editors trigger and clear (audited).
  "orchestrator.status": "signed-in",
  "orchestrator.run": "signed-in",
  "orchestrator.job": "signed-in",
  "orchestrator.taskLog": "signed-in",
  "orchestrator.triggerDagRun": "editor",
  "orchestrator.clearTask": "editor",
};

const RANK: Record<Access, number> = { public: 0, "signed-in": 1, viewer: 1, editor: 2, admin: 3 };
const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

// Procedures that are allowed run for real (buckets.list prepares the local object store): keep
// their files out of the repository's .data. Set before any module reads the configuration.
const dataDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/portal-role-matrix-${process.pid}-${Date.now()}`;
  process.env.PORTAL_DATA_DIR = dir;
  return dir;
});

const procedures = Object.keys(appRouter._def.procedures).sort();

let database: TestDatabase;
const users: Partial<Record<Role, CurrentUser>> = {};

async function addUser(email: string, role: Role) {
  return database.db.user.create({
    data: { email, name: role, role, passwordHash: await hashPassword("a long password") },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  for (const role of ["viewer", "editor", "admin"] as const) {
    const { sessionVersion: _sv, ...user } = await addUser(`${role}@example.com`, role);
    users[role] = user;
  }
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Ctx = { user: CurrentUser | null; ip: string | null; db?: Db };

/** A procedure context over the test database. */
const withDb = (ctx: Ctx) => ({ ...ctx, db: ctx.db ?? database.db });

/** Calls a procedure by its dotted path; resolves to the TRPCError code, or "OK". */
async function call(ctx: Ctx, procedure: string, input: unknown = {}): Promise<string> {
  const caller = createCaller(withDb(ctx)) as unknown as Record<string, unknown>;
  const fn = procedure.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await fn(input);
    return "OK";
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe("the role matrix", () => {
  it("classifies every procedure of appRouter (add new ones to ACCESS)", () => {
    expect(procedures.length).toBeGreaterThan(0);
    const unclassified = procedures.filter((p) => !(p in ACCESS));
    expect(unclassified, `procedures without a minimum role in ACCESS: ${unclassified.join(", ")}`).toEqual([]);
    const gone = Object.keys(ACCESS).filter((p) => !procedures.includes(p));
    expect(gone, `ACCESS lists procedures appRouter no longer has: ${gone.join(", ")}`).toEqual([]);
  });

  describe.each(procedures)("%s", (procedure) => {
    const access = ACCESS[procedure] ?? "admin";

    it(access === "public" ? "is open to callers who are not signed in" : "refuses callers who are not signed in with UNAUTHORIZED", async () => {
      const code = await call({ user: null, ip: null }, procedure);
      if (access === "public") expect(code).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
      else expect(code).toBe("UNAUTHORIZED");
    });

    it.each(["viewer", "editor", "admin"] as const)(`as %s: allowed only from the ${access} level`, async (role) => {
      const code = await call({ user: users[role]!, ip: null }, procedure);
      if (ROLE_RANK[role] >= RANK[access]) {
        // Input validation (BAD_REQUEST) on the empty input is fine: the caller got past the guard.
        expect(code, `${role} calling ${procedure}`).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
      } else {
        expect(code, `${role} calling ${procedure}`).toBe("FORBIDDEN");
      }
    });
  });

  it("checks the role before the input, so outsiders learn nothing about the input format", async () => {
    const malformed = { email: 42, role: "emperor" };
    expect(await call({ user: null, ip: null }, "users.create", malformed)).toBe("UNAUTHORIZED");
    expect(await call({ user: users.viewer!, ip: null }, "users.create", malformed)).toBe("FORBIDDEN");
    expect(await call({ user: users.admin!, ip: null }, "users.create", malformed)).toBe("BAD_REQUEST");
  });

  it("tells a signed-in user which role is missing", async () => {
    const error = await createCaller(withDb({ user: users.editor!, ip: null }))
      .users.list({})
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).message).toBe("This needs the admin role; you are signed in as editor.");
  });
});

describe("the role is read from the database on every request", () => {
  async function contextFor(id: string, sessionVersion: number): Promise<Ctx> {
    return { user: await loadActiveUser(id, sessionVersion, database.db), ip: null };
  }

  it("a demoted admin loses admin rights on the next call", async () => {
    const user = await addUser("demoted@example.com", "admin");
    const before = await contextFor(user.id, user.sessionVersion);
    expect(await call(before, "users.list")).toBe("OK");

    await database.db.user.update({ where: { id: user.id }, data: { role: "viewer" } });

    const after = await contextFor(user.id, user.sessionVersion);
    expect(after.user).toMatchObject({ id: user.id, role: "viewer" });
    expect(await call(after, "users.list")).toBe("FORBIDDEN");
    expect(await createCaller(withDb(after)).auth.me()).toMatchObject({ id: user.id, role: "viewer" });
  });

  it("a promoted viewer gains the rights on the next call", async () => {
    const user = await addUser("promoted@example.com", "viewer");
    expect(await call(await contextFor(user.id, user.sessionVersion), "audit.list")).toBe("FORBIDDEN");
    await database.db.user.update({ where: { id: user.id }, data: { role: "admin" } });
    expect(await call(await contextFor(user.id, user.sessionVersion), "audit.list")).toBe("OK");
  });

  it("a disabled user is nobody", async () => {
    const user = await addUser("disabled@example.com", "admin");
    await database.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    const ctx = await contextFor(user.id, user.sessionVersion);
    expect(ctx.user).toBeNull();
    expect(await call(ctx, "auth.me")).toBe("UNAUTHORIZED");
    expect(await createCaller(withDb(ctx)).auth.session()).toBeNull();
  });

  it("a session from before a password reset is nobody; the new session version works", async () => {
    const user = await addUser("reset@example.com", "editor");
    await resetPassword({ ctx: { user: users.admin!, ip: null, db: database.db }, input: { userId: user.id, password: "another long password" } });

    expect(await loadActiveUser(user.id, user.sessionVersion, database.db)).toBeNull();
    expect(await loadActiveUser(user.id, user.sessionVersion + 1, database.db)).toMatchObject({ id: user.id, role: "editor" });
  });

  it("an id that is not a user is nobody, without a database error", async () => {
    expect(await loadActiveUser("00000000-0000-4000-8000-000000000000", 0, database.db)).toBeNull();
    expect(await loadActiveUser("not-a-uuid'; DROP TABLE users; --", 0, database.db)).toBeNull();
    expect(await loadActiveUser("", 0, database.db)).toBeNull();
  });
});
