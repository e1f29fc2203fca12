// The embedded lake starts with demo files, once: never over what people stored or deleted.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalObjectStore } from "./local-store";
import { createObjectStore } from "./index";
import { seedDemoFiles } from "./seed";
import { loadConfig } from "../config/env";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "portal-seed-"));
  dirs.push(d);
  return d;
};

describe("demo files", () => {
  it("creates the four buckets and fills raw with real data on first start", async () => {
    const dataDir = tmp();
    const store = await createObjectStore(loadConfig({ PORTAL_DATA_DIR: dataDir }));
    expect(store.kind).toBe("local");
    expect((await store.listBuckets()).map((b) => b.name)).toEqual(["archive", "curated", "raw", "staging"]);
    const raw = await store.list("raw", { delimiter: "/" });
    expect(raw.prefixes).toEqual(["airports/", "cars/", "employment/", "flights/", "images/", "weather/"]);
    expect((await store.head("raw", "flights/flights-3m.parquet")).size).toBe(13_493_022);
  });

  it("leaves a bucket that holds anything alone", async () => {
    const store = new LocalObjectStore({ root: tmp(), signingSecret: () => "x".repeat(40) });
    await store.init(["raw"]);
    await store.put("raw", "mine.csv", new TextEncoder().encode("a\n1\n"));
    expect(await seedDemoFiles(store)).toEqual([]);
    expect((await store.list("raw")).objects.map((o) => o.key)).toEqual(["mine.csv"]);
  });

  it("picks S3 when S3_ENDPOINT is set", async () => {
    const store = await createObjectStore(loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9", PORTAL_DATA_DIR: tmp() }));
    expect(store.kind).toBe("s3");
    expect(store.description).toBe("S3 at 127.0.0.1:9");
  });
});
