// The schedule crawls an engine that was never crawled, once, even when two schedulers (two
// replicas) look at the same moment, and not again before the interval has passed.
// On PostgreSQL: two schedulers polling every 50 ms is the concurrency PGlite-behind-a-socket
// does not survive (pglite-socket interleaves protocol messages of concurrent connections).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../testing/databases";
import { setEngines } from "../engines/registry";
import { startCatalogScheduler } from "./scheduler";
import { createTestLakehouse, type TestLakehouse } from "./testing/lakehouse";

const available = await postgresAvailable();

describe.skipIf(!available)("the catalog scheduler", () => {
  let database: TestDatabase;
  let lake: TestLakehouse;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    lake = await createTestLakehouse();
    setEngines(new Map([["duckdb", { engine: lake.engine, defaultCatalog: "lakehouse", defaultSchema: "curated" }]]));
  });
  afterAll(async () => {
    setEngines(undefined);
    await lake?.close();
    await database?.close();
  });

  it("crawls a never-crawled engine once, whatever the number of replicas, then waits for the interval", async () => {
    const replicas = [0, 1].map(() => startCatalogScheduler({ intervalMinutes: 60, firstTickMs: 10, tickMs: 50 }));
    try {
      for (let i = 0; i < 400; i++) {
        const run = await database.db.catalogCrawlRun.findFirst({ where: { engineId: "duckdb", status: "succeeded" } });
        if (run) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // Several more ticks of both replicas: the last crawl is recent, so nothing more starts.
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
    const runs = await database.db.catalogCrawlRun.findMany();
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([["schedule", "succeeded"]]);
    expect(await database.db.catalogDataset.count()).toBeGreaterThan(5);
  });
});
