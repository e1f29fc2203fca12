// The lineage section of a catalog dataset's page, from events ingested the way producers send
// them: what it shows upstream and downstream (levels, links to catalog pages, latest runs), the
// sources of each column, cycles, and a dataset no event named.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { ingestLineage } from "./ingest";
import { datasetLineage } from "./dataset-lineage";
import { datasetLineageInput } from "./schemas";

const NS = "duckdb://portal";
let runNumber = 0;

/** A COMPLETE run event of `job` reading `inputs` and writing `output`, optionally with column lineage. */
function run(job: string, inputs: string[], output: string, state = "COMPLETE", columns?: Record<string, [string, string][]>, rowsFrom: [string, string][] = []) {
  runNumber += 1;
  const columnLineage = columns && {
    columnLineage: {
      _producer: "https://example.com/test",
      _schemaURL: "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
      fields: Object.fromEntries(
        Object.entries(columns).map(([field, sources]) => [
          field,
          { inputFields: sources.map(([name, inputField]) => ({ namespace: NS, name, field: inputField, transformations: [{ type: "DIRECT", subtype: "AGGREGATION" }] })) },
        ]),
      ),
      ...(rowsFrom.length ? { dataset: rowsFrom.map(([name, field]) => ({ namespace: NS, name, field, transformations: [{ type: "INDIRECT", subtype: "FILTER" }] })) } : {}),
    },
  };
  return {
    eventType: state,
    eventTime: `2026-12-01T10:${String(runNumber).padStart(2, "0")}:00.000Z`,
    producer: "https://example.com/test",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: `0192c0de-0000-7000-8000-${String(runNumber).padStart(12, "0")}` },
    job: { namespace: "pipelines", name: job },
    inputs: inputs.map((name) => ({ namespace: NS, name })),
    outputs: [{ namespace: NS, name: output, ...(columnLineage ? { facets: columnLineage } : {}) }],
  };
}

await describeOnDatabases("dataset lineage panel on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let user: CurrentUser;
  const db = () => database.db;
  const catalogDataset = (schema: string, name: string) =>
    db().catalogDataset.create({ data: { engineId: "duckdb", catalog: "lakehouse", schema, name, kind: "TABLE", columnsHash: "x" } });
  const ingest = (events: unknown[]) => ingestLineage({ ctx: { user, ip: null, db: db() }, input: { events } });
  const panel = (datasetId: string, depth?: number) => datasetLineage({ ctx: { user, ip: null, db: db() }, input: datasetLineageInput.parse({ datasetId, depth }) });
  const names = (level: { nodes: { kind: string; name: string }[] } | undefined) => level?.nodes.map((n) => `${n.kind}:${n.name}`);

  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await db().$executeRaw`TRUNCATE lineage_raw_events, lineage_namespaces, lineage_datasets, lineage_jobs, lineage_runs, users, catalog_datasets CASCADE`;
    user = await createTestUser(db(), "viewer@example.com", "viewer");
  });

  it.skipIf(skip)("shows the jobs and datasets upstream and downstream by hop, with catalog links and latest runs", async () => {
    const staging = await catalogDataset("staging", "flights");
    await catalogDataset("curated", "delays");
    const events = await ingest([
      run("load_flights", ["lakehouse.raw.flights"], "lakehouse.staging.flights"),
      run("daily_delays", ["lakehouse.staging.flights"], "lakehouse.curated.delays", "COMPLETE", { flights: [["lakehouse.staging.flights", "origin"]] }),
      run("daily_delays", ["lakehouse.staging.flights"], "lakehouse.curated.delays", "FAIL"),
      run("weekly_report", ["lakehouse.curated.delays"], "lakehouse.reports.weekly"),
    ]);
    expect(events.results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted", "accepted"]);

    const view = await panel(staging.id, 3);
    expect(view.known).toBe(true);
    expect(view.upstream.map(names)).toEqual([["job:load_flights"], ["dataset:lakehouse.raw.flights"]]);
    expect(view.downstream.map(names)).toEqual([["job:daily_delays"], ["dataset:lakehouse.curated.delays"], ["job:weekly_report"]]);
    // The curated table is in the catalog, the raw one is not; the job's latest run failed.
    expect(view.downstream[1]!.nodes[0]!.catalog).toEqual({ engineId: "duckdb", catalog: "lakehouse", schema: "curated", name: "delays" });
    expect(view.upstream[1]!.nodes[0]!.catalog).toBeNull();
    expect(view.downstream[0]!.nodes[0]!.lastRun?.state).toBe("FAIL");

    // Depth 1 stops at the neighbouring jobs.
    expect((await panel(staging.id, 1)).downstream.map(names)).toEqual([["job:daily_delays"]]);
  });

  it.skipIf(skip)("lists where each column comes from, then what decides the rows", async () => {
    const delays = await catalogDataset("curated", "delays");
    await ingest([
      run(
        "daily_delays",
        ["lakehouse.staging.flights"],
        "lakehouse.curated.delays",
        "COMPLETE",
        {
          avg_delay: [["lakehouse.staging.flights", "delay_minutes"]],
          route: [
            ["lakehouse.staging.flights", "origin"],
            ["lakehouse.staging.flights", "destination"],
          ],
        },
        [["lakehouse.staging.flights", "cancelled"]],
      ),
    ]);
    const view = await panel(delays.id);
    expect(view.columns.map((c) => [c.field, c.inputs.map((i) => `${i.dataset}.${i.field} ${i.type}/${i.subtype}`)])).toEqual([
      ["avg_delay", ["lakehouse.staging.flights.delay_minutes DIRECT/AGGREGATION"]],
      ["route", ["lakehouse.staging.flights.destination DIRECT/AGGREGATION", "lakehouse.staging.flights.origin DIRECT/AGGREGATION"]],
      // What decides the table's rows (a filter) comes after the columns, under "".
      ["", ["lakehouse.staging.flights.cancelled INDIRECT/FILTER"]],
    ]);
  });

  it.skipIf(skip)("ends at a cycle instead of repeating it", async () => {
    const table = await catalogDataset("staging", "counters");
    // A job that reads and writes the same table.
    await ingest([run("bump_counters", ["lakehouse.staging.counters"], "lakehouse.staging.counters")]);
    const view = await panel(table.id, 5);
    expect(view.upstream.map(names)).toEqual([["job:bump_counters"]]);
    expect(view.downstream.map(names)).toEqual([["job:bump_counters"]]);
  });

  it.skipIf(skip)("says when no lineage event named the dataset", async () => {
    const lonely = await catalogDataset("staging", "lonely");
    expect(await panel(lonely.id)).toEqual({ known: false, upstream: [], downstream: [], columns: [] });
  });
});

it("refuses depths the page does not offer, naming the limit", () => {
  const result = datasetLineageInput.safeParse({ datasetId: "0192c0de-0000-7000-8000-000000000001", depth: 9 });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.message).toMatch(/at most 5/);
});
