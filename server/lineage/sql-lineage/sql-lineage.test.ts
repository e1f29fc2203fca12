// SQL-derived lineage on real statements: DuckDB's (the demo lakehouse's own and the kinds
// people write in the workbench) against an in-memory DuckDB with the demo tables' columns, and
// Trino's through node-sql-parser. Each column edge is asserted exactly, and statements whose
// columns cannot be known for certain must keep their datasets and lose only column edges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { deriveLineage, type DerivedLineage, type TableLookup } from "./derive";
import { duckDbLookup } from "./duckdb-lookup";

const NS = "duckdb://portal";
let conn: DuckDBConnection;
let lookup: TableLookup;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  conn = await instance.connect();
  for (const sql of [
    "ATTACH ':memory:' AS lakehouse",
    "CREATE SCHEMA lakehouse.staging",
    "CREATE SCHEMA lakehouse.curated",
    "CREATE SCHEMA lakehouse.raw",
    "CREATE TABLE lakehouse.staging.flights (departed_at TIMESTAMP, flight_date DATE, delay_minutes INTEGER, distance_miles INTEGER, origin VARCHAR, destination VARCHAR)",
    "CREATE TABLE lakehouse.staging.airports (iata VARCHAR, name VARCHAR, city VARCHAR, state VARCHAR, country VARCHAR, latitude DOUBLE, longitude DOUBLE)",
    "CREATE TABLE lakehouse.staging.seattle_weather (day DATE, precipitation_mm DOUBLE, temp_max_c DOUBLE, temp_min_c DOUBLE, wind_ms DOUBLE, weather VARCHAR)",
    'CREATE TABLE lakehouse.curated."Ünïcødé Tåble" ("Größe" INTEGER, "naïve" VARCHAR)',
    "CREATE TABLE lakehouse.curated.origin_counts (origin VARCHAR, n BIGINT)",
  ])
    await conn.run(sql);
  lookup = duckDbLookup(conn);
});
afterAll(() => conn?.disconnectSync());

const derive = (sql: string, engine: "duckdb" | "trino" = "duckdb") =>
  deriveLineage({
    sql,
    engine,
    namespace: engine === "duckdb" ? NS : "trino://trino.example.com:8443",
    catalog: engine === "duckdb" ? "lakehouse" : "hive",
    schema: engine === "duckdb" ? "curated" : "web",
    lookup: engine === "duckdb" ? lookup : async () => null,
  });

/** `column ← dataset.field TYPE/SUBTYPE`, sorted, dataset names without the namespace. */
function edges(l: DerivedLineage | null): string[] {
  const out: string[] = [];
  for (const [field, inputs] of Object.entries(l?.columnLineage?.fields ?? {}))
    for (const i of inputs) for (const t of i.transformations) out.push(`${field} ← ${i.name}.${i.field} ${t.type}/${t.subtype}`);
  for (const i of l?.columnLineage?.dataset ?? []) for (const t of i.transformations) out.push(`* ← ${i.name}.${i.field} ${t.type}/${t.subtype}`);
  return out.sort();
}
const inputs = (l: DerivedLineage | null) => l?.inputs.map((d) => `${d.namespace} ${d.name}`).sort();

describe("SQL-derived lineage on DuckDB", () => {
  it("CTAS with GROUP BY: the new table, its input and the column edges the e2e test looks for", async () => {
    const l = await derive("CREATE TABLE lakehouse.curated.e2e_x AS SELECT origin, count(DISTINCT destination) AS n FROM lakehouse.staging.flights GROUP BY origin");
    expect(l?.verb).toBe("CREATE TABLE AS");
    expect(l?.output).toMatchObject({ namespace: NS, name: "lakehouse.curated.e2e_x" });
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.flights`]);
    expect(edges(l)).toEqual([
      "* ← lakehouse.staging.flights.origin INDIRECT/GROUP_BY",
      "n ← lakehouse.staging.flights.destination DIRECT/AGGREGATION",
      "origin ← lakehouse.staging.flights.origin DIRECT/IDENTITY",
    ]);
  });

  it("unqualified names take the run's catalog and schema; count(*) depends on no column", async () => {
    const l = await derive("create or replace table counts as select origin, count(*) as flights from staging.flights where delay_minutes > 15 group by all order by flights desc");
    expect(l?.output.name).toBe("lakehouse.curated.counts");
    expect(edges(l)).toEqual([
      "* ← lakehouse.staging.flights.delay_minutes INDIRECT/FILTER",
      "* ← lakehouse.staging.flights.origin INDIRECT/GROUP_BY",
      "origin ← lakehouse.staging.flights.origin DIRECT/IDENTITY",
    ]);
  });

  it("the demo's typed staging table: casts are transformations, renames identities", async () => {
    await conn.run("CREATE OR REPLACE VIEW lakehouse.raw.flights AS SELECT NULL::VARCHAR AS date, 1 AS delay, 2 AS distance, 'a' AS origin, 'b' AS destination");
    const l = await derive(`CREATE OR REPLACE TABLE staging.flights2 AS
           SELECT CAST(date AS TIMESTAMP) AS departed_at, CAST(date AS DATE) AS flight_date,
                  CAST(delay AS INTEGER) AS delay_minutes, origin, destination AS dest
           FROM raw.flights WHERE origin IS NOT NULL AND destination IS NOT NULL`);
    expect(edges(l)).toEqual([
      "* ← lakehouse.raw.flights.destination INDIRECT/FILTER",
      "* ← lakehouse.raw.flights.origin INDIRECT/FILTER",
      "delay_minutes ← lakehouse.raw.flights.delay DIRECT/TRANSFORMATION",
      "departed_at ← lakehouse.raw.flights.date DIRECT/TRANSFORMATION",
      "dest ← lakehouse.raw.flights.destination DIRECT/IDENTITY",
      "flight_date ← lakehouse.raw.flights.date DIRECT/TRANSFORMATION",
      "origin ← lakehouse.raw.flights.origin DIRECT/IDENTITY",
    ]);
  });

  it("joins with aliases, a self-join and aggregates over expressions (the demo's route_performance)", async () => {
    const l = await derive(`CREATE OR REPLACE TABLE curated.route_performance AS
           SELECT f.origin, o.city AS origin_city, f.destination, d.city AS destination_city,
                  count(*) AS flights, round(avg(f.delay_minutes), 2) AS avg_delay_minutes, max(f.distance_miles) AS distance_miles
           FROM staging.flights f
           LEFT JOIN staging.airports o ON o.iata = f.origin
           LEFT JOIN staging.airports d ON d.iata = f.destination
           GROUP BY ALL ORDER BY flights DESC`);
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.airports`, `${NS} lakehouse.staging.flights`]);
    const e = edges(l);
    expect(e).toContain("origin_city ← lakehouse.staging.airports.city DIRECT/IDENTITY");
    expect(e).toContain("destination_city ← lakehouse.staging.airports.city DIRECT/IDENTITY");
    expect(e).toContain("avg_delay_minutes ← lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION");
    expect(e).toContain("distance_miles ← lakehouse.staging.flights.distance_miles DIRECT/AGGREGATION");
    expect(e).toContain("* ← lakehouse.staging.airports.iata INDIRECT/JOIN");
    expect(e).toContain("* ← lakehouse.staging.flights.origin INDIRECT/JOIN");
    expect(e).toContain("* ← lakehouse.staging.flights.destination INDIRECT/GROUP_BY");
    expect(e.filter((x) => x.startsWith("flights ←"))).toEqual([]);
  });

  it("subqueries in FROM and coalesce over them (the demo's airport_traffic)", async () => {
    const l = await derive(`CREATE OR REPLACE TABLE curated.airport_traffic AS
           SELECT a.iata, a.name, coalesce(dep.departures, 0) AS departures, coalesce(arr.arrivals, 0) AS arrivals
           FROM staging.airports a
           LEFT JOIN (SELECT origin, count(*) AS departures FROM staging.flights GROUP BY origin) dep ON dep.origin = a.iata
           LEFT JOIN (SELECT destination, count(distance_miles) AS arrivals FROM staging.flights GROUP BY destination) arr ON arr.destination = a.iata
           WHERE dep.departures IS NOT NULL OR arr.arrivals IS NOT NULL`);
    const e = edges(l);
    expect(e).toContain("iata ← lakehouse.staging.airports.iata DIRECT/IDENTITY");
    expect(e).toContain("arrivals ← lakehouse.staging.flights.distance_miles DIRECT/AGGREGATION");
    expect(e).toContain("* ← lakehouse.staging.flights.origin INDIRECT/GROUP_BY");
    expect(e).toContain("* ← lakehouse.staging.flights.distance_miles INDIRECT/FILTER");
    expect(e.filter((x) => x.startsWith("departures ←"))).toEqual([]);
  });

  it("CTEs (also chained and shadowing a table name), not counted as inputs", async () => {
    const l = await derive(`CREATE TABLE curated.cte_x AS
      WITH late AS (SELECT origin, delay_minutes FROM staging.flights WHERE delay_minutes > 60),
           airports AS (SELECT iata AS code, city FROM staging.airports)
      SELECT airports.city, max(late.delay_minutes) AS worst FROM late JOIN airports ON airports.code = late.origin GROUP BY 1`);
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.airports`, `${NS} lakehouse.staging.flights`]);
    expect(edges(l)).toEqual([
      "* ← lakehouse.staging.airports.city INDIRECT/GROUP_BY",
      "* ← lakehouse.staging.airports.iata INDIRECT/JOIN",
      "* ← lakehouse.staging.flights.delay_minutes INDIRECT/FILTER",
      "* ← lakehouse.staging.flights.origin INDIRECT/JOIN",
      "city ← lakehouse.staging.airports.city DIRECT/IDENTITY",
      "worst ← lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION",
    ]);
  });

  it("window functions: arguments flow, PARTITION BY and ORDER BY are INDIRECT WINDOW of that column", async () => {
    const l = await derive(`CREATE TABLE curated.ranked AS
      SELECT origin, row_number() OVER (PARTITION BY origin ORDER BY delay_minutes DESC) AS rank_in_origin,
             sum(distance_miles) OVER (PARTITION BY origin) AS origin_miles
      FROM staging.flights QUALIFY rank_in_origin <= 3`);
    expect(edges(l)).toEqual([
      "* ← lakehouse.staging.flights.delay_minutes INDIRECT/FILTER",
      "* ← lakehouse.staging.flights.origin INDIRECT/FILTER",
      "origin ← lakehouse.staging.flights.origin DIRECT/IDENTITY",
      "origin_miles ← lakehouse.staging.flights.distance_miles DIRECT/AGGREGATION",
      "origin_miles ← lakehouse.staging.flights.origin INDIRECT/WINDOW",
      "rank_in_origin ← lakehouse.staging.flights.delay_minutes INDIRECT/WINDOW",
      "rank_in_origin ← lakehouse.staging.flights.origin INDIRECT/WINDOW",
    ]);
  });

  it("UNION: each output column from both sides, by position", async () => {
    const l = await derive("CREATE TABLE curated.codes AS SELECT origin AS code FROM staging.flights UNION SELECT iata FROM staging.airports");
    expect(edges(l)).toEqual(["code ← lakehouse.staging.airports.iata DIRECT/IDENTITY", "code ← lakehouse.staging.flights.origin DIRECT/IDENTITY"]);
  });

  it("CASE: conditions are INDIRECT CONDITIONAL, results DIRECT", async () => {
    const l = await derive("CREATE VIEW curated.v_case AS SELECT CASE WHEN delay_minutes > 15 THEN 'late' ELSE origin END AS status FROM staging.flights");
    expect(l?.verb).toBe("CREATE VIEW");
    expect(edges(l)).toEqual(["status ← lakehouse.staging.flights.delay_minutes INDIRECT/CONDITIONAL", "status ← lakehouse.staging.flights.origin DIRECT/TRANSFORMATION"]);
  });

  it("a correlated scalar subquery and EXISTS", async () => {
    const l = await derive(`CREATE TABLE curated.sub AS
      SELECT a.iata, (SELECT count(f.delay_minutes) FROM staging.flights f WHERE f.origin = a.iata) AS delays
      FROM staging.airports a WHERE EXISTS (SELECT 1 FROM staging.flights g WHERE g.destination = a.iata)`);
    const e = edges(l);
    expect(e).toContain("iata ← lakehouse.staging.airports.iata DIRECT/IDENTITY");
    expect(e).toContain("delays ← lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION");
    expect(e).toContain("delays ← lakehouse.staging.flights.origin INDIRECT/FILTER");
    expect(e).toContain("* ← lakehouse.staging.flights.destination INDIRECT/FILTER");
  });

  it("SELECT * over known tables expands in order; * EXCLUDE drops columns", async () => {
    const l = await derive("CREATE TABLE curated.airports_copy AS SELECT * EXCLUDE (latitude, longitude) FROM staging.airports");
    expect(Object.keys(l?.columnLineage?.fields ?? {})).toEqual(["iata", "name", "city", "state", "country"]);
    expect(edges(l)).toContain("country ← lakehouse.staging.airports.country DIRECT/IDENTITY");
  });

  it("quoted unicode identifiers keep their spelling", async () => {
    const l = await derive('CREATE TABLE curated."Ähnlich" AS SELECT "Größe" * 2 AS "doppelte Größe", "naïve" FROM curated."Ünïcødé Tåble"');
    expect(l?.output.name).toBe("lakehouse.curated.Ähnlich");
    expect(edges(l)).toEqual(["doppelte Größe ← lakehouse.curated.Ünïcødé Tåble.Größe DIRECT/TRANSFORMATION", "naïve ← lakehouse.curated.Ünïcødé Tåble.naïve DIRECT/IDENTITY"]);
  });

  it("names written in another case are the engine's datasets", async () => {
    const l = await derive("CREATE TABLE curated.upper_x AS SELECT ORIGIN FROM STAGING.FLIGHTS");
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.flights`]);
    expect(edges(l)).toEqual(["ORIGIN ← lakehouse.staging.flights.origin DIRECT/IDENTITY"]);
  });

  it("INSERT … SELECT maps positionally to the table's columns, or to the listed ones", async () => {
    const a = await derive("INSERT INTO curated.origin_counts SELECT origin, count(delay_minutes) FROM staging.flights GROUP BY origin");
    expect(a?.verb).toBe("INSERT");
    expect(edges(a)).toContain("n ← lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION");
    const b = await derive("INSERT INTO curated.origin_counts (n, origin) SELECT count(delay_minutes), destination FROM staging.flights GROUP BY destination");
    expect(edges(b)).toContain("origin ← lakehouse.staging.flights.destination DIRECT/IDENTITY");
    expect(edges(b)).toContain("n ← lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION");
  });

  it("SELECT * over a file whose columns are unknown: datasets only, never a guessed column", async () => {
    const l = await derive("CREATE TABLE curated.from_file AS SELECT * FROM read_parquet('/lake/raw/flights/flights-3m.parquet')");
    expect(inputs(l)).toEqual(["file /lake/raw/flights/flights-3m.parquet"]);
    expect(l?.columnLineage).toBeNull();
    expect(l?.columnLineageGap).toMatch(/columns are unknown/);
  });

  it("a lone file with named columns: those columns are its fields", async () => {
    const l = await derive("CREATE TABLE curated.file_cols AS SELECT origin, delay FROM '/lake/raw/x.csv'");
    expect(edges(l)).toEqual(["delay ← /lake/raw/x.csv.delay DIRECT/IDENTITY", "origin ← /lake/raw/x.csv.origin DIRECT/IDENTITY"]);
  });

  it("a join with a table of unknown columns: a name found in the known table is its (else the run would have been ambiguous), another is not guessed", async () => {
    const known = await derive("CREATE TABLE curated.j AS SELECT city FROM staging.airports a JOIN staging.not_crawled n ON n.code = a.iata");
    expect(edges(known)).toContain("city ← lakehouse.staging.airports.city DIRECT/IDENTITY");
    expect(edges(known)).toContain("* ← lakehouse.staging.not_crawled.code INDIRECT/JOIN");
    const l = await derive("CREATE TABLE curated.j AS SELECT city, label FROM staging.airports a JOIN staging.not_crawled n ON n.code = a.iata");
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.airports`, `${NS} lakehouse.staging.not_crawled`]);
    expect(l?.columnLineage).toBeNull();
  });

  it("a function DuckDB does not know (a user's macro) leaves columns out, datasets in", async () => {
    const l = await derive("CREATE TABLE curated.m AS SELECT my_macro(origin) AS x FROM staging.flights");
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.flights`]);
    expect(l?.columnLineage).toBeNull();
    expect(l?.columnLineageGap).toMatch(/my_macro/);
  });

  it("COPY to and from files of the lake", async () => {
    const out = await derive("COPY (SELECT origin, delay_minutes FROM staging.flights) TO '/lake/curated/exports/delays.parquet' (FORMAT parquet)");
    expect(out?.verb).toBe("COPY TO");
    expect(out?.output).toMatchObject({ namespace: "file", name: "/lake/curated/exports/delays.parquet" });
    expect(edges(out)).toContain("delay_minutes ← lakehouse.staging.flights.delay_minutes DIRECT/IDENTITY");
    const table = await derive("COPY staging.airports TO '/lake/curated/airports.csv'");
    expect(Object.keys(table?.columnLineage?.fields ?? {})).toHaveLength(7);
    const into = await derive("COPY curated.origin_counts FROM '/lake/raw/counts.csv' (HEADER)");
    expect(into?.verb).toBe("COPY FROM");
    expect(inputs(into)).toEqual(["file /lake/raw/counts.csv"]);
    expect(into?.output.name).toBe("lakehouse.curated.origin_counts");
    expect(into?.columnLineage).toBeNull();
  });

  it("MERGE: the source is an input, the target the output (dataset level)", async () => {
    const l = await derive(
      "MERGE INTO curated.origin_counts AS t USING (SELECT origin, count(*) AS n FROM staging.flights GROUP BY origin) AS s ON t.origin = s.origin WHEN MATCHED THEN UPDATE SET n = s.n WHEN NOT MATCHED THEN INSERT VALUES (s.origin, s.n)",
    );
    expect(l?.verb).toBe("MERGE");
    expect(inputs(l)).toEqual([`${NS} lakehouse.staging.flights`]);
    expect(l?.output.name).toBe("lakehouse.curated.origin_counts");
  });

  it("statements that write nothing lineage names give nothing", async () => {
    for (const sql of ["SELECT 1", "CREATE TABLE curated.empty (a INT)", "DELETE FROM curated.origin_counts WHERE n = 0", "DROP TABLE IF EXISTS curated.x"])
      expect(await derive(sql)).toBeNull();
  });
});

describe("SQL-derived lineage on Trino (node-sql-parser)", () => {
  it("CTAS in the run's catalog and schema, names in lower case as Trino keeps them", async () => {
    const l = await derive(
      "CREATE TABLE Daily AS SELECT o.day, sum(o.amount) AS total FROM hive.sales.Orders o JOIN customers c ON c.id = o.customer_id WHERE c.country = 'DE' GROUP BY o.day",
      "trino",
    );
    expect(l?.output).toMatchObject({ namespace: "trino://trino.example.com:8443", name: "hive.web.daily" });
    expect(inputs(l)).toEqual(["trino://trino.example.com:8443 hive.sales.orders", "trino://trino.example.com:8443 hive.web.customers"]);
    expect(edges(l)).toEqual([
      "* ← hive.sales.orders.customer_id INDIRECT/JOIN",
      "* ← hive.sales.orders.day INDIRECT/GROUP_BY",
      "* ← hive.web.customers.country INDIRECT/FILTER",
      "* ← hive.web.customers.id INDIRECT/JOIN",
      "day ← hive.sales.orders.day DIRECT/IDENTITY",
      "total ← hive.sales.orders.amount DIRECT/AGGREGATION",
    ]);
  });

  it("INSERT with a column list, a CTE and a window function", async () => {
    const l = await derive(
      "INSERT INTO hive.web.top (page, hits) WITH v AS (SELECT page, ts FROM hive.raw.visits) SELECT page, count(ts) OVER (PARTITION BY page) FROM v",
      "trino",
    );
    expect(inputs(l)).toEqual(["trino://trino.example.com:8443 hive.raw.visits"]);
    expect(edges(l)).toEqual(["hits ← hive.raw.visits.page INDIRECT/WINDOW", "hits ← hive.raw.visits.ts DIRECT/AGGREGATION", "page ← hive.raw.visits.page DIRECT/IDENTITY"]);
  });

  it("CREATE OR REPLACE VIEW, and UNION ALL in a CTAS", async () => {
    const view = await derive("CREATE OR REPLACE VIEW hive.web.codes AS SELECT upper(code) AS code FROM hive.web.b", "trino");
    expect(view?.verb).toBe("CREATE VIEW");
    expect(edges(view)).toEqual(["code ← hive.web.b.code DIRECT/TRANSFORMATION"]);
    const l = await derive("CREATE TABLE hive.web.all_ids AS SELECT id FROM hive.web.a UNION ALL SELECT upper(code) FROM hive.web.b", "trino");
    expect(edges(l)).toEqual(["id ← hive.web.a.id DIRECT/IDENTITY", "id ← hive.web.b.code DIRECT/TRANSFORMATION"]);
  });

  it("SELECT * over tables Trino did not describe: datasets only", async () => {
    const l = await derive("CREATE TABLE hive.web.copy AS SELECT * FROM hive.web.a", "trino");
    expect(inputs(l)).toEqual(["trino://trino.example.com:8443 hive.web.a"]);
    expect(l?.columnLineage).toBeNull();
  });
});
