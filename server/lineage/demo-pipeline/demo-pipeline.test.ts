// The demo pipeline as people see it in the lineage model: a real build of the demo lakehouse
// becomes a DAG run with one task run per step (states, parent and root), the datasets from the
// lake file to the curated tables, and column lineage; two starters at once run it once; a
// failing task records FAIL, the DAG run fails, and the lakehouse is left as it was. PGlite and PostgreSQL.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { DuckDbEngine } from "../../engines/duckdb/duckdb-engine";
import type { DemoTask } from "../../engines/duckdb/demo-lakehouse";
import { runDemoPipeline } from "./run";
import { runDemoPipelineIfDue } from "./scheduler";
import { DEMO_PIPELINE_LOCK, DEMO_PIPELINE_NAME } from "./lock";

const small: DemoTask[] = [
  { id: "create_schemas", label: "schemas", statements: ["CREATE SCHEMA IF NOT EXISTS staging", "CREATE SCHEMA IF NOT EXISTS curated"] },
  { id: "staging_numbers", label: "numbers", statements: ["CREATE OR REPLACE TABLE staging.numbers AS SELECT range AS n, range % 3 AS bucket FROM range(10)"] },
  { id: "curated_buckets", label: "buckets", statements: ["CREATE OR REPLACE TABLE curated.buckets AS SELECT bucket, sum(n) AS total FROM staging.numbers GROUP BY bucket"] },
];

await describeOnDatabases("the demo pipeline on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let engine: DuckDbEngine;
  let conn: DuckDBConnection;
  let dir: string;
  const db = () => database.db;
  /** The scheduler's options over the small pipeline, hourly, with this many days of backfill. */
  const schedule = (backfillDays: number) => ({
    client: db,
    databaseUrl: database.url,
    connect: () => engine.connect(),
    lakeDir: path.join(dir, "lake"),
    tasks: small,
    intervalMinutes: 60,
    backfillDays,
  });
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "demo-pipeline-")));
    mkdirSync(path.join(dir, "lake"), { recursive: true });
    engine = await DuckDbEngine.create({
      path: path.join(dir, "lakehouse.duckdb"),
      id: "duckdb",
      label: "DuckDB",
      settings: { threads: "2" },
      sandbox: { lakeDir: realpathSync(path.join(dir, "lake")), bucketRights: () => () => ({ read: true, write: true, visible: true }) },
    });
    conn = await engine.connect();
  }, 60_000);
  afterAll(async () => {
    conn?.disconnectSync();
    await engine?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    if (skip) return;
    await db().$executeRaw`TRUNCATE lineage_raw_events, lineage_namespaces, lineage_datasets, lineage_dataset_versions, lineage_dataset_symlinks, lineage_jobs,
                                    lineage_job_versions, lineage_runs, lineage_run_states, lineage_run_datasets, lineage_edges, lineage_column_edges CASCADE`;
  });

  const runs = () =>
    db().$queryRaw<
      {
        job: string;
        state: string;
        parent: string | null;
        root: string | null;
        id: string;
        error: string | null;
        job_type: string | null;
        integration: string | null;
        states: string;
      }[]
    >`
      SELECT j.name AS job, r.state, r.parent_run_id::text AS parent, r.root_run_id::text AS root, r.id::text AS id, r.error_message AS error, j.job_type, j.integration,
             (SELECT string_agg(s.event_type, ',' ORDER BY s.event_time) FROM lineage_run_states s WHERE s.run_id = r.id) AS states
        FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id ORDER BY (SELECT min(s.id) FROM lineage_run_states s WHERE s.run_id = r.id)`;
  const edges = () =>
    db().$queryRaw<{ edge: string }[]>`
      SELECT e.direction || ' ' || j.name || ' ' || n.name || ' ' || d.name AS edge
        FROM lineage_edges e JOIN lineage_jobs j ON j.id = e.job_id JOIN lineage_datasets d ON d.id = e.dataset_id JOIN lineage_namespaces n ON n.id = d.namespace_id
       WHERE e.valid_to IS NULL ORDER BY 1`.then((rows) => rows.map((r) => r.edge));
  const columnEdges = () =>
    db().$queryRaw<{ edge: string }[]>`
      SELECT o.name || '.' || c.output_field || ' ← ' || i.name || '.' || c.input_field || ' ' || c.transformation_type || '/' || c.transformation_subtype AS edge
        FROM lineage_column_edges c JOIN lineage_datasets o ON o.id = c.output_dataset_id JOIN lineage_datasets i ON i.id = c.input_dataset_id ORDER BY 1`.then((rows) =>
      rows.map((r) => r.edge),
    );

  describe.skipIf(skip)("runs", () => {
    it("a build of the real demo lakehouse is a DAG run with a COMPLETE task run per step, its datasets and column lineage", async () => {
      const run = await runDemoPipeline({ db: db(), conn, lakeDir: path.join(dir, "lake") });
      expect(run.report.error).toBeNull();
      expect(run.state).toBe("COMPLETE");
      const all = await runs();
      const dag = all.find((r) => r.job === "demo_lakehouse")!;
      expect(dag).toMatchObject({ state: "COMPLETE", parent: null, job_type: "DAG", integration: "PORTAL_DEMO", states: "START,COMPLETE" });
      const tasks = all.filter((r) => r.job !== "demo_lakehouse");
      expect(tasks.map((t) => t.job)).toEqual(expect.arrayContaining(["demo_lakehouse.staging_flights", "demo_lakehouse.curated_route_performance", "demo_lakehouse.raw_flights"]));
      expect(tasks).toHaveLength(11);
      for (const t of tasks) expect(t).toMatchObject({ state: "COMPLETE", parent: dag.id, root: dag.id, job_type: "TASK", integration: "PORTAL_DEMO", states: "START,COMPLETE" });

      const e = await edges();
      const lake = path.join(dir, "lake", "raw", "flights", "flights-3m.parquet");
      expect(e).toContain(`input demo_lakehouse.raw_flights file ${lake}`);
      expect(e).toContain("output demo_lakehouse.raw_flights duckdb://portal lakehouse.raw.flights");
      expect(e).toContain("input demo_lakehouse.staging_flights duckdb://portal lakehouse.raw.flights");
      expect(e).toContain("output demo_lakehouse.staging_flights duckdb://portal lakehouse.staging.flights");
      expect(e).toContain("input demo_lakehouse.curated_route_performance duckdb://portal lakehouse.staging.airports");
      expect(e).not.toContain(expect.stringContaining("demo_lakehouse.create_schemas"));

      const c = await columnEdges();
      expect(c).toContain("lakehouse.staging.flights.delay_minutes ← lakehouse.raw.flights.delay DIRECT/TRANSFORMATION");
      expect(c).toContain("lakehouse.staging.flights.origin ← lakehouse.raw.flights.origin DIRECT/IDENTITY");
      expect(c).toContain("lakehouse.curated.route_performance.origin_city ← lakehouse.staging.airports.city DIRECT/IDENTITY");
      expect(c).toContain("lakehouse.curated.daily_flight_delays.avg_delay_minutes ← lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION");
      expect(c).toContain("lakehouse.curated.daily_flight_delays. ← lakehouse.staging.flights.flight_date INDIRECT/GROUP_BY");

      const fields = await db().$queryRaw<{ fields: { name: string; type: string }[] }[]>`
        SELECT d.fields FROM lineage_datasets d WHERE d.name = 'lakehouse.staging.flights'`;
      expect(fields[0]!.fields.map((f) => f.name)).toEqual(["departed_at", "flight_date", "delay_minutes", "distance_miles", "origin", "destination"]);
      const job = await db().lineageJob.findFirstOrThrow({ where: { name: "demo_lakehouse.staging_flights" } });
      expect(job.sql).toMatch(/^CREATE OR REPLACE TABLE staging\.flights AS/);
    }, 120_000);

    it("two starters at once run it once; a third, not yet due, does not run it", async () => {
      const options = schedule(0);
      const [a, b] = await Promise.all([runDemoPipelineIfDue(options), runDemoPipelineIfDue(options)]);
      expect([a, b].filter((r) => r !== null)).toHaveLength(1);
      expect(await runDemoPipelineIfDue(options)).toBeNull();
      expect((await runs()).filter((r) => r.job === "demo_lakehouse")).toHaveLength(1);
    }, 60_000);

    it.skipIf(kind === "pglite")("another replica holding the lock keeps this one from running it", async () => {
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      try {
        await other.query("SELECT pg_advisory_lock($1, hashtext($2))", [DEMO_PIPELINE_LOCK, DEMO_PIPELINE_NAME]);
        const options = schedule(0);
        expect(await runDemoPipelineIfDue(options)).toBeNull();
        expect(await runs()).toEqual([]);
      } finally {
        await other.end();
      }
    });

    it("the first tick after the first build backfills its history once: runs at its cadence, failures, a late one, owners for the demo tables", async () => {
      const first = await runDemoPipeline({ db: db(), conn, lakeDir: path.join(dir, "lake"), tasks: small });
      const admin = await db().user.create({ data: { email: `demo-owner-${Date.now()}@example.com`, name: "Owner", passwordHash: "x", role: "admin" } });
      const table = await db().catalogDataset.upsert({
        where: { engineId_catalog_schema_name: { engineId: "duckdb", catalog: "lakehouse", schema: "curated", name: "buckets" } },
        create: { engineId: "duckdb", catalog: "lakehouse", schema: "curated", name: "buckets", kind: "TABLE", columnsHash: "x" },
        update: { owners: [] },
      });
      await db().$executeRaw`DELETE FROM audit_events WHERE subject = ${`dataset:${table.id}`}`;
      const options = schedule(3);
      expect(await runDemoPipelineIfDue(options)).toBeNull(); // not due: the first build was just now
      const dagRuns = () =>
        db().$queryRaw<{ id: string; state: string; nominal: Date; started: Date; ended: Date; backfill: boolean }[]>`
          SELECT r.id::text, r.state, r.nominal_start_at AS nominal, r.started_at AS started, r.ended_at AS ended, r.facets ? 'portalDemoBackfill' AS backfill
            FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id WHERE j.name = 'demo_lakehouse' ORDER BY r.nominal_start_at`;
      const all = await dagRuns();
      expect(all).toHaveLength(3 * 24 + 1);
      const history = all.filter((r) => r.backfill);
      expect(history).toHaveLength(72);
      // Hourly before the first build, newest an hour before it.
      const anchor = first.report.startedAt.getTime();
      expect(history.at(-1)!.nominal.getTime()).toBe(anchor - 3_600_000);
      expect(history[0]!.nominal.getTime()).toBe(anchor - 72 * 3_600_000);
      const failed = history.filter((r) => r.state === "FAIL");
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed.length).toBeLessThan(10);
      expect(history.filter((r) => r.started.getTime() - r.nominal.getTime() > 15 * 60_000).length).toBeGreaterThanOrEqual(1);
      for (const r of history) expect(r.ended.getTime()).toBeGreaterThan(r.started.getTime());
      // A failed build has a failed task with its error, and no runs of the tasks after it.
      const tasksOfFailed = await runs().then((rs) => rs.filter((r) => r.parent === failed[0]!.id));
      expect(tasksOfFailed.at(-1)).toMatchObject({ state: "FAIL", error: expect.stringMatching(/Error/) });
      expect(tasksOfFailed.length).toBeLessThanOrEqual(small.length);
      // The demo table got the first administrator as owner, with an audit row.
      expect((await db().catalogDataset.findUniqueOrThrow({ where: { id: table.id } })).owners).toEqual([admin.email]);
      // Again (a restart, another replica): nothing more, and a steward's choice of no owners stays.
      await db().catalogDataset.update({ where: { id: table.id }, data: { owners: [] } });
      expect(await runDemoPipelineIfDue(options)).toBeNull();
      expect(await dagRuns()).toHaveLength(73);
      expect((await db().catalogDataset.findUniqueOrThrow({ where: { id: table.id } })).owners).toEqual([]);
      await db().user.delete({ where: { id: admin.id } });
    }, 120_000);

    it("a failing task records FAIL with its error, later tasks never run, the DAG run fails and DuckDB keeps what it had", async () => {
      const failing: DemoTask[] = [
        small[0]!,
        { id: "staging_ok", label: "ok", statements: ["CREATE OR REPLACE TABLE staging.ok_before_failure AS SELECT 1 AS one"] },
        { id: "staging_broken", label: "broken", statements: ["CREATE OR REPLACE TABLE staging.broken AS SELECT missing_column FROM staging.ok_before_failure"] },
        { id: "curated_after", label: "after", statements: ["CREATE OR REPLACE TABLE curated.after AS SELECT 2 AS two"] },
      ];
      const run = await runDemoPipeline({ db: db(), conn, lakeDir: path.join(dir, "lake"), tasks: failing });
      expect(run.state).toBe("FAIL");
      const all = await runs();
      expect(all.map((r) => [r.job, r.state, r.states])).toEqual([
        ["demo_lakehouse", "FAIL", "START,FAIL"],
        ["demo_lakehouse.create_schemas", "COMPLETE", "START,COMPLETE"],
        ["demo_lakehouse.staging_ok", "COMPLETE", "START,COMPLETE"],
        ["demo_lakehouse.staging_broken", "FAIL", "START,FAIL"],
      ]);
      expect(all.find((r) => r.job === "demo_lakehouse.staging_broken")!.error).toMatch(/missing_column/);
      expect(all[0]!.error).toMatch(/^The build was rolled back: .*missing_column/);
      const left = await conn.runAndReadAll("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ok_before_failure'");
      expect(Number(left.getRows()[0]![0])).toBe(0);
    }, 60_000);
  });
});
