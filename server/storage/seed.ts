// Demo files for the embedded lake, so a first start shows real data at once: public data sets
// shipped in the npm package vega-datasets (no download at run time). Copied only into an
// empty bucket, so files people deleted or replaced are never brought back.
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { ObjectStore } from "./object-store";

// From the working directory, not this file: inside Next's bundle this file lives in .next/.
// The launcher (npm start) runs in the project folder.
const DATA_DIR = path.resolve(process.cwd(), "node_modules/vega-datasets/data");

export const DEMO_FILES: { bucket: string; key: string; file: string }[] = [
  { bucket: "raw", key: "flights/flights-3m.parquet", file: "flights-3m.parquet" },
  { bucket: "raw", key: "airports/airports.csv", file: "airports.csv" },
  { bucket: "raw", key: "weather/seattle-weather.csv", file: "seattle-weather.csv" },
  { bucket: "raw", key: "employment/unemployment.tsv", file: "unemployment.tsv" },
  { bucket: "raw", key: "cars/cars.json", file: "cars.json" },
  { bucket: "raw", key: "images/ffox.png", file: "ffox.png" },
];

/** Copies the demo files into buckets that are empty; returns the keys it copied. */
export async function seedDemoFiles(store: ObjectStore, dataDir = DATA_DIR): Promise<string[]> {
  const copied: string[] = [];
  const buckets = [...new Set(DEMO_FILES.map((f) => f.bucket))];
  for (const bucket of buckets) {
    const page = await store.list(bucket, { maxKeys: 1, delimiter: "/" });
    if (page.objects.length || page.prefixes.length) continue;
    for (const demo of DEMO_FILES.filter((f) => f.bucket === bucket)) {
      const source = path.join(dataDir, demo.file);
      if (!existsSync(source)) continue;
      await store.put(bucket, demo.key, Readable.toWeb(createReadStream(source)) as ReadableStream<Uint8Array>);
      copied.push(`${bucket}/${demo.key}`);
    }
  }
  return copied;
}
