// What the audit log records of refusals and saved-query changes, through tRPC as pages call it
// on real databases: a FORBIDDEN (role tier or domain rule) is one api.refused row naming the
// user and procedure, the refused change did not happen, repeats within the window are thinned
// and counted, and an anonymous caller writes nothing; saved queries' create, update and delete
// write sql.query_* rows whose subject reads as the query's name.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "../api/root";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { auditRefusal, forgetRefusals, REPEAT_WINDOW_MS } from "./refusals";
import { listAuditEvents } from "./list-audit";
import { listAuditInput } from "./schemas";

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (err: unknown) => (err instanceof TRPCError ? err.code : `not a TRPCError: ${String(err)}`),
  );

await describeOnDatabases("refusals and saved queries in the audit log on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let viewer: CurrentUser;
  let editor: CurrentUser;
  let admin: CurrentUser;
  const as = (user: CurrentUser | null) => createCaller({ user, ip: "203.0.113.9", db: database.db });
  const rows = (action: string) => database.db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
    editor = await createTestUser(database.db, "editor@example.com", "editor");
    admin = await createTestUser(database.db, "admin@example.com", "admin");
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    forgetRefusals();
    await database.db.$executeRawUnsafe("TRUNCATE audit_events, alert_rules, saved_queries");
  });

  it.skipIf(skip)("audits a role refusal with actor and procedure; nothing changed; repeats are thinned; anonymous calls are not audited", async () => {
    const rule = { name: "r", kind: "job_failed", scopeKind: "namespace", scopeValue: "airflow://prod" } as const;
    expect(await codeOf(as(viewer).alerts.createRule(rule))).toBe("FORBIDDEN");
    expect(await database.db.alertRule.count()).toBe(0);
    const [row, ...more] = await rows("api.refused");
    expect(more).toEqual([]);
    expect(row).toMatchObject({ actorId: viewer.id, actorEmail: "viewer@example.com", subject: "alerts.createRule", outcome: "denied", ip: "203.0.113.9" });
    expect(row!.details).toEqual({ procedure: "alerts.createRule", type: "mutation", message: "This needs the editor role; you are signed in as viewer." });

    // The same again at once: refused, not written again; another procedure is written.
    expect(await codeOf(as(viewer).alerts.createRule(rule))).toBe("FORBIDDEN");
    expect(await codeOf(as(editor).users.list({}))).toBe("FORBIDDEN");
    expect((await rows("api.refused")).map((r) => [r.actorEmail, r.subject])).toEqual([
      ["viewer@example.com", "alerts.createRule"],
      ["editor@example.com", "users.list"],
    ]);
    // After the window the next row counts those left out.
    const later = Date.now() + REPEAT_WINDOW_MS + 1;
    expect(await auditRefusal(database.db, { user: viewer, ip: null, path: "alerts.createRule", type: "mutation", message: "m" }, later)).toBe(true);
    expect((await rows("api.refused")).at(-1)!.details).toMatchObject({ alsoRefusedBefore: 1 });

    // No session: UNAUTHORIZED, and no row (nobody to name; expired tabs poll in floods).
    expect(await codeOf(as(null).alerts.createRule(rule))).toBe("UNAUTHORIZED");
    expect(await rows("api.refused")).toHaveLength(3);
    // Allowed calls write no refusal.
    await as(editor).alerts.createRule(rule);
    expect(await rows("api.refused")).toHaveLength(3);
  });

  it.skipIf(skip)("saved queries: create, update and delete are audited with readable subjects; another user's change is refused, audited and changes nothing", async () => {
    const saved = await as(editor).sql.saved.create({ name: "Daily orders", engineId: "duckdb", sql: "SELECT 1" });
    await as(editor).sql.saved.update({ id: saved.id, name: "Daily orders (EU)", sql: "SELECT 2" });

    expect(await codeOf(as(viewer).sql.saved.update({ id: saved.id, sql: "SELECT 'mine now'" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(viewer).sql.saved.delete({ id: saved.id }))).toBe("FORBIDDEN");
    expect(await database.db.savedQuery.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ name: "Daily orders (EU)", sql: "SELECT 2" });
    expect((await rows("api.refused")).map((r) => [r.actorEmail, r.subject, (r.details as { message: string }).message])).toEqual([
      ["viewer@example.com", "sql.saved.update", "Only its owner or an admin can change this saved query."],
      ["viewer@example.com", "sql.saved.delete", "Only its owner or an admin can change this saved query."],
    ]);

    const page = await listAuditEvents({
      ctx: { user: admin, ip: null, db: database.db },
      input: listAuditInput.parse({ filter: { actions: ["sql.query_saved", "sql.query_updated"] } }),
    });
    expect(page.events.map((e) => [e.action, e.subject, e.subjectInfo?.label, e.details])).toEqual([
      ["sql.query_updated", `query:${saved.id}`, "Daily orders (EU)", { name: "Daily orders (EU)", renamedFrom: "Daily orders", changed: ["name", "sql"] }],
      ["sql.query_saved", `query:${saved.id}`, "Daily orders (EU)", { name: "Daily orders", engineId: "duckdb" }],
    ]);

    // An admin may delete it; the row keeps the name, and the subject is marked gone.
    await as(admin).sql.saved.delete({ id: saved.id });
    const [deleted] = await rows("sql.query_deleted");
    expect(deleted).toMatchObject({ actorEmail: "admin@example.com", subject: `query:${saved.id}`, details: { name: "Daily orders (EU)", owner: "editor@example.com" } });
    const after = await listAuditEvents({ ctx: { user: admin, ip: null, db: database.db }, input: listAuditInput.parse({ filter: { actions: ["sql.query_deleted"] } }) });
    expect(after.events[0]!.subjectInfo).toMatchObject({ gone: true });
  });
});
