// The workbench as a lineage producer: a statement that writes, run as a user would run it
// (prepareRun + executeRun), becomes a COMPLETE run of the job adhoc.<e-mail> — or of the saved
// query's name — with its SQL, job type, the new table's schema and column lineage, through the
// same ingestion as external events; a read statement or a failed one records nothing. PGlite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import { DuckDbEngine } from "../engines/duckdb/duckdb-engine";
import { setEngines } from "../engines/registry";
import { executeRun, prepareRun } from "../sql/run-query";
import type { CurrentUser } from "../auth/current-user";
import { recordStatementLineage } from "./portal-producer-statement";
import { DUCKDB_NAMESPACE } from "./catalog-link";

await describeOnDatabases("workbench lineage on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let engine: DuckDbEngine;
  let editor: CurrentUser;
  const db = () => database.db;
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    engine = await DuckDbEngine.create({ path: ":memory:" });
    const conn = await engine.connect();
    await conn.run("CREATE SCHEMA staging; CREATE TABLE staging.flights AS SELECT 'SEA' AS origin, 'LAX' AS destination, 12 AS delay_minutes");
    conn.disconnectSync();
    setEngines(new Map([["duckdb", { engine, defaultCatalog: "memory", defaultSchema: "main" }]]));
    editor = await createTestUser(db(), "lineage-editor@example.com", "editor");
  });
  afterAll(async () => {
    setEngines(undefined);
    await engine?.close();
    await database?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    await db().$executeRaw`TRUNCATE lineage_raw_events, lineage_namespaces, lineage_datasets, lineage_dataset_versions, lineage_jobs, lineage_job_versions,
                                    lineage_runs, lineage_run_states, lineage_run_datasets, lineage_edges, lineage_column_edges CASCADE`;
  });

  const ctx = () => ({ user: editor, ip: null, db: db() });
  async function run(sql: string) {
    const prepared = await prepareRun({ ctx: ctx(), input: { engineId: "duckdb", sql, catalog: null, schema: null, limit: 100 } });
    for await (const event of executeRun(prepared, new AbortController().signal)) void event;
  }
  const runsOf = () =>
    db().$queryRaw<{ job: string; state: string; job_type: string | null; integration: string | null; sql: string | null }[]>`
      SELECT j.name AS job, r.state, j.job_type, j.integration, j.sql FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id ORDER BY r.created_at`;
  const columnEdges = () =>
    db().$queryRaw<{ edge: string }[]>`
      SELECT o.name || '.' || c.output_field || ' ← ' || i.name || '.' || c.input_field || ' ' || c.transformation_type || '/' || c.transformation_subtype AS edge
        FROM lineage_column_edges c JOIN lineage_datasets o ON o.id = c.output_dataset_id JOIN lineage_datasets i ON i.id = c.input_dataset_id ORDER BY 1`.then((r) =>
      r.map((x) => x.edge),
    );

  describe.skipIf(skip)("statements", () => {
    it("a CTAS run in the workbench is recorded in the background as the user's ad hoc job, with schema and column lineage", async () => {
      await run("CREATE TABLE main.per_origin AS SELECT origin, max(delay_minutes) AS worst FROM staging.flights GROUP BY origin");
      await expect.poll(async () => (await runsOf()).length, { timeout: 10_000 }).toBe(1);
      expect(await runsOf()).toEqual([
        {
          job: "adhoc.lineage-editor@example.com",
          state: "COMPLETE",
          job_type: "QUERY",
          integration: "PORTAL",
          sql: "CREATE TABLE main.per_origin AS SELECT origin, max(delay_minutes) AS worst FROM staging.flights GROUP BY origin",
        },
      ]);
      expect(await columnEdges()).toEqual([
        "memory.main.per_origin. ← memory.staging.flights.origin INDIRECT/GROUP_BY",
        "memory.main.per_origin.origin ← memory.staging.flights.origin DIRECT/IDENTITY",
        "memory.main.per_origin.worst ← memory.staging.flights.delay_minutes DIRECT/AGGREGATION",
      ]);
      const output = await db().lineageDataset.findFirstOrThrow({ where: { name: "memory.main.per_origin", namespace: { name: DUCKDB_NAMESPACE } } });
      expect(output.fields).toEqual([
        { name: "origin", type: "VARCHAR" },
        { name: "worst", type: "INTEGER" },
      ]);
    });

    it("a saved query's statement is a run of the job named after it", async () => {
      const sql = "CREATE OR REPLACE VIEW main.late AS SELECT origin FROM staging.flights WHERE delay_minutes > 10";
      await db().savedQuery.create({ data: { ownerId: editor.id, name: "Late origins", engineId: "duckdb", sql } });
      const now = new Date();
      const runId = await recordStatementLineage({
        ctx: ctx(),
        input: { queryRunId: crypto.randomUUID(), engineId: "duckdb", sql, catalog: "memory", schema: "main", startedAt: now, finishedAt: now },
      });
      expect(runId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await runsOf()).map((r) => r.job)).toEqual(["Late origins"]);
    });

    it("reads, failed statements and writes lineage cannot name record nothing", async () => {
      await run("SELECT * FROM staging.flights");
      await run("CREATE TABLE main.broken AS SELECT no_such_column FROM staging.flights");
      await run("CREATE TABLE main.plain (a INT)");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await runsOf()).toEqual([]);
    });
  });
});
