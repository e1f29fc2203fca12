// The lineage graph as a reader relies on it: depth counts directed hops (jobs that share an input
// are not neighbours), cycles end, `asOf` answers with the edges valid then (before and after a
// job version change), node ids with colons, slashes and unicode name the right dataset, column
// lineage walks upstream and (on request) downstream. Graphs are built by real OpenLineage events
// through ingestion. PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../../testing/expectations";
import type { CurrentUser } from "../../auth/current-user";
import { facet } from "../testing/events";
import { columnLineage, lineage, walkLineage } from "./graph";
import { resolveNode } from "./resolve-node";
import { ds, ingestAll, job, jobRun, NS } from "./testing/build-graph";

const columns = (fields: Record<string, { namespace?: string; name: string; field: string; type?: string; subtype?: string }[]>) => ({
  columnLineage: facet(
    {
      fields: Object.fromEntries(
        Object.entries(fields).map(([out, inputs]) => [
          out,
          {
            inputFields: inputs.map((i) => ({
              namespace: i.namespace ?? NS,
              name: i.name,
              field: i.field,
              transformations: [{ type: i.type ?? "DIRECT", subtype: i.subtype ?? "IDENTITY" }],
            })),
          },
        ]),
      ),
    },
    "ColumnLineageDatasetFacet",
    "1-2-0",
  ),
});

await describeOnDatabases("lineage graph queries on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let user: CurrentUser;
  const ctx = () => ({ user, ip: null, db: database.db });
  const graphOf = async (nodeId: string, depth: number, asOf?: Date) => (await lineage({ ctx: ctx(), input: { nodeId, depth, asOf } })).graph;
  const ids = async (nodeId: string, depth: number, asOf?: Date) => (await graphOf(nodeId, depth, asOf)).map((n) => n.id).sort();

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    user = await createTestUser(database.db, "reader@example.com", "editor");
    await ingestAll(database.db, user, [
      // D0 → J0 → D1 → J1 → D2 → J2 → D3, and J3 also reads D1 (writes D4).
      ...jobRun("J0", "2026-01-01T00:00:00Z", { inputs: ["D0"], outputs: ["D1"] }),
      ...jobRun("J1", "2026-01-01T01:00:00Z", { inputs: ["D1"], outputs: ["D2"] }),
      ...jobRun("J2", "2026-01-01T02:00:00Z", { inputs: ["D2"], outputs: ["D3"] }),
      ...jobRun("J3", "2026-01-01T03:00:00Z", { inputs: ["D1"], outputs: ["D4"] }),
      // A job that reads and writes the same table, and a two-job cycle.
      ...jobRun("SELF", "2026-01-01T04:00:00Z", { inputs: ["LOOP"], outputs: ["LOOP"] }),
      ...jobRun("CX", "2026-01-01T05:00:00Z", { inputs: ["CY"], outputs: ["CZ"] }),
      ...jobRun("CY", "2026-01-01T06:00:00Z", { inputs: ["CZ"], outputs: ["CY"] }),
      // A job whose version changes: reads A until March, then C.
      ...jobRun("V", "2026-02-01T00:00:00Z", { inputs: ["A"], outputs: ["B"] }),
      ...jobRun("V", "2026-03-01T00:00:00Z", { inputs: ["C"], outputs: ["B"] }),
    ]);
  });
  afterAll(() => database?.close());

  describe.skipIf(skip)("depth and direction", () => {
    it("depth 1 from a job is what it reads and what it writes: not the other job that reads the same input", async () => {
      expect(await ids(job("J1"), 1)).toEqual([ds("D1"), ds("D2"), job("J1")]);
    });

    it("depth 2 from a job reaches the job upstream and the job downstream, still not the sibling reader", async () => {
      expect(await ids(job("J1"), 2)).toEqual([ds("D1"), ds("D2"), job("J0"), job("J1"), job("J2")]);
      expect(await ids(job("J1"), 4)).toEqual([ds("D0"), ds("D1"), ds("D2"), ds("D3"), job("J0"), job("J1"), job("J2")]);
    });

    it("from a dataset, both its readers are downstream and its writer upstream", async () => {
      expect(await ids(ds("D1"), 1)).toEqual([ds("D1"), job("J0"), job("J1"), job("J3")]);
    });

    it("depth 0 is the start node alone, and edges join only nodes of the answer, in their direction", async () => {
      expect(await ids(ds("D1"), 0)).toEqual([ds("D1")]);
      const graph = await graphOf(job("J1"), 1);
      const d1 = graph.find((n) => n.id === ds("D1"))!;
      expect(d1.outEdges).toEqual([{ origin: ds("D1"), destination: job("J1") }]);
      expect(d1.inEdges).toEqual([]);
      const j1 = graph.find((n) => n.id === job("J1"))!;
      expect(j1.inEdges).toEqual([{ origin: ds("D1"), destination: job("J1") }]);
      expect(j1.outEdges).toEqual([{ origin: job("J1"), destination: ds("D2") }]);
      expect(j1.type === "JOB" && j1.data.inputs).toEqual([{ namespace: NS, name: "D1" }]);
    });

    it("the walk is nearest first, so a cut answer keeps the nodes closest to the start", async () => {
      const start = await resolveNode(database.db, ds("D1"));
      const reached = await walkLineage(database.db, { kind: "d", id: start.id }, 20, undefined, 2);
      expect(reached.map((r) => r.depth)).toEqual([0, 1, 1]);
    });
  });

  describe.skipIf(skip)("cycles", () => {
    it("a job that reads and writes the same dataset, and a two-job cycle, end with each node once", async () => {
      expect(await ids(ds("LOOP"), 50)).toEqual([ds("LOOP"), job("SELF")]);
      const graph = await graphOf(ds("CY"), 100);
      expect(graph.map((n) => n.id).sort()).toEqual([ds("CY"), ds("CZ"), job("CX"), job("CY")]);
      const self = (await graphOf(job("SELF"), 1)).find((n) => n.id === job("SELF"))!;
      expect(self.inEdges).toEqual([{ origin: ds("LOOP"), destination: job("SELF") }]);
      expect(self.outEdges).toEqual([{ origin: job("SELF"), destination: ds("LOOP") }]);
    });
  });

  describe.skipIf(skip)("asOf", () => {
    it("answers with the edges valid then: before, between and after a job version change", async () => {
      expect(await ids(job("V"), 1, new Date("2026-01-15T00:00:00Z"))).toEqual([job("V")]);
      expect(await ids(job("V"), 1, new Date("2026-02-15T00:00:00Z"))).toEqual([ds("A"), ds("B"), job("V")]);
      expect(await ids(job("V"), 1, new Date("2026-03-15T00:00:00Z"))).toEqual([ds("B"), ds("C"), job("V")]);
      expect(await ids(job("V"), 1)).toEqual([ds("B"), ds("C"), job("V")]);
      const then = (await graphOf(job("V"), 1, new Date("2026-02-15T00:00:00Z"))).find((n) => n.id === job("V"))!;
      expect(then.type === "JOB" && then.data.inputs).toEqual([{ namespace: NS, name: "A" }]);
    });

    it("from a dataset, its reader before the change is upstream-walkable only then", async () => {
      expect(await ids(ds("A"), 1, new Date("2026-02-15T00:00:00Z"))).toEqual([ds("A"), job("V")]);
      expect(await ids(ds("A"), 1)).toEqual([ds("A")]);
    });
  });

  describe.skipIf(skip)("node ids", () => {
    const names = [
      { namespace: "trino://trino.example.com:8080", name: "hive.sales.orders" },
      { namespace: "s3://raw-bucket", name: "landing/2026/01/orders.parquet" },
      { namespace: "file:/tmp", name: "a:b:c" },
      { namespace: "données", name: "été/ventes 2026.csv" },
      { namespace: "postgres://db:5432", name: "2026_orders" },
    ];
    beforeAll(async () => {
      if (skip) return;
      for (const [i, n] of names.entries()) {
        await ingestAll(database.db, user, jobRun(`reader-${i}`, "2026-04-01T00:00:00Z", { inputs: [n.name], datasetNamespace: n.namespace, outputs: [] }));
      }
    });

    it("names with colons in the namespace, the name or both, slashes and unicode resolve to their dataset", async () => {
      for (const n of names) {
        const resolved = await resolveNode(database.db, `dataset:${n.namespace}:${n.name}`);
        expect({ namespace: resolved.namespace, name: resolved.name }).toEqual(n);
        expect((await graphOf(`dataset:${n.namespace}:${n.name}`, 1)).map((g) => g.id)).toContain(`dataset:${n.namespace}:${n.name}`);
      }
    });

    it("a node id that is no kind, has too few parts, or names nothing is refused with what was wrong", async () => {
      expect((await domainErrorOf(graphOf("table:x:y", 1))).message).toMatch(/nodeId must start with 'dataset:', 'job:' or 'datasetField:'/);
      expect((await domainErrorOf(graphOf("dataset:only", 1))).message).toMatch(/nodeId must look like dataset:<namespace>:<name>/);
      const missing = await domainErrorOf(graphOf("dataset:tests:nope", 1));
      expect([missing.code, missing.message]).toEqual(["NOT_FOUND", "Dataset 'dataset:tests:nope' not found."]);
    });
  });

  describe.skipIf(skip)("column lineage", () => {
    beforeAll(async () => {
      if (skip) return;
      await ingestAll(database.db, user, [
        ...jobRun("stage", "2026-05-01T00:00:00Z", {
          inputs: ["raw"],
          outputs: ["staged"],
          facets: { staged: columns({ id: [{ name: "raw", field: "id" }], amount: [{ name: "raw", field: "cents" }] }) },
        }),
        ...jobRun("curate", "2026-05-01T01:00:00Z", {
          inputs: ["staged"],
          outputs: ["curated"],
          facets: { curated: columns({ total: [{ name: "staged", field: "amount", subtype: "AGGREGATION", type: "DIRECT" }], id: [{ name: "staged", field: "id" }] }) },
        }),
      ]);
    });
    const cl = async (nodeId: string, depth: number, withDownstream: boolean) => (await columnLineage({ ctx: ctx(), input: { nodeId, depth, withDownstream } })).graph;

    it("walks a field upstream for depth hops, and downstream only when asked", async () => {
      const up = await cl(`datasetField:${NS}:curated:total`, 20, false);
      expect(up.map((n) => n.id)).toEqual([`datasetField:${NS}:curated:total`, `datasetField:${NS}:staged:amount`, `datasetField:${NS}:raw:cents`]);
      expect((await cl(`datasetField:${NS}:curated:total`, 1, false)).map((n) => n.id)).toEqual([`datasetField:${NS}:curated:total`, `datasetField:${NS}:staged:amount`]);
      expect((await cl(`datasetField:${NS}:staged:amount`, 5, false)).map((n) => n.id)).toEqual([`datasetField:${NS}:staged:amount`, `datasetField:${NS}:raw:cents`]);
      expect((await cl(`datasetField:${NS}:staged:amount`, 5, true)).map((n) => n.id).sort()).toEqual(
        [`datasetField:${NS}:curated:total`, `datasetField:${NS}:raw:cents`, `datasetField:${NS}:staged:amount`].sort(),
      );
      const total = up[0]!;
      expect(total.data.inputFields).toEqual([
        {
          namespace: NS,
          dataset: "staged",
          datasetVersion: null,
          field: "amount",
          transformationDescription: null,
          transformationType: "DIRECT",
          transformations: [{ type: "DIRECT", subtype: "AGGREGATION", description: null, masking: false }],
        },
      ]);
      expect(total.inEdges).toEqual([{ origin: `datasetField:${NS}:staged:amount`, destination: `datasetField:${NS}:curated:total` }]);
    });

    it("from a dataset, every field with lineage is a start", async () => {
      expect((await cl(ds("curated"), 1, false)).map((n) => n.id).sort()).toEqual(
        [`datasetField:${NS}:curated:id`, `datasetField:${NS}:curated:total`, `datasetField:${NS}:staged:amount`, `datasetField:${NS}:staged:id`].sort(),
      );
    });
  });
});
