// Demo files for the embedded lake (listed in demo/demo-files.ts), so a first start shows real
// data at once. Copied only into an empty bucket, so files people deleted or replaced are never
// brought back.
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { DEMO_FILES, demoDataDir } from "../demo/demo-files";
import type { ObjectStore } from "./object-store";

/** Copies the demo files into buckets that are empty; returns the keys it copied. */
export async function seedDemoFiles(store: ObjectStore, dataDir = demoDataDir()): Promise<string[]> {
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
