// Which datasets a workbench statement read, resolved against the run's session catalog and
// schema, counted once per run, and only for runs that finished successfully.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { ingestUsage, tablesRead } from "./usage";

describe("tables a statement reads", () => {
  it("finds qualified and unqualified tables, not the ones it writes, not CTE names", () => {
    expect(tablesRead("SELECT * FROM lakehouse.staging.flights f JOIN airports a ON a.iata = f.origin")).toEqual([
      { catalog: "lakehouse", schema: "staging", name: "flights" },
      { catalog: null, schema: null, name: "airports" },
    ]);
    expect(tablesRead("WITH recent AS (SELECT * FROM curated.daily_flight_delays) SELECT * FROM recent")).toEqual([
      { catalog: null, schema: "curated", name: "daily_flight_delays" },
    ]);
    expect(tablesRead("INSERT INTO curated.copy SELECT * FROM staging.flights")).toEqual([{ catalog: null, schema: "staging", name: "flights" }]);
    expect(tablesRead("SELECT 1")).toEqual([]);
  });

  it("falls back to FROM/JOIN names for dialect the parser does not know, skipping table functions", () => {
    expect(tablesRead(`SELECT * FROM read_parquet('x.parquet') JOIN "Odd Schema".events USING (id) -- FROM nowhere`)).toEqual([
      { catalog: null, schema: "Odd Schema", name: "events" },
    ]);
  });
});

describe("ingesting workbench runs", () => {
  let database: TestDatabase;
  let userId: string;
  let flightsId: string;
  let airportsId: string;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    userId = (await database.db.user.create({ data: { email: "u@example.com", name: "U", passwordHash: "x" } })).id;
    const dataset = (schema: string, name: string) =>
      database.db.catalogDataset.create({ data: { engineId: "duckdb", catalog: "lakehouse", schema, name, kind: "TABLE", columnsHash: "h" } });
    flightsId = (await dataset("staging", "flights")).id;
    airportsId = (await dataset("staging", "airports")).id;
    await dataset("curated", "flights");
  });
  afterAll(() => database?.close());

  const run = (sql: string, status: "running" | "succeeded" | "failed", minutesAgo = 1, schema = "staging") =>
    database.db.queryRun.create({
      data: {
        userId,
        engineId: "duckdb",
        catalog: "lakehouse",
        schema,
        sql,
        statementKind: "read",
        status,
        startedAt: new Date(Date.now() - minutesAgo * 60_000),
        finishedAt: status === "running" ? null : new Date(),
      },
    });
  const usageOf = async (id: string) => (await database.db.catalogDataset.findUniqueOrThrow({ where: { id } })).usageCount;

  it("counts each successful run once per dataset it read, resolving names with the run's schema", async () => {
    await run("SELECT * FROM flights f JOIN flights g USING (origin)", "succeeded", 10); // staging.flights, once
    await run("SELECT * FROM LAKEHOUSE.STAGING.AIRPORTS", "succeeded", 9);
    await run("SELECT * FROM flights", "failed", 8);
    await run("SELECT * FROM flights", "succeeded", 7, "curated"); // curated.flights
    await ingestUsage(database.db);
    expect([await usageOf(flightsId), await usageOf(airportsId)]).toEqual([1, 1]);
    // Running again finds nothing new and counts nothing twice.
    expect(await ingestUsage(database.db)).toBe(0);
    expect(await usageOf(flightsId)).toBe(1);
  });

  it("waits for a run still in progress, and skips one abandoned for over an hour", async () => {
    await run("SELECT * FROM airports", "running", 120); // abandoned by a dead process
    const inProgress = await run("SELECT * FROM flights", "running", 2);
    await run("SELECT * FROM airports", "succeeded", 1);
    await ingestUsage(database.db);
    expect(await usageOf(airportsId)).toBe(1); // the later run waits behind the one in progress

    await database.db.queryRun.update({ where: { id: inProgress.id }, data: { status: "succeeded", finishedAt: new Date() } });
    await ingestUsage(database.db);
    expect([await usageOf(flightsId), await usageOf(airportsId)]).toEqual([2, 2]);
  });
});
