import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { DuckDbEngine } from "../engines/duckdb/duckdb-engine";
import { setEngines } from "../engines/registry";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { explainStatement } from "./explain";
import { parseDuckDbPlan, parseTrinoPlan, PlanFormatError, type PlanNode } from "./explain-plan";

let database: TestDatabase;
let engine: DuckDbEngine;
let viewer: CurrentUser;
let editor: CurrentUser;
const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });
const explain = (user: CurrentUser, sql: string) => explainStatement({ ctx: ctxOf(user), input: { engineId: "duckdb", sql, catalog: "memory", schema: "main" } });
const operators = (nodes: PlanNode[]): string[] => nodes.flatMap((n) => [n.operator, ...operators(n.children)]);

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  engine = await DuckDbEngine.create({ path: ":memory:" });
  const conn = await engine.connect();
  await conn.run("CREATE TABLE orders AS SELECT range AS id, range % 10 AS customer_id, range * 1.5 AS total FROM range(1000)");
  await conn.run("CREATE TABLE customers AS SELECT range AS id, 'c' || range AS name FROM range(10)");
  conn.disconnectSync();
  setEngines(new Map([["duckdb", { engine, defaultCatalog: "memory", defaultSchema: "main" }]]));
  viewer = await createTestUser(database.db, "explain-viewer@example.com", "viewer");
  editor = await createTestUser(database.db, "explain-editor@example.com", "editor");
});

afterAll(async () => {
  setEngines(undefined);
  await engine?.close();
  await database?.close();
});

describe("DuckDB plans", () => {
  it("reads DuckDB's own EXPLAIN (FORMAT JSON) output into a tree with estimates and details", async () => {
    const conn = await engine.connect();
    const reader = await conn.runAndReadAll(
      "EXPLAIN (FORMAT JSON) SELECT c.name, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 3 GROUP BY 1",
    );
    conn.disconnectSync();
    const row = reader.getRows().find((r) => r[0] === "physical_plan")!;
    const plan = parseDuckDbPlan(String(row[1]));
    expect(plan).toHaveLength(1);
    const all = operators(plan);
    expect(all).toContain("HASH_JOIN");
    expect(all).toContain("HASH_GROUP_BY");
    expect(all.filter((o) => o === "SEQ_SCAN")).toHaveLength(2);
    const scans: PlanNode[] = [];
    const walk = (n: PlanNode) => (n.operator === "SEQ_SCAN" ? scans.push(n) : n.children.forEach(walk));
    plan.forEach(walk);
    const ordersScan = scans.find((s) => s.details.some((d) => d.includes("orders")))!;
    expect(ordersScan.details).toEqual(expect.arrayContaining([expect.stringMatching(/^Table: .*orders$/), expect.stringMatching(/^Filters: .*total/)]));
    expect(ordersScan.estimatedRows).toBeGreaterThan(0);
    expect(ordersScan.details.some((d) => d.startsWith("Estimated Cardinality"))).toBe(false);
    expect(ordersScan.children).toEqual([]);
  });

  it("refuses what is not a DuckDB plan", () => {
    expect(() => parseDuckDbPlan("not json")).toThrow(PlanFormatError);
    expect(() => parseDuckDbPlan('{"name":"x"}')).toThrow(PlanFormatError);
    expect(() => parseDuckDbPlan('[{"children":[]}]')).toThrow(PlanFormatError);
  });
});

describe("Trino plans", () => {
  const text = readFileSync(new URL("./explain-fixtures/trino-distributed-plan.json", import.meta.url), "utf8");

  it("joins the distributed plan's fragments into one tree at their RemoteSource", () => {
    const plan = parseTrinoPlan(text);
    expect(plan).toHaveLength(1);
    expect(operators(plan)).toEqual(["Output", "RemoteSource", "Aggregate (FINAL)", "LocalExchange", "RemoteSource", "Aggregate (PARTIAL)", "ScanFilter"]);
    const final = plan[0]!.children[0]!.children[0]!;
    expect(final.details).toContain("Fragment: 1");
    expect(final.estimatedRows).toBe(312);
    expect(final.estimatedCost).toBe(88450.5);
    // "NaN" estimates are unknown, not numbers.
    expect(plan[0]!.estimatedRows).toBeNull();
    const partial = final.children[0]!.children[0]!.children[0]!;
    expect(partial.details[0]).toBe("Fragment: 2");
    const scan = partial.children[0]!;
    expect(scan.details).toEqual(expect.arrayContaining(["table: iceberg:staging:flights", 'filterPredicate: ("delay" > 15)', "Outputs: origin varchar"]));
    expect(scan.estimatedRows).toBe(481920);
  });

  it("reads a logical plan (one node) and refuses other shapes", () => {
    const logical = JSON.stringify({ id: "1", name: "Output", descriptor: {}, outputs: [], details: [], estimates: [{ outputRowCount: 25 }], children: [] });
    expect(parseTrinoPlan(logical)).toEqual([{ operator: "Output", details: [], estimatedRows: 25, estimatedCost: null, children: [] }]);
    expect(() => parseTrinoPlan("[]")).toThrow(PlanFormatError);
    expect(() => parseTrinoPlan("{}")).toThrow(PlanFormatError);
  });
});

describe("sql.explain", () => {
  it("explains a viewer's SELECT on DuckDB without running it", async () => {
    const result = await explain(viewer, "SELECT customer_id, count(*) FROM orders GROUP BY 1");
    expect(result.engineKind).toBe("duckdb");
    expect(operators(result.plan)).toEqual(expect.arrayContaining(["PERFECT_HASH_GROUP_BY", "SEQ_SCAN"]));
    expect(await database.db.queryRun.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it("refuses a viewer's DELETE as running it would (audited), and changes nothing", async () => {
    const err = await domainErrorOf(explain(viewer, "DELETE FROM orders"));
    expect(err.code).toBe("FORBIDDEN");
    const refusal = await database.db.auditEvent.findFirst({ where: { action: "sql.refused", actorId: viewer.id } });
    expect(refusal).not.toBeNull();
    const conn = await engine.connect();
    expect(Number((await conn.runAndReadAll("SELECT count(*) FROM orders")).getRows()[0]![0])).toBe(1000);
    conn.disconnectSync();
  });

  it("lets an editor see a DELETE's plan without confirming, since nothing runs", async () => {
    const result = await explain(editor, "DELETE FROM orders");
    expect(operators(result.plan)).toContain("DELETE");
    const conn = await engine.connect();
    expect(Number((await conn.runAndReadAll("SELECT count(*) FROM orders")).getRows()[0]![0])).toBe(1000);
    conn.disconnectSync();
  });

  it("says what is wrong: a mistake in the SQL, several statements, an EXPLAIN already", async () => {
    expect((await domainErrorOf(explain(viewer, "SELECT nope FROM orders"))).message).toMatch(/nope/);
    expect((await domainErrorOf(explain(viewer, "SELECT 1; SELECT 2"))).code).toBe("BAD_REQUEST");
    expect((await domainErrorOf(explain(viewer, "EXPLAIN SELECT 1"))).message).toMatch(/EXPLAIN statement already/);
  });
});
