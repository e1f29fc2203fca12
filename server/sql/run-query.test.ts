import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { DuckDbEngine } from "../engines/duckdb/duckdb-engine";
import { setEngines } from "../engines/registry";
import { executeRun, prepareRun, timeLimitMessage, type RunEvent } from "./run-query";
import { cancelRun, listRuns } from "./history";
import { createSavedQuery, deleteSavedQuery, getSavedQuery, updateSavedQuery } from "./saved-queries";
import { createEncoder } from "./result-formats";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";

let database: TestDatabase;
let engine: DuckDbEngine;
let viewer: CurrentUser;
let editor: CurrentUser;
let admin: CurrentUser;
const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });

async function run(user: CurrentUser, sql: string, extra: { limit?: number | null; confirmed?: boolean; signal?: AbortSignal } = {}) {
  const prepared = await prepareRun({
    ctx: ctxOf(user),
    input: {
      engineId: "duckdb",
      sql,
      catalog: "memory",
      schema: "main",
      limit: extra.limit === undefined ? 1_000 : extra.limit,
      confirmed: extra.confirmed,
    },
  });
  const events: RunEvent[] = [];
  for await (const e of executeRun(prepared, extra.signal ?? new AbortController().signal)) events.push(e);
  return events;
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  engine = await DuckDbEngine.create({ path: ":memory:" });
  const conn = await engine.connect();
  await conn.run("CREATE TABLE orders AS SELECT range AS id, range % 7 AS shop FROM range(5000)");
  conn.disconnectSync();
  setEngines(new Map([["duckdb", { engine, defaultCatalog: "memory", defaultSchema: "main" }]]));
  viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
  editor = await createTestUser(database.db, "editor@example.com", "editor");
  admin = await createTestUser(database.db, "admin@example.com", "admin");
});

afterAll(async () => {
  setEngines(undefined);
  await engine?.close();
  await database?.close();
});

describe("running a statement", () => {
  it("streams a viewer's SELECT and records the run with its row count", async () => {
    const events = await run(viewer, "SELECT id FROM orders ORDER BY id", { limit: 1_200 });
    expect(events[0]).toMatchObject({ type: "run", statementKind: "read", verb: "SELECT" });
    const rows = events.flatMap((e) => (e.type === "rows" ? e.rows : []));
    expect(rows).toHaveLength(1_200);
    expect(events.at(-1)).toMatchObject({ type: "finished", rowCount: 1_200, truncated: true });
    const runId = (events[0] as { runId: string }).runId;
    const stored = await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } });
    expect(stored).toMatchObject({ status: "succeeded", rowCount: 1_200, truncated: true, userId: viewer.id, engineId: "duckdb" });
    expect(stored.engineQueryId).toMatch(/^duckdb_/);
    expect(stored.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("checks DuckDB-only syntax in the session's schema (unqualified names resolve there)", async () => {
    const conn = await engine.connect();
    await conn.run("CREATE SCHEMA IF NOT EXISTS curated; CREATE OR REPLACE TABLE curated.routes AS SELECT 1 AS id, 'x' AS name");
    conn.disconnectSync();
    // `FROM t` and `EXCLUDE` are DuckDB syntax: node-sql-parser cannot parse them, DuckDB's parser decides.
    const prepared = await prepareRun({
      ctx: ctxOf(viewer),
      input: { engineId: "duckdb", sql: "FROM routes SELECT * EXCLUDE (name)", catalog: "memory", schema: "curated", limit: 10 },
    });
    expect(prepared.preflightError).toBeUndefined();
    expect(prepared.classification.kind).toBe("read");
  });

  it("refuses empty SQL, several statements and SQL over 1 MB, with reasons", async () => {
    expect((await domainErrorOf(run(viewer, "  -- nothing\n"))).code).toBe("BAD_REQUEST");
    const several = await domainErrorOf(run(viewer, "SELECT 1; SELECT 2"));
    expect(several.message).toMatch(/2 statements/);
    const huge = await domainErrorOf(run(viewer, `SELECT '${"x".repeat(1_100_000)}'`));
    expect(huge.code).toBe("PAYLOAD_TOO_LARGE");
    expect(huge.message).toMatch(/1 MB/);
  });

  it("refuses DDL and DML for viewers (decided by the parser) and audits the refusal", async () => {
    const drop = await domainErrorOf(run(viewer, "DROP TABLE orders"));
    expect(drop.code).toBe("FORBIDDEN");
    expect(drop.message).toMatch(/read-only/);
    expect((await domainErrorOf(run(viewer, "INSERT INTO orders VALUES (1, 1)"))).code).toBe("FORBIDDEN");
    // A string that looks like DDL does not fool it.
    const events = await run(viewer, "SELECT 'DROP TABLE orders' AS text");
    expect(events.at(-1)).toMatchObject({ type: "finished", rowCount: 1 });
    const audit = await database.db.auditEvent.findFirst({ where: { action: "sql.refused", actorId: viewer.id } });
    expect(audit?.outcome).toBe("denied");
  });

  it.each([
    // (This engine has no lake: no file is reachable at all.)
    ["viewer", "SELECT * FROM read_text('/etc/passwd')", "Reading files is not allowed on this engine: /etc/passwd"],
    ["editor", "COPY orders TO '/tmp/portal-run-query-test.csv'", "Writing files is not allowed on this engine: /tmp/portal-run-query-test.csv"],
    ["admin", "SET threads = 1", "This statement is not allowed: SET is not allowed: it changes the shared engine's settings for every user."],
    ["admin", "ATTACH '/tmp/portal-evil.db' AS evil", "This statement is not allowed: ATTACH is not allowed: databases cannot be attached: it opens files outside the lake."],
  ] as const)("the sandbox refuses a %s's %s with a clear reason, audits it with the statement, and records no run", async (role, sql, message) => {
    const user = role === "viewer" ? viewer : role === "editor" ? editor : admin;
    const runsBefore = await database.db.queryRun.count();
    const refused = await domainErrorOf(run(user, sql));
    expect(refused).toMatchObject({ code: "FORBIDDEN", message });
    const audit = await database.db.auditEvent.findFirst({ where: { action: "sql.refused", actorId: user.id }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ outcome: "denied", subject: "duckdb" });
    expect((audit!.details as { sql: string }).sql).toBe(sql);
    expect(await database.db.queryRun.count()).toBe(runsBefore);
    const { existsSync } = await import("node:fs");
    expect(existsSync("/tmp/portal-run-query-test.csv") || existsSync("/tmp/portal-evil.db")).toBe(false);
  });

  it("names the role's time limit when a statement runs out of time", () => {
    expect(timeLimitMessage("viewer", 300)).toBe(
      "The query ran longer than 5 minutes, the time limit for viewers, and was stopped. Narrow it down (a WHERE, a LIMIT) or ask an admin for a longer limit.",
    );
    expect(timeLimitMessage("admin", 3600)).toMatch(/^The query ran longer than 1 hour, the time limit for admins/);
    expect(timeLimitMessage("editor", 45)).toMatch(/^The query ran longer than 45 seconds, the time limit for editors/);
  });

  it("asks editors to confirm a DELETE without WHERE, then runs and audits it", async () => {
    const conn = await engine.connect();
    await conn.run("CREATE TABLE scratch AS SELECT range AS id FROM range(10)");
    conn.disconnectSync();
    const ask = await domainErrorOf(run(editor, "DELETE FROM scratch"));
    expect(ask.code).toBe("PRECONDITION_FAILED");
    expect(ask.message).toMatch(/every row/);
    const events = await run(editor, "DELETE FROM scratch", { confirmed: true });
    expect(events[0]).toMatchObject({ type: "run", statementKind: "dml" });
    expect(events.at(-1)).toMatchObject({ type: "finished" });
    const check = await run(editor, "SELECT count(*) FROM scratch");
    expect(check.flatMap((e) => (e.type === "rows" ? e.rows : []))).toEqual([[0]]);
    const audit = await database.db.auditEvent.findFirst({ where: { action: "sql.executed", actorId: editor.id }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "success" });
    expect((audit?.details as { verb: string }).verb).toBe("DELETE");
  });

  it("reports an error's line and column in the text the user submitted", async () => {
    const sql = "\n\n-- my query\nSELECT id,\n  FROM orders WHERE";
    const events = await run(viewer, sql);
    const error = events.at(-1) as Extract<RunEvent, { type: "error" }>;
    expect(error.type).toBe("error");
    expect(error.kind).toBe("user");
    expect(error.line).toBe(5); // the line of "FROM orders WHERE" in the submitted text
    const run0 = events[0] as { runId: string };
    expect(await database.db.queryRun.findUniqueOrThrow({ where: { id: run0.runId } })).toMatchObject({ status: "failed", errorLine: 5 });
  });

  it("cancels a running query by its run id and records it as cancelled", async () => {
    const prepared = await prepareRun({
      ctx: ctxOf(viewer),
      input: { engineId: "duckdb", sql: "SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c", limit: 10 },
    });
    const events: RunEvent[] = [];
    for await (const e of executeRun(prepared, new AbortController().signal)) {
      events.push(e);
      if (e.type === "started") {
        const runId = (events[0] as { runId: string }).runId;
        await expect(cancelRun({ ctx: ctxOf(viewer), input: { runId } })).resolves.toEqual({ cancelled: true });
      }
    }
    expect(events.at(-1)).toMatchObject({ type: "error", kind: "cancelled" });
    const runId = (events[0] as { runId: string }).runId;
    expect((await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("cancelled");
  });

  it("stops the engine and records the run when the browser goes away mid-stream", async () => {
    const controller = new AbortController();
    const prepared = await prepareRun({ ctx: ctxOf(viewer), input: { engineId: "duckdb", sql: "SELECT a.range FROM range(1000000) a, range(1000) b", limit: 1_000_000 } });
    const stream = executeRun(prepared, controller.signal);
    let runId = "";
    for await (const e of stream) {
      if (e.type === "run") runId = e.runId;
      if (e.type === "rows") break; // what the route does when the response stream is cancelled
    }
    const stored = await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } });
    expect(stored.status).toBe("cancelled");
    expect(stored.finishedAt).not.toBeNull();
    const after = await run(viewer, "SELECT 42");
    expect(after.flatMap((e) => (e.type === "rows" ? e.rows : []))).toEqual([[42]]);
  });

  it("does not let one user cancel another's query", async () => {
    const events = await run(editor, "SELECT 1");
    const runId = (events[0] as { runId: string }).runId;
    expect((await domainErrorOf(cancelRun({ ctx: ctxOf(viewer), input: { runId } }))).code).toBe("FORBIDDEN");
    await expect(cancelRun({ ctx: ctxOf(admin), input: { runId } })).resolves.toEqual({ cancelled: false }); // already finished
  });
});

describe("history and saved queries", () => {
  it("finds runs by a piece of their SQL, only the user's own unless an admin asks for everyone", async () => {
    await run(viewer, "SELECT shop, count(*) AS orders_per_shop FROM orders GROUP BY shop");
    const mine = await listRuns({ ctx: ctxOf(viewer), input: { search: "orders_per_SHOP", everyone: false, page: 1, pageSize: 10 } });
    expect(mine.total).toBe(1);
    expect(mine.runs[0]!.sql).toContain("orders_per_shop");
    expect((await listRuns({ ctx: ctxOf(editor), input: { search: "orders_per_shop", everyone: false, page: 1, pageSize: 10 } })).total).toBe(0);
    expect((await domainErrorOf(listRuns({ ctx: ctxOf(editor), input: { everyone: true, page: 1, pageSize: 10 } }))).code).toBe("FORBIDDEN");
    expect((await listRuns({ ctx: ctxOf(admin), input: { search: "orders_per_shop", everyone: true, page: 1, pageSize: 10 } })).total).toBe(1);
  });

  it("lets anyone open a saved query by id, but only its owner or an admin change it", async () => {
    const saved = await createSavedQuery({ ctx: ctxOf(editor), input: { name: "Shops", description: "Orders per shop", engineId: "duckdb", sql: "SELECT shop FROM orders" } });
    expect((await getSavedQuery(database.db, saved.id)).owner.email).toBe("editor@example.com");
    expect((await domainErrorOf(updateSavedQuery({ ctx: ctxOf(viewer), input: { id: saved.id, name: "Mine now" } }))).code).toBe("FORBIDDEN");
    expect((await updateSavedQuery({ ctx: ctxOf(editor), input: { id: saved.id, name: "Shops v2" } })).name).toBe("Shops v2");
    await deleteSavedQuery({ ctx: ctxOf(admin), input: { id: saved.id } });
    expect((await domainErrorOf(getSavedQuery(database.db, saved.id))).code).toBe("NOT_FOUND");
  });

  it("does not overwrite a change made after the editor opened the saved query", async () => {
    const saved = await createSavedQuery({ ctx: ctxOf(editor), input: { name: "Busy", description: "", engineId: "duckdb", sql: "SELECT 1" } });
    const openedAt = saved.updatedAt;
    // Someone (an admin) saves a change meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await updateSavedQuery({ ctx: ctxOf(admin), input: { id: saved.id, sql: "SELECT 2" } });
    const err = await domainErrorOf(updateSavedQuery({ ctx: ctxOf(editor), input: { id: saved.id, sql: "SELECT 3", ifUnchangedSince: openedAt } }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/“Busy” was changed at .* UTC, after you opened it/);
    expect((await getSavedQuery(database.db, saved.id)).sql).toBe("SELECT 2");

    const current = await getSavedQuery(database.db, saved.id);
    const updated = await updateSavedQuery({ ctx: ctxOf(editor), input: { id: saved.id, sql: "SELECT 3", ifUnchangedSince: current.updatedAt } });
    expect(updated.sql).toBe("SELECT 3");
    expect(updated.updatedAt.getTime()).toBeGreaterThan(current.updatedAt.getTime());
  });
});

describe("download encoders", () => {
  const columns = [
    { name: "id", type: "BIGINT" },
    { name: "note", type: "VARCHAR" },
  ];
  it("writes RFC 4180 CSV with quoting where needed", () => {
    const csv = createEncoder("csv", columns);
    expect(
      csv.header() +
        csv.rows([
          [1, 'say "hi", ok'],
          [2, null],
        ]) +
        csv.footer(),
    ).toBe('id,note\r\n1,"say ""hi"", ok"\r\n2,\r\n');
  });
  it("writes a JSON array of objects that parses back", () => {
    const json = createEncoder("json", columns);
    const text = json.header() + json.rows([[1, "a"]]) + json.rows([[2, "b"]]) + json.footer();
    expect(JSON.parse(text)).toEqual([
      { id: 1, note: "a" },
      { id: 2, note: "b" },
    ]);
    const empty = createEncoder("json", columns);
    expect(JSON.parse(empty.header() + empty.footer())).toEqual([]);
  });
});
