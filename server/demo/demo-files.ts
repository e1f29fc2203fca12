// The demo data of the embedded lake, in one list: real public data sets shipped in the npm
// package vega-datasets (no download at run time). The object store's seed copies them into the
// `raw` bucket on first start (storage/seed.ts); the DuckDB demo lakehouse reads three of them in
// place (engines/duckdb/demo-lakehouse.ts).
import path from "node:path";

/** The buckets of the embedded local lake. */
export const LAKE_BUCKETS = ["raw", "staging", "curated", "archive"] as const;

export type DemoFile = {
  bucket: (typeof LAKE_BUCKETS)[number];
  key: string;
  /** File name in vega-datasets' data folder. */
  file: string;
  /** The demo lakehouse's raw views read this file. */
  lakehouse: boolean;
};

export const DEMO_FILES: readonly DemoFile[] = [
  { bucket: "raw", key: "flights/flights-3m.parquet", file: "flights-3m.parquet", lakehouse: true },
  { bucket: "raw", key: "airports/airports.csv", file: "airports.csv", lakehouse: true },
  { bucket: "raw", key: "weather/seattle-weather.csv", file: "seattle-weather.csv", lakehouse: true },
  { bucket: "raw", key: "employment/unemployment.tsv", file: "unemployment.tsv", lakehouse: false },
  { bucket: "raw", key: "cars/cars.json", file: "cars.json", lakehouse: false },
  { bucket: "raw", key: "images/ffox.png", file: "ffox.png", lakehouse: false },
];

/**
 * vega-datasets' data folder. Found from the working directory, not from this file: inside
 * Next's bundle this file lives in .next/; the launcher (npm start) runs in the project folder.
 */
export function demoDataDir(): string {
  return path.resolve(process.cwd(), "node_modules/vega-datasets/data");
}
