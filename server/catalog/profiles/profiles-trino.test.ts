// Column profiles through the Trino adapter, against the in-process server that speaks Trino's
// client protocol (server/engines/testing/trino-protocol-server.ts): the cost shown before a
// profile runs (SHOW STATS), a confirmation for a "billion-row" table that then runs on a sample
// of splits, Trino's access control refusing a user (nothing stored, nothing shown from another
// user's profile), and each user's profile their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { TrinoProtocolServer } from "../../engines/testing/trino-protocol-server";
import { createTrinoEngine } from "../../engines/trino/trino-engine";
import type { QueryEngine } from "../../engines/query-engine";
import { setEngines } from "../../engines/registry";
import { crawlEngine } from "../crawler";
import type { CurrentUser } from "../../auth/current-user";
import type { Role } from "../../../lib/auth/roles";
import { catalogAs, createUsers } from "./testing";

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

describe("column profiles on Trino", () => {
  let database: TestDatabase;
  let server: TrinoProtocolServer;
  let engine: QueryEngine;
  let users: Record<Role, CurrentUser>;
  const as = (role: Role) => catalogAs(database.db, users[role]);
  const idOf = async (schema: string, name: string) => (await as("admin").dataset({ engineId: "trino", catalog: "iceberg", schema, name })).id;
  const statements = () => server.served.map((q) => q.sql);

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    users = await createUsers(database.db);
    server = await TrinoProtocolServer.start({ pageSize: 50, deniedTables: [{ user: "viewer@example.com", table: "iceberg.hr.salaries" }] });
    await server.exec(`
      ATTACH ':memory:' AS iceberg;
      CREATE SCHEMA iceberg.sales;
      CREATE TABLE iceberg.sales.orders AS SELECT i AS order_id, CASE WHEN i % 5 = 0 THEN NULL ELSE 'c' || (i % 3) END AS customer, TIMESTAMP '2024-05-01 00:00:00' + INTERVAL (i) HOUR AS ordered_at FROM range(1, 1001) r(i);
      CREATE TABLE iceberg.sales.events AS SELECT i AS event_id, 'click' AS kind FROM range(5000) r(i);
      CREATE VIEW iceberg.sales.customers AS SELECT DISTINCT customer FROM iceberg.sales.orders;
      CREATE SCHEMA iceberg.hr;
      CREATE TABLE iceberg.hr.salaries AS SELECT i AS employee_id, 50000 + i * 10 AS salary FROM range(100) r(i);
    `);
    // Iceberg's statistics say "a billion rows" (metadata, not a count): the cost check must believe them.
    server.declareStatistics("iceberg.sales.events", { rowCount: 1_000_000_000, dataSize: 120 * 1024 ** 3 });
    engine = createTrinoEngine({ url: server.url, id: "trino", label: "Trino (test)" });
    setEngines(new Map([["trino", { engine, defaultCatalog: "iceberg", defaultSchema: "sales" }]]));
    await crawlEngine({ engineId: "trino", engine, trigger: "schedule" });
  });
  afterAll(async () => {
    setEngines(undefined);
    await engine?.close();
    await server?.close();
    await database?.close();
  });

  it("shows what a profile reads before it runs, then profiles as the user", async () => {
    const datasetId = await idOf("sales", "orders");
    const read = await as("viewer").profile({ datasetId });
    expect(read.plan).toMatchObject({ engineKind: "trino", sampling: "full", tableRows: 1000, needsConfirmation: false });
    expect(read.plan!.summary).toMatch(/^The profile reads all 1,000 rows \(.+\) of 3 columns, in two queries\.$/);
    expect(read.profiles).toEqual([]);

    const profile = await as("viewer").profileCompute({ datasetId });
    expect(profile).toMatchObject({ sampling: "full", sampledRows: 1000, tableRows: 1000 });
    expect(profile.columns.find((c) => c.name === "customer")).toMatchObject({
      nullShare: 0.2,
      distinct: 3,
      topValues: [
        { value: "c0", count: 267 },
        { value: "c1", count: 267 },
        { value: "c2", count: 266 },
      ],
    });
    const orderedAt = profile.columns.find((c) => c.name === "ordered_at")!;
    expect(orderedAt).toMatchObject({ kind: "timestamp", min: "2024-05-01 01:00:00.000000", max: "2024-06-11 16:00:00.000000" });
    expect(orderedAt.histogram!.reduce((sum, b) => sum + b.count, 0)).toBe(1000);
    // The statements ran as the viewer, in Trino's SQL.
    const runs = server.served.filter((q) => q.sql.includes("approx_distinct") || q.sql.includes("GROUPING SETS"));
    expect(runs.map((q) => q.user)).toEqual(["viewer@example.com", "viewer@example.com"]);
    expect(runs.map((q) => q.state)).toEqual(["FINISHED", "FINISHED"]);

    // On Trino a profile is its reader's own (row filters and column masks are per user).
    expect((await as("editor").profile({ datasetId })).profiles).toEqual([]);
    expect((await as("viewer").profile({ datasetId })).profiles).toHaveLength(1);
  });

  it("a billion-row table: says what it will scan, asks first, then reads a sample of splits", async () => {
    const datasetId = await idOf("sales", "events");
    const read = await as("editor").profile({ datasetId });
    expect(read.plan).toMatchObject({ sampling: "system", percent: 0.05, tableRows: 1_000_000_000, sizeBytes: 120 * 1024 ** 3, needsConfirmation: true });
    expect(read.plan!.summary).toBe(
      "The table has 1,000,000,000 rows (120 GB): Trino reads a 0.05% sample of its splits (about 500,000 rows, 61.4 MB) of 2 columns, twice. Whole splits are kept or skipped, so the sample is coarser than a row sample.",
    );

    const before = statements().length;
    const unconfirmed = await failure(as("editor").profileCompute({ datasetId }));
    expect(unconfirmed.code).toBe("PRECONDITION_FAILED");
    expect(unconfirmed.message).toBe(`Please confirm: ${read.plan!.summary}`);
    expect(
      statements()
        .slice(before)
        .filter((sql) => !sql.startsWith("SHOW STATS") && !sql.includes("$snapshots")),
    ).toEqual([]);
    expect(await database.db.catalogColumnProfile.count({ where: { datasetId } })).toBe(0);

    const profile = await as("editor").profileCompute({ datasetId, confirmed: true });
    expect(profile).toMatchObject({ sampling: "system", samplePercent: 0.05, tableRows: 1_000_000_000 });
    // Every statement over the table is sampled. (The emulation's 5,000 real rows make a 0.05%
    // sample of whole vectors small or empty; an empty sample needs no histogram statement.)
    const sent = statements()
      .slice(before)
      .filter((sql) => sql.includes("FROM iceberg.sales.events"));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const sql of sent) expect(sql).toContain("FROM iceberg.sales.events TABLESAMPLE SYSTEM (0.05)");
    expect(profile.sampledRows).toBeLessThan(5000);
  });

  it("a view without statistics: its first rows, after a confirmation", async () => {
    const datasetId = await idOf("sales", "customers");
    const read = await as("viewer").profile({ datasetId });
    expect(read.plan).toMatchObject({ sampling: "first", tableRows: null, needsConfirmation: true });
    const profile = await as("viewer").profileCompute({ datasetId, confirmed: true });
    expect(profile).toMatchObject({ sampling: "first", sampledRows: 4 });
    expect(profile.columns[0]).toMatchObject({ name: "customer", nullShare: 0.25, distinct: 3 });
  });

  it("Trino's access control refuses a user: nothing stored, nothing shown from another user's profile", async () => {
    const datasetId = await idOf("hr", "salaries");
    const admins = await as("admin").profileCompute({ datasetId });
    expect(admins.columns.find((c) => c.name === "salary")).toMatchObject({ min: 50000, max: 50990 });

    const read = await failure(as("viewer").profile({ datasetId }));
    expect(read.code).toBe("FORBIDDEN");
    expect(read.message).toBe("The engine does not let you read iceberg.hr.salaries: Access Denied: Cannot select from table iceberg.hr.salaries");
    const compute = await failure(as("viewer").profileCompute({ datasetId, confirmed: true }));
    expect(compute.code).toBe("FORBIDDEN");
    expect(compute.message).toMatch(/Access Denied: Cannot select from table iceberg\.hr\.salaries/);

    const stored = await database.db.catalogColumnProfile.findMany({ where: { datasetId }, select: { reader: true } });
    expect(stored).toEqual([{ reader: "admin@example.com" }]);
    expect(server.served.filter((q) => q.user === "viewer@example.com" && q.sql.includes("salaries")).every((q) => q.state === "FAILED")).toBe(true);
  });
});
