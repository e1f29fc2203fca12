// OpenLineage ingestion as producers and the people reading the graph meet it: real events from
// Spark, dbt and Marquez's fixtures land and form the graph a user would see (datasets, jobs,
// runs, edges, column lineage, symlinks, parents); one bad event never drops the good ones; the
// same event is stored once; run states follow the rules (a late START does not undo COMPLETE);
// inputs and outputs accumulate; every bad-input case is refused with a reason. PGlite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { ingestLineage } from "./ingest";
import { example, exampleEvents, facet, runEvent, template } from "./testing/events";
import { DUCKDB_NAMESPACE, relinkLineageDatasets } from "./catalog-link";

await describeOnDatabases("lineage ingestion on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let user: CurrentUser;
  const db = () => database.db;
  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await db().$executeRaw`TRUNCATE lineage_raw_events, lineage_namespaces, lineage_datasets, lineage_dataset_versions, lineage_dataset_symlinks, lineage_jobs,
                                    lineage_job_versions, lineage_runs, lineage_run_states, lineage_run_datasets, lineage_edges, lineage_column_edges, users, catalog_datasets CASCADE`;
    user = await createTestUser(db(), "producer@example.com", "editor");
  });
  const ingest = (events: unknown[]) => ingestLineage({ ctx: { user, ip: "192.0.2.1", db: db() }, input: { events } });
  const statuses = async (events: unknown[]) => (await ingest(events)).results.map((r) => r.status);

  const edges = () =>
    db().$queryRaw<{ job: string; direction: string; dataset: string; open: boolean }[]>`
      SELECT j.name AS job, e.direction, n.name || ' ' || d.name AS dataset, e.valid_to IS NULL AS open
        FROM lineage_edges e JOIN lineage_jobs j ON j.id = e.job_id JOIN lineage_datasets d ON d.id = e.dataset_id JOIN lineage_namespaces n ON n.id = d.namespace_id
       ORDER BY 1, 2, 3, 4`;
  const run = async (id: string) => {
    const rows = await db().$queryRaw<{ state: string; started_at: Date | null; ended_at: Date | null; parent_run_id: string | null; root_run_id: string | null; job: string }[]>`
      SELECT r.state, r.started_at, r.ended_at, r.parent_run_id::text, r.root_run_id::text, j.name AS job FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id WHERE r.id = ${id}::uuid`;
    return rows[0];
  };
  const rawCount = async () => (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lineage_raw_events`)[0]!.n;

  describe.skipIf(skip)("real events", () => {
    it("accepts every example event (Spark, dbt, Marquez's fixtures) and stores each once", async () => {
      const examples = exampleEvents();
      expect(examples.length).toBeGreaterThanOrEqual(15);
      const { results } = await ingest(examples.map((e) => e.event));
      expect(results.map((r, i) => `${examples[i]!.file}: ${r.status} ${r.reason ?? ""}`.trim())).toEqual(examples.map((e) => `${e.file}: accepted`));
      expect(await rawCount()).toBe(examples.length);
      // Marquez's full fixture sends dataQualityMetrics without its required columnMetrics: kept, with a warning.
      const full = results[examples.findIndex((e) => e.file === "marquez-fixture__event_full.json")]!;
      expect(full.warnings).toEqual([expect.stringContaining("dataQualityMetrics facet at inputs[0].inputFacets does not match its OpenLineage schema")]);
    });

    it("forms Spark's graph: the CTAS job reads both sources and writes tbl1, with column lineage, schema, symlink and the parent run", async () => {
      await ingest(exampleEvents().map((e) => e.event));
      const ctas = "open_lineage_integration_create_table.execute_create_hive_table_as_select_command.default_tbl1";
      expect((await edges()).filter((e) => e.job === ctas)).toEqual([
        { job: ctas, direction: "input", dataset: "file /tmp/cll_test/cll_source1", open: true },
        { job: ctas, direction: "input", dataset: "file /tmp/cll_test/cll_source2", open: true },
        { job: ctas, direction: "output", dataset: "file /tmp/cll_test/tbl1", open: true },
      ]);
      const tbl1 = await db().lineageDataset.findFirstOrThrow({ where: { name: "/tmp/cll_test/tbl1" }, include: { symlinks: true } });
      expect(tbl1.fields).toEqual([
        { name: "ident", type: "integer" },
        { name: "trans", type: "string" },
        { name: "agg", type: "long" },
      ]);
      expect(tbl1.symlinks).toEqual([{ datasetId: tbl1.id, namespace: "file:/tmp/cll_test", name: "default.tbl1", type: "TABLE" }]);

      const columns = await db().$queryRaw<{ output_field: string; input: string; input_field: string; type: string; subtype: string }[]>`
        SELECT c.output_field, i.name AS input, c.input_field, c.transformation_type AS type, c.transformation_subtype AS subtype
          FROM lineage_column_edges c JOIN lineage_datasets o ON o.id = c.output_dataset_id JOIN lineage_datasets i ON i.id = c.input_dataset_id
         WHERE o.name = '/tmp/cll_test/tbl1' AND c.output_field = 'ident' ORDER BY 2, 3, 4, 5`;
      expect(columns).toEqual([
        { output_field: "ident", input: "/tmp/cll_test/cll_source1", input_field: "a", type: "DIRECT", subtype: "IDENTITY" },
        { output_field: "ident", input: "/tmp/cll_test/cll_source1", input_field: "a", type: "INDIRECT", subtype: "FILTER" },
        { output_field: "ident", input: "/tmp/cll_test/cll_source1", input_field: "a", type: "INDIRECT", subtype: "GROUP_BY" },
        { output_field: "ident", input: "/tmp/cll_test/cll_source1", input_field: "a", type: "INDIRECT", subtype: "JOIN" },
        { output_field: "ident", input: "/tmp/cll_test/cll_source1", input_field: "b", type: "INDIRECT", subtype: "GROUP_BY" },
        { output_field: "ident", input: "/tmp/cll_test/cll_source2", input_field: "a", type: "INDIRECT", subtype: "FILTER" },
        { output_field: "ident", input: "/tmp/cll_test/cll_source2", input_field: "a", type: "INDIRECT", subtype: "JOIN" },
      ]);

      // START, RUNNING, RUNNING, COMPLETE: a finished run with its history, child of the application's run.
      const child = await run("019127df-0850-72bc-b214-b255290588a6");
      expect(child).toMatchObject({ state: "COMPLETE", job: ctas, parent_run_id: "019127de-fd25-7707-bfa4-3ec02693a531", root_run_id: "019127de-fd25-7707-bfa4-3ec02693a531" });
      expect(child!.ended_at!.toISOString()).toBe("2024-08-06T13:26:54.340Z");
      const history = await db().lineageRunState.findMany({ where: { runId: "019127df-0850-72bc-b214-b255290588a6" }, orderBy: { eventTime: "asc" } });
      expect(history.map((h) => h.eventType)).toEqual(["START", "RUNNING", "RUNNING", "COMPLETE"]);
      const job = await db().lineageJob.findFirstOrThrow({ where: { name: ctas } });
      const parent = await db().lineageJob.findFirstOrThrow({ where: { name: "open_lineage_integration_create_table" } });
      expect(job.parentJobId).toBe(parent.id);
    });

    it("keeps unicode names, the job's SQL, type and source location, and the dbt test's parent", async () => {
      await ingest(exampleEvents().map((e) => e.event));
      expect(await db().lineageJob.findFirst({ where: { name: "myjob.buggy_task🕷" } })).not.toBeNull();
      const marquez = await db().lineageJob.findFirstOrThrow({ where: { name: "myjob.mytask" } });
      expect(marquez).toMatchObject({ sql: "SELECT * FROM foo", sourceType: "git", sourceUrl: "http://example.com", jobType: "QUERY", description: "string" });
      const dbtTest = await run("019a977f-3b76-72d4-bec4-6af410d814b4");
      expect(dbtTest).toMatchObject({ state: "START", parent_run_id: "019a977e-d881-797a-a406-c0903f03fe57" });
      const dataset = await db().lineageDataset.findFirstOrThrow({ where: { name: "my-dataset-name" } });
      expect(dataset.fields).toEqual([{ name: "col_a", type: "VARCHAR", description: "string" }]);
    });
  });

  describe.skipIf(skip)("batches and duplicates", () => {
    it("keeps the good events of a batch with a bad one, and names the bad one's index and reason", async () => {
      const good = runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "s3://lake", name: "a.parquet" }] });
      const bad = { ...runEvent({ time: "2025-01-01T00:00:01Z" }), run: {} };
      const { results } = await ingest([good, bad, runEvent({ time: "2025-01-01T00:00:02Z" })]);
      expect(results).toEqual([
        { index: 0, status: "accepted" },
        { index: 1, status: "refused", reason: "run.runId is missing: a RunEvent needs the UUID of its run." },
        { index: 2, status: "accepted" },
      ]);
      expect(await rawCount()).toBe(2);
      expect(await db().lineageDataset.findFirstOrThrow({ where: { name: "a.parquet" } })).toMatchObject({ objectBucket: "lake", objectKey: "a.parquet" });
    });

    it("stores the same event once, whether sent twice in a batch, again later, or with its keys in another order", async () => {
      const event = runEvent({ time: "2025-01-01T00:00:00Z", type: "START" });
      const reordered = Object.fromEntries(Object.entries(event).reverse());
      expect(await statuses([event, reordered])).toEqual(["accepted", "duplicate"]);
      expect(await statuses([event])).toEqual(["duplicate"]);
      expect(await rawCount()).toBe(1);
      expect(await db().lineageRunState.count()).toBe(1);
    });
  });

  describe.skipIf(skip)("runs", () => {
    const job = { namespace: "airflow", name: "etl.load" };
    it("keeps COMPLETE when START and RUNNING arrive later, whatever their times", async () => {
      const runId = randomUUID();
      await ingest([runEvent({ runId, job, type: "COMPLETE", time: "2025-01-01T00:10:00Z" })]);
      await ingest([runEvent({ runId, job, type: "START", time: "2025-01-01T00:00:00Z" }), runEvent({ runId, job, type: "RUNNING", time: "2025-01-01T00:20:00Z" })]);
      const r = await run(runId);
      expect(r).toMatchObject({ state: "COMPLETE" });
      expect(r!.started_at!.toISOString()).toBe("2025-01-01T00:00:00.000Z");
      expect(r!.ended_at!.toISOString()).toBe("2025-01-01T00:10:00.000Z");
    });

    it("takes a COMPLETE without START as a finished run, and follows START → FAIL", async () => {
      const alone = randomUUID();
      const failed = randomUUID();
      await ingest([runEvent({ runId: alone, job, type: "COMPLETE", time: "2025-01-01T00:10:00Z" })]);
      await ingest([runEvent({ runId: failed, job, type: "START", time: "2025-01-01T00:00:00Z" })]);
      expect(await run(failed)).toMatchObject({ state: "START", ended_at: null });
      await ingest([
        runEvent({
          runId: failed,
          job,
          type: "FAIL",
          time: "2025-01-01T00:05:00Z",
          runFacets: { errorMessage: facet({ message: "disk full", programmingLanguage: "python" }, "ErrorMessageRunFacet", "1-0-1") },
        }),
      ]);
      expect(await run(alone)).toMatchObject({ state: "COMPLETE", started_at: null });
      expect(await run(failed)).toMatchObject({ state: "FAIL" });
      expect((await db().lineageRun.findUniqueOrThrow({ where: { id: failed } })).errorMessage).toBe("disk full");
    });

    it("accumulates inputs and outputs over all events of a run, in any order", async () => {
      const runId = randomUUID();
      const a = { namespace: DUCKDB_NAMESPACE, name: "lakehouse.raw.flights" };
      const b = { namespace: DUCKDB_NAMESPACE, name: "lakehouse.staging.flights" };
      await ingest([runEvent({ runId, job, type: "COMPLETE", time: "2025-01-01T00:10:00Z", outputs: [b] })]);
      await ingest([runEvent({ runId, job, type: "START", time: "2025-01-01T00:00:00Z", inputs: [a] })]);
      const rows = await db().lineageRunDataset.findMany({ where: { runId }, include: { run: false } });
      expect(rows.map((r) => r.direction).sort()).toEqual(["input", "output"]);
      expect(await edges()).toEqual([
        { job: "etl.load", direction: "input", dataset: `${DUCKDB_NAMESPACE} lakehouse.raw.flights`, open: true },
        { job: "etl.load", direction: "output", dataset: `${DUCKDB_NAMESPACE} lakehouse.staging.flights`, open: true },
      ]);
    });

    it("records the parent and root runs of a task run (ParentRunFacet with root)", async () => {
      const runId = randomUUID();
      const parentRun = randomUUID();
      const rootRun = randomUUID();
      const parent = facet(
        { run: { runId: parentRun }, job: { namespace: "airflow", name: "etl" }, root: { run: { runId: rootRun }, job: { namespace: "airflow", name: "etl_all" } } },
        "ParentRunFacet",
        "1-1-0",
      );
      expect(await statuses([runEvent({ runId, job, type: "START", time: "2025-01-01T00:00:00Z", runFacets: { parent } })])).toEqual(["accepted"]);
      expect(await run(runId)).toMatchObject({ parent_run_id: parentRun, root_run_id: rootRun });
      const parentJob = await db().lineageJob.findFirstOrThrow({ where: { name: "etl" } });
      expect((await db().lineageJob.findFirstOrThrow({ where: { name: "etl.load" } })).parentJobId).toBe(parentJob.id);
    });
  });

  describe.skipIf(skip)("the graph over time", () => {
    const job = { namespace: "dbt", name: "model.shop.orders" };
    const raw = { namespace: "postgres://db:5432", name: "shop.public.raw_orders" };
    const old = { namespace: "postgres://db:5432", name: "shop.public.legacy_orders" };
    const out = { namespace: "postgres://db:5432", name: "shop.public.orders" };

    it("ends an edge when a newer completed run of the job no longer has it, and a late old event does not reopen it", async () => {
      await ingest([runEvent({ job, time: "2025-01-01T00:00:00Z", inputs: [old], outputs: [out] })]);
      await ingest([runEvent({ job, time: "2025-02-01T00:00:00Z", inputs: [raw], outputs: [out] })]);
      const rows = await db().$queryRaw<{ name: string; valid_from: Date; valid_to: Date | null }[]>`
        SELECT d.name, e.valid_from, e.valid_to FROM lineage_edges e JOIN lineage_datasets d ON d.id = e.dataset_id WHERE e.direction = 'input' ORDER BY d.name`;
      expect(rows.map((r) => [r.name, r.valid_from.toISOString(), r.valid_to?.toISOString() ?? null])).toEqual([
        ["shop.public.legacy_orders", "2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z"],
        ["shop.public.raw_orders", "2025-02-01T00:00:00.000Z", null],
      ]);
      await ingest([runEvent({ job, type: "RUNNING", time: "2025-01-01T00:00:05Z", inputs: [old] })]);
      expect((await edges()).filter((e) => e.dataset.endsWith("legacy_orders"))).toEqual([
        { job: job.name, direction: "input", dataset: `${old.namespace} ${old.name}`, open: false },
      ]);
      expect(await db().lineageJobVersion.count()).toBe(2);
    });

    it("stores a job that reads and writes the same dataset (a cycle) as two edges", async () => {
      const table = { namespace: "trino://trino:8080", name: "iceberg.shop.orders" };
      expect(await statuses([runEvent({ job, time: "2025-01-01T00:00:00Z", inputs: [table], outputs: [table] })])).toEqual(["accepted"]);
      expect(await edges()).toEqual([
        { job: job.name, direction: "input", dataset: "trino://trino:8080 iceberg.shop.orders", open: true },
        { job: job.name, direction: "output", dataset: "trino://trino:8080 iceberg.shop.orders", open: true },
      ]);
    });
  });

  describe.skipIf(skip)("catalog links", () => {
    it("links a DuckDB lakehouse dataset to its catalog dataset, also when the catalog learns it later", async () => {
      const name = { namespace: DUCKDB_NAMESPACE, name: "lakehouse.curated.daily_delays" };
      await ingest([runEvent({ time: "2025-01-01T00:00:00Z", outputs: [name] })]);
      const dataset = () => db().lineageDataset.findFirstOrThrow({ where: { name: name.name } });
      expect((await dataset()).catalogDatasetId).toBeNull();
      const catalog = await db().catalogDataset.create({
        data: { engineId: "duckdb", catalog: "lakehouse", schema: "curated", name: "daily_delays", kind: "TABLE", columnsHash: "x" },
      });
      expect(await relinkLineageDatasets(db())).toBe(1);
      expect((await dataset()).catalogDatasetId).toBe(catalog.id);
    });
  });

  describe.skipIf(skip)("bad input", () => {
    const refusal = async (event: unknown) => {
      const [result] = (await ingest([event])).results;
      expect(result!.status).toBe("refused");
      return result!.reason;
    };
    const base = () => runEvent({ time: "2025-01-01T00:00:00Z" });

    it("names what is wrong: no runId, an unparseable or zone-less eventTime, an unknown eventType, a non-uuid runId", async () => {
      expect(await refusal({ ...base(), run: {} })).toBe("run.runId is missing: a RunEvent needs the UUID of its run.");
      expect(await refusal({ ...base(), eventTime: "yesterday" })).toBe('eventTime is not an RFC 3339 date-time ("yesterday"), e.g. 2024-08-06T13:26:49.980Z.');
      expect(await refusal({ ...base(), eventTime: "2025-01-01T10:00:00" })).toBe('eventTime has no time zone ("2025-01-01T10:00:00"); add Z or an offset such as +02:00.');
      expect(await refusal({ ...base(), eventTime: "2025-02-30T10:00:00Z" })).toBe('eventTime is not a valid date-time ("2025-02-30T10:00:00Z").');
      expect(await refusal({ ...base(), eventType: "FINISHED" })).toBe('eventType "FINISHED" is not one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER.');
      expect(await refusal({ ...base(), run: { runId: "run-42" } })).toBe('Does not match the OpenLineage 2-0-2 RunEvent schema: run.runId must match format "uuid".');
      expect(await refusal([base()])).toBe("An event must be a JSON object, not an array.");
      expect(await refusal({ hello: "world" })).toBe("Not an OpenLineage event: a RunEvent has `run` and `job`, a JobEvent has `job`, a DatasetEvent has `dataset`.");
      expect(await refusal({ ...base(), eventTime: undefined })).toBe("eventTime is missing.");
      expect(await rawCount()).toBe(0);
    });

    it("refuses integration tests' expected events: dbt's {{ any(result) }}, Flink's ${json-unit…}, Airflow's partial requests", async () => {
      expect(await refusal(template("dbt__successful_run_first_event.json"))).toBe(
        "run.runId holds the test-template placeholder {{ any(result) }}, not a value: this is an integration test's expected event, not a real one.",
      );
      expect(await refusal(template("flink__expected_kafka.json"))).toBe(
        "eventTime holds the test-template placeholder ${json-unit.any-string}, not a value: this is an integration test's expected event, not a real one.",
      );
      expect(await refusal(template("airflow__trino_expected_request.json"))).toBe("eventTime is missing.");
    });

    it("accepts 0 to 9 fractional digits and time zone offsets, cut to microseconds in UTC", async () => {
      const runId = randomUUID();
      expect(
        await statuses([runEvent({ runId, type: "START", time: "2025-01-01T10:00:00.123456789+02:00" }), runEvent({ runId, type: "RUNNING", time: "2025-01-01T08:00:01Z" })]),
      ).toEqual(["accepted", "accepted"]);
      const times = await db().$queryRaw<
        { t: string }[]
      >`SELECT to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS t FROM lineage_run_states ORDER BY event_time`;
      expect(times.map((r) => r.t)).toEqual(["2025-01-01 08:00:00.123456", "2025-01-01 08:00:01.000000"]);
    });

    it("refuses over-long names with the limit, and keeps long unicode names within it", async () => {
      const long = "x".repeat(1_001);
      expect(await refusal(runEvent({ time: "2025-01-01T00:00:00Z", job: { namespace: "n", name: long } }))).toBe(
        "job.name is 1,001 characters (1,001 bytes) long; names may have at most 1,000 characters and 1,500 bytes.",
      );
      expect(await refusal(runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "n", name: "🕷".repeat(400) }] }))).toBe(
        "outputs[0].name is 400 characters (1,600 bytes) long; names may have at most 1,000 characters and 1,500 bytes.",
      );
      expect(await refusal(runEvent({ time: "2025-01-01T00:00:00Z", job: { namespace: "", name: "x" } }))).toBe("job.namespace is empty.");
      const unicode = "データ.ü.🕷".repeat(30);
      expect(await statuses([runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "s3://lake", name: unicode }] })])).toEqual(["accepted"]);
      expect(await db().lineageDataset.findFirst({ where: { name: unicode } })).not.toBeNull();
    });

    it("refuses an official facet the model reads when it breaks its schema, and keeps custom facets as sent", async () => {
      const badSchema = { schema: facet({ fields: [{ type: "int" }] }) };
      expect(await refusal(runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "n", name: "t", facets: badSchema }] }))).toBe(
        "The schema facet at outputs[0].facets does not match its OpenLineage schema: outputs[0].facets.schema.fields[0] must have required property 'name'.",
      );
      const custom = { myCompany_owner: { team: "data" } };
      expect(await statuses([runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "n", name: "t", facets: custom }] })])).toEqual(["accepted"]);
      expect((await db().lineageDataset.findFirstOrThrow({ where: { name: "t" } })).facets).toEqual(custom);
    });

    it("classifies an event without schemaURL by its shape and accepts the 1-0-x spec", async () => {
      const { schemaURL: _unused, ...noUrl } = runEvent({ time: "2025-01-01T00:00:00Z" });
      void _unused;
      const v1 = {
        ...example("marquez-fixture__event_unicode.json"),
        schemaURL: "https://openlineage.io/spec/1-0-5/OpenLineage.json#/$defs/RunEvent",
        eventTime: "2025-03-01T00:00:00Z",
      };
      expect(await statuses([noUrl, v1])).toEqual(["accepted", "accepted"]);
      const specs = await db().lineageRawEvent.findMany({ orderBy: { id: "asc" }, select: { specVersion: true } });
      expect(specs).toEqual([{ specVersion: "2-0-2" }, { specVersion: "1-0-5" }]);
    });
  });
});
