// The crawler against the embedded DuckDB lakehouse (the engine the portal ships with), on the
// embedded database and on PostgreSQL: what the catalog shows after a crawl, what changes between
// crawls, what a failed crawl leaves behind, and that an engine is crawled once at a time.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { DomainError } from "../errors";
import { EngineQueryError, type QueryEngine } from "../engines/query-engine";
import { crawlEngine, startCrawl } from "./crawler";
import { CRAWL_LOCK_CLASS } from "./crawl-lock";
import { updateColumnDescription } from "./stewardship";
import { refreshSearchDocuments } from "./search-document";
import { createTestLakehouse, type TestLakehouse } from "./testing/lakehouse";
import { createTestUser } from "../testing/expectations";
import { ingestLineage } from "../lineage/ingest";

let lake: TestLakehouse;

beforeAll(async () => {
  lake = await createTestLakehouse();
});
afterAll(() => lake?.close());

/** The lakehouse's engine, except that listing the columns of `table` fails as if the connection dropped. */
function engineFailingAt(engine: QueryEngine, table: string): QueryEngine {
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === "listColumns") {
        return async (user: string, catalog: string, schema: string, name: string) => {
          if (name === table) throw new EngineQueryError("unavailable", "Connection reset by peer");
          return target.listColumns(user, catalog, schema, name);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

await describeOnDatabases("catalog crawler on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  const db = () => database.db;
  const crawl = (engine: QueryEngine = lake.engine) => crawlEngine({ engineId: "duckdb", engine, trigger: "schedule", batchSize: 3 });
  const dataset = (schema: string, name: string) =>
    db().catalogDataset.findUniqueOrThrow({
      where: { engineId_catalog_schema_name: { engineId: "duckdb", catalog: "lakehouse", schema, name } },
      include: { columns: { orderBy: { ordinal: "asc" } }, schemaChanges: { orderBy: { id: "asc" } } },
    });

  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await db()
      .$executeRaw`TRUNCATE catalog_datasets, catalog_crawl_runs, catalog_search_terms, audit_events, lineage_datasets, lineage_namespaces, lineage_jobs, lineage_runs, lineage_raw_events, users CASCADE`;
    await lake.run("DROP SCHEMA IF EXISTS lakehouse.scratch CASCADE");
  });

  it.skipIf(skip)("crawls every schema, table and view with column types, comments and nullability", async () => {
    const summary = await crawl();
    expect(summary).toMatchObject({ status: "succeeded", error: null, removed: 0 });
    expect(summary.added).toBe(summary.tables);

    const names = (await db().catalogDataset.findMany({ select: { schema: true, name: true, kind: true } })).map((d) => `${d.schema}.${d.name}:${d.kind}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "raw.flights:VIEW",
        "raw.airports:VIEW",
        "staging.flights:TABLE",
        "staging.airports:TABLE",
        "curated.daily_flight_delays:TABLE",
        "curated.route_performance:TABLE",
        "curated.seattle_weather_monthly:VIEW",
      ]),
    );

    const flights = await dataset("staging", "flights");
    expect(flights.engineComment).toMatch(/one row per departure/);
    expect(flights.columns.map((c) => [c.name, c.type])).toEqual([
      ["departed_at", "TIMESTAMP"],
      ["flight_date", "DATE"],
      ["delay_minutes", "INTEGER"],
      ["distance_miles", "INTEGER"],
      ["origin", "VARCHAR"],
      ["destination", "VARCHAR"],
    ]);
    expect(flights.columns.find((c) => c.name === "delay_minutes")?.engineComment).toMatch(/negative values mean an early arrival/);
    expect(flights.columns.every((c) => c.nullable)).toBe(true);
    expect(flights.schemaChanges.map((c) => c.change)).toEqual(["dataset_added"]);

    await lake.run("CREATE SCHEMA lakehouse.scratch; CREATE TABLE lakehouse.scratch.strict (id INTEGER NOT NULL, note VARCHAR)");
    await crawl();
    const strict = await dataset("scratch", "strict");
    expect(strict.columns.map((c) => [c.name, c.nullable])).toEqual([
      ["id", false],
      ["note", true],
    ]);
  });

  it.skipIf(skip)("a second crawl of an unchanged engine changes nothing and writes no history", async () => {
    const first = await crawl();
    const historyBefore = await db().catalogSchemaChange.count();
    const second = await crawl();
    expect(second).toMatchObject({ status: "succeeded", added: 0, changed: 0, removed: 0, tables: first.tables });
    expect(await db().catalogSchemaChange.count()).toBe(historyBefore);
    // Every dataset is marked as seen by the latest run.
    expect(await db().catalogDataset.count({ where: { lastCrawlRunId: { not: second.runId } } })).toBe(0);
  });

  it.skipIf(skip)("records added, removed and retyped columns with when they were seen, and keeps stewards' column descriptions", async () => {
    await lake.run("CREATE SCHEMA lakehouse.scratch; CREATE TABLE lakehouse.scratch.orders (id INTEGER, amount INTEGER, coupon VARCHAR)");
    await crawl();
    const before = await dataset("scratch", "orders");
    await updateColumnDescription({
      ctx: { user: { ...{ id: "00000000-0000-4000-8000-000000000001", email: "steward@example.com" }, name: "Steward", role: "editor" }, ip: null, db: db() },
      input: { datasetId: before.id, column: "amount", description: "Total in cents." },
    });

    await lake.run(
      "ALTER TABLE lakehouse.scratch.orders ALTER amount TYPE BIGINT; ALTER TABLE lakehouse.scratch.orders DROP COLUMN coupon; ALTER TABLE lakehouse.scratch.orders ADD COLUMN currency VARCHAR",
    );
    const startedAt = new Date();
    const summary = await crawl();
    expect(summary).toMatchObject({ status: "succeeded", added: 0, changed: 1, removed: 0 });

    const after = await dataset("scratch", "orders");
    expect(after.columns.map((c) => `${c.name}:${c.type}`)).toEqual(["id:INTEGER", "amount:BIGINT", "currency:VARCHAR"]);
    expect(after.columns.find((c) => c.name === "amount")?.description).toBe("Total in cents.");
    const changes = after.schemaChanges.filter((c) => c.crawlRunId === summary.runId);
    expect(changes.map((c) => [c.change, c.columnName, c.oldType, c.newType])).toEqual(
      expect.arrayContaining([
        ["column_retyped", "amount", "INTEGER", "BIGINT"],
        ["column_removed", "coupon", "VARCHAR", null],
        ["column_added", "currency", null, "VARCHAR"],
      ]),
    );
    expect(changes).toHaveLength(3);
    for (const change of changes) expect(change.at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1_000);
    expect(after.schemaChangedAt.getTime()).toBeGreaterThan(before.schemaChangedAt.getTime());
  });

  it.skipIf(skip)("marks a dropped table removed without deleting it, and restores it with its history when it returns", async () => {
    await lake.run("CREATE SCHEMA lakehouse.scratch; CREATE TABLE lakehouse.scratch.events (id INTEGER)");
    await crawl();
    const original = await dataset("scratch", "events");

    await lake.run("DROP TABLE lakehouse.scratch.events");
    const removal = await crawl();
    expect(removal.removed).toBe(1);
    const removed = await dataset("scratch", "events");
    expect(removed.removedAt).not.toBeNull();
    expect(removed.id).toBe(original.id);
    expect(removed.schemaChanges.map((c) => c.change)).toEqual(["dataset_added", "dataset_removed"]);

    await lake.run("CREATE TABLE lakehouse.scratch.events (id INTEGER, kind VARCHAR)");
    const restore = await crawl();
    expect(restore).toMatchObject({ added: 0, changed: 1, removed: 0 });
    const restored = await dataset("scratch", "events");
    expect(restored.id).toBe(original.id);
    expect(restored.removedAt).toBeNull();
    expect(restored.schemaChanges.map((c) => [c.change, c.columnName])).toEqual([
      ["dataset_added", null],
      ["dataset_removed", null],
      ["dataset_restored", null],
      ["column_added", "kind"],
    ]);
  });

  it.skipIf(skip)("a crawl that fails midway leaves the previous catalog intact and says which engine, where and why", async () => {
    await lake.run("CREATE SCHEMA lakehouse.scratch; CREATE TABLE lakehouse.scratch.a (id INTEGER); CREATE TABLE lakehouse.scratch.b (id INTEGER)");
    await crawl();
    const before = await db().catalogDataset.findMany({ orderBy: { id: "asc" }, include: { columns: true } });

    // Meanwhile a table is dropped and another changes; then the engine fails during the crawl.
    await lake.run("DROP TABLE lakehouse.scratch.a; ALTER TABLE lakehouse.scratch.b ADD COLUMN extra INTEGER");
    const failed = await crawl(engineFailingAt(lake.engine, "b"));
    expect(failed).toMatchObject({ status: "failed", engineId: "duckdb", error: "Connection reset by peer", errorWhere: "lakehouse.scratch.b", removed: 0 });

    const run = await db().catalogCrawlRun.findUniqueOrThrow({ where: { id: failed.runId } });
    expect(run).toMatchObject({ status: "failed", engineId: "duckdb", errorMessage: "Connection reset by peer", errorWhere: "lakehouse.scratch.b" });
    expect(run.finishedAt).not.toBeNull();

    // Nothing was marked removed (the listing was incomplete) and nothing is half-written.
    const after = await db().catalogDataset.findMany({ orderBy: { id: "asc" }, include: { columns: true } });
    expect(after.map((d) => [d.name, d.removedAt, d.columnsHash, d.columns.length])).toEqual(before.map((d) => [d.name, d.removedAt, d.columnsHash, d.columns.length]));
    expect(await db().catalogSchemaChange.count({ where: { crawlRunId: failed.runId } })).toBe(0);

    // The next good crawl catches up.
    const next = await crawl();
    expect(next).toMatchObject({ status: "succeeded", removed: 1, changed: 1 });
  });

  it.skipIf(skip)("writes the same search document when inserting a dataset as a later rebuild does", async () => {
    await crawl();
    const documents = () => db().$queryRaw<{ id: string; doc: string }[]>`SELECT id, search_document::text AS doc FROM catalog_datasets ORDER BY id`;
    const inserted = await documents();
    expect(inserted.every((d) => d.doc.length > 0)).toBe(true);
    await db().$transaction((tx) =>
      refreshSearchDocuments(
        tx,
        inserted.map((d) => d.id),
      ),
    );
    expect(await documents()).toEqual(inserted);
  });

  it.skipIf(skip)("keeps progress on the run row: schemas and tables done out of those listed", async () => {
    const summary = await crawl();
    const run = await db().catalogCrawlRun.findUniqueOrThrow({ where: { id: summary.runId } });
    expect(run.status).toBe("succeeded");
    expect(run.schemasDone).toBe(run.schemasTotal);
    expect(run.schemasTotal).toBeGreaterThanOrEqual(3);
    expect(run.tablesDone).toBe(run.tablesSeen);
    expect(run.tablesDone).toBe(summary.tables);
  });

  it.skipIf(skip)("runs one crawl of an engine at a time: the second caller is told a crawl is already running", async () => {
    const first = await startCrawl({
      engineId: "duckdb",
      engine: lake.engine,
      trigger: "manual",
      actor: { id: "00000000-0000-4000-8000-000000000002", email: "first@example.com" },
    });
    const second = await startCrawl({ engineId: "duckdb", engine: lake.engine, trigger: "manual", actor: null }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(second).toBeInstanceOf(DomainError);
    expect((second as DomainError).code).toBe("CONFLICT");
    expect((second as DomainError).message).toMatch(/^A crawl of DuckDB duckdb is already running \(started .* by first@example\.com;/);
    expect((await first.finished).status).toBe("succeeded");
    // Once it is over, the next one may start.
    expect((await crawl()).status).toBe("succeeded");
    expect(await db().catalogCrawlRun.count({ where: { status: "running" } })).toBe(0);
  });

  it.skipIf(skip || kind !== "postgres")("waits for another portal process that holds the engine's crawl lock", async () => {
    // Another replica: its own connection holding the advisory lock of this engine.
    const replica = new pg.Client({ connectionString: database.url });
    await replica.connect();
    try {
      await replica.query("SELECT pg_advisory_lock($1, hashtext('duckdb'))", [CRAWL_LOCK_CLASS]);
      await expect(crawl()).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^A crawl of DuckDB duckdb is already running/) });
      expect(await db().catalogCrawlRun.count()).toBe(0);
      await replica.query("SELECT pg_advisory_unlock($1, hashtext('duckdb'))", [CRAWL_LOCK_CLASS]);
      expect((await crawl()).status).toBe("succeeded");
    } finally {
      await replica.end();
    }
  });

  it.skipIf(skip)("marks a run left 'running' by a process that died as failed when the next crawl starts", async () => {
    const orphan = await db().catalogCrawlRun.create({ data: { engineId: "duckdb", trigger: "schedule" } });
    await crawl();
    const run = await db().catalogCrawlRun.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(run).toMatchObject({ status: "failed", errorMessage: expect.stringMatching(/stopped before it finished/) });
  });

  it.skipIf(skip)("links lineage datasets that events named before the catalog knew the table", async () => {
    const user = await createTestUser(db(), "producer@example.com", "editor");
    const event = {
      eventType: "COMPLETE",
      eventTime: "2026-12-01T10:00:00.000Z",
      producer: "https://example.com/producer",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: "0192c0de-0000-7000-8000-000000000001" },
      job: { namespace: "tests", name: "load_flights" },
      inputs: [],
      outputs: [{ namespace: "duckdb://portal", name: "lakehouse.staging.flights" }],
    };
    const outcome = await ingestLineage({ ctx: { user, ip: null, db: db() }, input: { events: [event] } });
    expect(outcome.results[0]?.status).toBe("accepted");
    const linkOf = async () =>
      (await db().$queryRaw<{ linked: boolean }[]>`SELECT catalog_dataset_id IS NOT NULL AS linked FROM lineage_datasets WHERE name = 'lakehouse.staging.flights'`)[0]?.linked;
    expect(await linkOf()).toBe(false);

    await crawl();
    expect(await linkOf()).toBe(true);
  });
});
