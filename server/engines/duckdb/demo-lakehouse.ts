// The embedded demo lakehouse: real public data (shipped in the npm package vega-datasets) laid
// out as a small lake. The files live in the embedded object store's `raw` bucket; DuckDB's
// `raw` schema reads them in place; `staging` holds typed, cleaned tables; `curated` holds
// tables derived by SQL. Built once, in one transaction (a failed build leaves nothing half
// made), and rebuilt only when DEMO_VERSION changes. Its steps are the tasks of the demo
// pipeline (server/lineage/demo-pipeline), which also rebuilds it on a schedule and reports each
// build as OpenLineage runs.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DEMO_FILES, demoDataDir, LAKE_BUCKETS } from "../../demo/demo-files";

export const DEMO_VERSION = 1;
export const DEMO_CATALOG = "lakehouse";

export type BuildProgress = (step: number, total: number, label: string) => void;

/** One step of the build: the demo pipeline's task `demo_lakehouse.<id>`. */
export type DemoTask = { id: string; label: string; statements: string[] };

/** What a build did, task by task, for the pipeline's run events. */
export type DemoBuildReport = {
  startedAt: Date;
  endedAt: Date;
  tasks: { task: DemoTask; startedAt: Date; endedAt: Date; error: string | null }[];
  /** The failure that rolled the whole build back, or null when it committed. */
  error: string | null;
};

/**
 * Makes sure the files the lakehouse's views read are in the lake before it is built. The
 * object store's seed has normally put them there already; this runs only when the lakehouse
 * is (re)built (first start, or a new DEMO_VERSION), so it never brings back a file deleted
 * later — a view over a deleted file then fails with the engine's "file not found".
 */
export function ensureLakehouseFiles(lakeDir: string): void {
  for (const bucket of LAKE_BUCKETS) mkdirSync(path.join(lakeDir, bucket), { recursive: true });
  for (const demo of DEMO_FILES.filter((f) => f.lakehouse)) {
    const target = path.join(lakeDir, demo.bucket, demo.key);
    if (existsSync(target)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(demoDataDir(), demo.file), target);
  }
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The build's steps, each a task of the demo pipeline: an id (its job is `demo_lakehouse.<id>`),
 * a label for the console, and its statements in order (writes, then their comments).
 */
export function demoTasks(lakeDir: string): DemoTask[] {
  const raw = (key: string) => sqlString(path.join(lakeDir, "raw", key));
  return [
    { id: "create_schemas", label: "schemas", statements: ["CREATE SCHEMA IF NOT EXISTS raw", "CREATE SCHEMA IF NOT EXISTS staging", "CREATE SCHEMA IF NOT EXISTS curated"] },
    {
      id: "raw_flights",
      label: "raw.flights over the lake file",
      statements: [
        `CREATE OR REPLACE VIEW raw.flights AS SELECT * FROM read_parquet(${raw("flights/flights-3m.parquet")})`,
        "COMMENT ON VIEW raw.flights IS 'US domestic flights, January to June 2001, as delivered (3 million rows, Parquet in s3://raw/flights/).'",
      ],
    },
    {
      id: "raw_airports",
      label: "raw.airports over the lake file",
      statements: [
        `CREATE OR REPLACE VIEW raw.airports AS SELECT * FROM read_csv(${raw("airports/airports.csv")}, header = true, auto_detect = true)`,
        "COMMENT ON VIEW raw.airports IS 'US airports with IATA code and location, as delivered (CSV in s3://raw/airports/).'",
      ],
    },
    {
      id: "raw_seattle_weather",
      label: "raw.seattle_weather over the lake file",
      statements: [
        `CREATE OR REPLACE VIEW raw.seattle_weather AS SELECT * FROM read_csv(${raw("weather/seattle-weather.csv")}, header = true, auto_detect = true)`,
        "COMMENT ON VIEW raw.seattle_weather IS 'Daily weather in Seattle 2012–2015, as delivered (CSV in s3://raw/weather/).'",
      ],
    },
    {
      id: "staging_flights",
      label: "staging.flights (3 million rows)",
      statements: [
        `CREATE OR REPLACE TABLE staging.flights AS
           SELECT CAST(date AS TIMESTAMP) AS departed_at, CAST(date AS DATE) AS flight_date,
                  CAST(delay AS INTEGER) AS delay_minutes, CAST(distance AS INTEGER) AS distance_miles,
                  origin, destination
           FROM raw.flights WHERE origin IS NOT NULL AND destination IS NOT NULL`,
        "COMMENT ON TABLE staging.flights IS 'Typed flights: one row per departure, delays in minutes (negative = early).'",
        "COMMENT ON COLUMN staging.flights.departed_at IS 'Scheduled departure time (local time of the origin airport).'",
        "COMMENT ON COLUMN staging.flights.flight_date IS 'Day of the scheduled departure.'",
        "COMMENT ON COLUMN staging.flights.delay_minutes IS 'Arrival delay in minutes; negative values mean an early arrival.'",
        "COMMENT ON COLUMN staging.flights.distance_miles IS 'Great-circle distance between the airports, in miles.'",
        "COMMENT ON COLUMN staging.flights.origin IS 'IATA code of the departure airport (see staging.airports).'",
        "COMMENT ON COLUMN staging.flights.destination IS 'IATA code of the arrival airport (see staging.airports).'",
      ],
    },
    {
      id: "staging_airports",
      label: "staging.airports",
      statements: [
        `CREATE OR REPLACE TABLE staging.airports AS
           SELECT iata, name, city, state, country, latitude, longitude FROM raw.airports WHERE iata IS NOT NULL`,
        "COMMENT ON TABLE staging.airports IS 'Airports keyed by IATA code.'",
        "COMMENT ON COLUMN staging.airports.iata IS 'Three-letter IATA airport code.'",
      ],
    },
    {
      id: "staging_seattle_weather",
      label: "staging.seattle_weather",
      statements: [
        `CREATE OR REPLACE TABLE staging.seattle_weather AS
           SELECT CAST(date AS DATE) AS day, precipitation AS precipitation_mm, temp_max AS temp_max_c,
                  temp_min AS temp_min_c, wind AS wind_ms, weather FROM raw.seattle_weather`,
        "COMMENT ON TABLE staging.seattle_weather IS 'Daily Seattle weather with units in the column names.'",
      ],
    },
    {
      id: "curated_daily_flight_delays",
      label: "curated.daily_flight_delays",
      statements: [
        `CREATE OR REPLACE TABLE curated.daily_flight_delays AS
           SELECT flight_date, count(*) AS flights, round(avg(delay_minutes), 2) AS avg_delay_minutes,
                  count(*) FILTER (WHERE delay_minutes > 15) AS delayed_flights
           FROM staging.flights GROUP BY flight_date ORDER BY flight_date`,
        "COMMENT ON TABLE curated.daily_flight_delays IS 'Flights per day with the average delay and the number delayed by more than 15 minutes.'",
      ],
    },
    {
      id: "curated_route_performance",
      label: "curated.route_performance",
      statements: [
        `CREATE OR REPLACE TABLE curated.route_performance AS
           SELECT f.origin, o.city AS origin_city, f.destination, d.city AS destination_city,
                  count(*) AS flights, round(avg(f.delay_minutes), 2) AS avg_delay_minutes, max(f.distance_miles) AS distance_miles
           FROM staging.flights f
           LEFT JOIN staging.airports o ON o.iata = f.origin
           LEFT JOIN staging.airports d ON d.iata = f.destination
           GROUP BY ALL ORDER BY flights DESC`,
        "COMMENT ON TABLE curated.route_performance IS 'Every origin → destination route with its traffic and average delay.'",
      ],
    },
    {
      id: "curated_airport_traffic",
      label: "curated.airport_traffic",
      statements: [
        `CREATE OR REPLACE TABLE curated.airport_traffic AS
           SELECT a.iata, a.name, a.city, a.state, a.latitude, a.longitude,
                  coalesce(dep.departures, 0) AS departures, coalesce(arr.arrivals, 0) AS arrivals
           FROM staging.airports a
           LEFT JOIN (SELECT origin, count(*) AS departures FROM staging.flights GROUP BY origin) dep ON dep.origin = a.iata
           LEFT JOIN (SELECT destination, count(*) AS arrivals FROM staging.flights GROUP BY destination) arr ON arr.destination = a.iata
           WHERE dep.departures IS NOT NULL OR arr.arrivals IS NOT NULL`,
        "COMMENT ON TABLE curated.airport_traffic IS 'Departures and arrivals per airport, with its location (for maps).'",
      ],
    },
    {
      id: "curated_seattle_weather_monthly",
      label: "curated.seattle_weather_monthly",
      statements: [
        `CREATE OR REPLACE VIEW curated.seattle_weather_monthly AS
           SELECT date_trunc('month', day) AS month, round(sum(precipitation_mm), 1) AS precipitation_mm,
                  round(avg(temp_max_c), 1) AS avg_temp_max_c, mode(weather) AS typical_weather
           FROM staging.seattle_weather GROUP BY ALL ORDER BY month`,
        "COMMENT ON VIEW curated.seattle_weather_monthly IS 'Monthly rain and temperature in Seattle.'",
      ],
    },
  ];
}

/** Builds (or rebuilds, when DEMO_VERSION changed) the demo lakehouse. Returns what it did, or null when it was already there. */
export async function ensureDemoLakehouse(conn: DuckDBConnection, lakeDir: string, onProgress: BuildProgress = () => {}): Promise<DemoBuildReport | null> {
  await conn.run("CREATE TABLE IF NOT EXISTS main.portal_demo (key VARCHAR PRIMARY KEY, value VARCHAR)");
  const current = await conn.runAndReadAll("SELECT value FROM main.portal_demo WHERE key = 'version'");
  if (current.getRows()[0]?.[0] === String(DEMO_VERSION)) return null;
  const report = await buildDemoLakehouse(conn, lakeDir, demoTasks(lakeDir), onProgress);
  if (report.error) throw new Error(report.error);
  return report;
}

/**
 * Runs the tasks in one transaction, so readers see the old lakehouse or the new one, never half
 * of it; a failing task stops the build and rolls it all back (the report says which failed).
 */
export async function buildDemoLakehouse(conn: DuckDBConnection, lakeDir: string, tasks: DemoTask[], onProgress: BuildProgress = () => {}): Promise<DemoBuildReport> {
  ensureLakehouseFiles(lakeDir);
  const startedAt = new Date();
  const done: DemoBuildReport["tasks"] = [];
  await conn.run("BEGIN TRANSACTION");
  try {
    for (const [index, task] of tasks.entries()) {
      onProgress(index + 1, tasks.length, task.label);
      const taskStarted = new Date();
      try {
        for (const sql of task.statements) await conn.run(sql);
      } catch (err) {
        done.push({ task, startedAt: taskStarted, endedAt: new Date(), error: (err as Error).message });
        throw err;
      }
      done.push({ task, startedAt: taskStarted, endedAt: new Date(), error: null });
    }
    await conn.run("CREATE TABLE IF NOT EXISTS main.portal_demo (key VARCHAR PRIMARY KEY, value VARCHAR)");
    await conn.run(`INSERT OR REPLACE INTO main.portal_demo VALUES ('version', '${DEMO_VERSION}')`);
    await conn.run("COMMIT");
  } catch (err) {
    await conn.run("ROLLBACK").catch(() => {});
    return { startedAt, endedAt: new Date(), tasks: done, error: (err as Error).message };
  }
  return { startedAt, endedAt: new Date(), tasks: done, error: null };
}
