// The embedded demo lakehouse: real public data (shipped in the npm package vega-datasets) laid
// out as a small lake. The files live in the embedded object store's `raw` bucket; DuckDB's
// `raw` schema reads them in place; `staging` holds typed, cleaned tables; `curated` holds
// tables derived by SQL. Built once, in one transaction (a failed build leaves nothing half
// made), and rebuilt only when DEMO_VERSION changes.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DEMO_FILES, demoDataDir, LAKE_BUCKETS } from "../../demo/demo-files";

export const DEMO_VERSION = 1;
export const DEMO_CATALOG = "lakehouse";

export type BuildProgress = (step: number, total: number, label: string) => void;

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

function buildSteps(lakeDir: string): [string, string[]][] {
  const raw = (key: string) => sqlString(path.join(lakeDir, "raw", key));
  return [
    ["schemas", ["CREATE SCHEMA IF NOT EXISTS raw", "CREATE SCHEMA IF NOT EXISTS staging", "CREATE SCHEMA IF NOT EXISTS curated"]],
    [
      "raw views over the lake files",
      [
        `CREATE OR REPLACE VIEW raw.flights AS SELECT * FROM read_parquet(${raw("flights/flights-3m.parquet")})`,
        `CREATE OR REPLACE VIEW raw.airports AS SELECT * FROM read_csv(${raw("airports/airports.csv")}, header = true, auto_detect = true)`,
        `CREATE OR REPLACE VIEW raw.seattle_weather AS SELECT * FROM read_csv(${raw("weather/seattle-weather.csv")}, header = true, auto_detect = true)`,
        "COMMENT ON VIEW raw.flights IS 'US domestic flights, January to June 2001, as delivered (3 million rows, Parquet in s3://raw/flights/).'",
        "COMMENT ON VIEW raw.airports IS 'US airports with IATA code and location, as delivered (CSV in s3://raw/airports/).'",
        "COMMENT ON VIEW raw.seattle_weather IS 'Daily weather in Seattle 2012–2015, as delivered (CSV in s3://raw/weather/).'",
      ],
    ],
    [
      "staging.flights (3 million rows)",
      [
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
    ],
    [
      "staging.airports and staging.seattle_weather",
      [
        `CREATE OR REPLACE TABLE staging.airports AS
           SELECT iata, name, city, state, country, latitude, longitude FROM raw.airports WHERE iata IS NOT NULL`,
        "COMMENT ON TABLE staging.airports IS 'Airports keyed by IATA code.'",
        "COMMENT ON COLUMN staging.airports.iata IS 'Three-letter IATA airport code.'",
        `CREATE OR REPLACE TABLE staging.seattle_weather AS
           SELECT CAST(date AS DATE) AS day, precipitation AS precipitation_mm, temp_max AS temp_max_c,
                  temp_min AS temp_min_c, wind AS wind_ms, weather FROM raw.seattle_weather`,
        "COMMENT ON TABLE staging.seattle_weather IS 'Daily Seattle weather with units in the column names.'",
      ],
    ],
    [
      "curated tables",
      [
        `CREATE OR REPLACE TABLE curated.daily_flight_delays AS
           SELECT flight_date, count(*) AS flights, round(avg(delay_minutes), 2) AS avg_delay_minutes,
                  count(*) FILTER (WHERE delay_minutes > 15) AS delayed_flights
           FROM staging.flights GROUP BY flight_date ORDER BY flight_date`,
        "COMMENT ON TABLE curated.daily_flight_delays IS 'Flights per day with the average delay and the number delayed by more than 15 minutes.'",
        `CREATE OR REPLACE TABLE curated.route_performance AS
           SELECT f.origin, o.city AS origin_city, f.destination, d.city AS destination_city,
                  count(*) AS flights, round(avg(f.delay_minutes), 2) AS avg_delay_minutes, max(f.distance_miles) AS distance_miles
           FROM staging.flights f
           LEFT JOIN staging.airports o ON o.iata = f.origin
           LEFT JOIN staging.airports d ON d.iata = f.destination
           GROUP BY ALL ORDER BY flights DESC`,
        "COMMENT ON TABLE curated.route_performance IS 'Every origin → destination route with its traffic and average delay.'",
        `CREATE OR REPLACE TABLE curated.airport_traffic AS
           SELECT a.iata, a.name, a.city, a.state, a.latitude, a.longitude,
                  coalesce(dep.departures, 0) AS departures, coalesce(arr.arrivals, 0) AS arrivals
           FROM staging.airports a
           LEFT JOIN (SELECT origin, count(*) AS departures FROM staging.flights GROUP BY origin) dep ON dep.origin = a.iata
           LEFT JOIN (SELECT destination, count(*) AS arrivals FROM staging.flights GROUP BY destination) arr ON arr.destination = a.iata
           WHERE dep.departures IS NOT NULL OR arr.arrivals IS NOT NULL`,
        "COMMENT ON TABLE curated.airport_traffic IS 'Departures and arrivals per airport, with its location (for maps).'",
        `CREATE OR REPLACE VIEW curated.seattle_weather_monthly AS
           SELECT date_trunc('month', day) AS month, round(sum(precipitation_mm), 1) AS precipitation_mm,
                  round(avg(temp_max_c), 1) AS avg_temp_max_c, mode(weather) AS typical_weather
           FROM staging.seattle_weather GROUP BY ALL ORDER BY month`,
        "COMMENT ON VIEW curated.seattle_weather_monthly IS 'Monthly rain and temperature in Seattle.'",
      ],
    ],
  ];
}

/** Builds (or rebuilds, when DEMO_VERSION changed) the demo lakehouse. Returns false when it was already there. */
export async function ensureDemoLakehouse(conn: DuckDBConnection, lakeDir: string, onProgress: BuildProgress = () => {}): Promise<boolean> {
  await conn.run("CREATE TABLE IF NOT EXISTS main.portal_demo (key VARCHAR PRIMARY KEY, value VARCHAR)");
  const current = await conn.runAndReadAll("SELECT value FROM main.portal_demo WHERE key = 'version'");
  if (current.getRows()[0]?.[0] === String(DEMO_VERSION)) return false;

  ensureLakehouseFiles(lakeDir);
  const steps = buildSteps(lakeDir);
  await conn.run("BEGIN TRANSACTION");
  try {
    for (const [index, [label, statements]] of steps.entries()) {
      onProgress(index + 1, steps.length, label);
      for (const sql of statements) await conn.run(sql);
    }
    await conn.run(`INSERT OR REPLACE INTO main.portal_demo VALUES ('version', '${DEMO_VERSION}')`);
    await conn.run("COMMIT");
  } catch (err) {
    await conn.run("ROLLBACK").catch(() => {});
    throw err;
  }
  return true;
}
