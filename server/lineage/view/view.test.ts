// The lineage view's handlers as the /lineage page relies on them, over graphs built by real
// OpenLineage events through ingestion, on PGlite and PostgreSQL: separate upstream and
// downstream depths, hidden neighbour counts and expand/collapse, cycles, the as-of diff (before
// any event, across a job version change), filters, datasets-only folding, a node with 5,000
// neighbours (bounded, says what it left out), unknown nodes, long and emoji names, impact with
// the catalog's owners and freshness, column lineage with transformations, node details as the
// role allows, and search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../../testing/expectations";
import type { CurrentUser } from "../../auth/current-user";
import { facet } from "../testing/events";
import { ds, ingestAll, job, jobRun, NS } from "../read/testing/build-graph";
import { lineageView, FANOUT } from "./view-graph";
import { lineageImpact } from "./impact";
import { lineageColumns } from "./columns";
import { lineageNode } from "./node-details";
import { lineageCatalogFocus, lineageSearch } from "./search";
import { lineageColumnsInput, lineageImpactInput, lineageNodeInput, lineageSearchInput, lineageViewInput } from "./schemas";

const LONG = `${"l".repeat(490)}_long_name`;
const EMOJI = "ventes 🚀 été 📈";

const columnFacet = (fields: Record<string, { name: string; field: string; subtype: string }[]>) => ({
  columnLineage: facet(
    {
      fields: Object.fromEntries(
        Object.entries(fields).map(([out, inputs]) => [
          out,
          { inputFields: inputs.map((i) => ({ namespace: NS, name: i.name, field: i.field, transformations: [{ type: "DIRECT", subtype: i.subtype }] })) },
        ]),
      ),
    },
    "ColumnLineageDatasetFacet",
    "1-2-0",
  ),
});

await describeOnDatabases("lineage view on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let viewer: CurrentUser;
  let admin: CurrentUser;
  const ctx = (user = viewer) => ({ user, ip: null, db: database.db });
  const view = (input: Record<string, unknown>) => lineageView({ ctx: ctx(), input: lineageViewInput.parse(input) });
  const ids = (v: Awaited<ReturnType<typeof view>>) => v.graph.nodes.map((n) => n.id).sort();
  const edge = (a: string, b: string) => `${a}>${b}`;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
    admin = await createTestUser(database.db, "admin@example.com", "admin");
    await ingestAll(database.db, admin, [
      // RAW → LOAD → STG → BUILD → CUR → REPORT → REP, and AUDIT also reads STG.
      ...jobRun("LOAD", "2026-01-01T00:00:00Z", { inputs: ["RAW"], outputs: ["STG"] }),
      ...jobRun("BUILD", "2026-01-01T01:00:00Z", {
        inputs: ["STG"],
        outputs: ["CUR"],
        facets: { CUR: columnFacet({ total: [{ name: "STG", field: "amount", subtype: "AGGREGATION" }], origin: [{ name: "STG", field: "origin", subtype: "IDENTITY" }] }) },
      }),
      ...jobRun("REPORT", "2026-01-01T02:00:00Z", {
        inputs: ["CUR"],
        outputs: ["REP"],
        facets: { REP: columnFacet({ grand_total: [{ name: "CUR", field: "total", subtype: "AGGREGATION" }] }) },
      }),
      ...jobRun("AUDIT", "2026-01-01T03:00:00Z", { inputs: ["STG"], outputs: ["AUD"] }),
      // A two-job cycle: CX reads CY writes CZ; CY reads CZ writes CY.
      ...jobRun("CX", "2026-01-01T04:00:00Z", { inputs: ["CY"], outputs: ["CZ"] }),
      ...jobRun("CY", "2026-01-01T05:00:00Z", { inputs: ["CZ"], outputs: ["CY"] }),
      // V reads A until March, then C (a new job version ends the A edge).
      ...jobRun("V", "2026-02-01T00:00:00Z", { inputs: ["A"], outputs: ["B"] }),
      ...jobRun("V", "2026-03-01T00:00:00Z", { inputs: ["C"], outputs: ["B"] }),
      // Long and emoji names.
      ...jobRun(EMOJI, "2026-01-02T00:00:00Z", { inputs: [LONG], outputs: [EMOJI] }),
      // A table dropped by its last event: it stays in the lineage, said to be gone.
      ...jobRun("CLEANUP", "2026-01-05T00:00:00Z", {
        inputs: ["TMP_SRC"],
        outputs: ["OLD_REP"],
        facets: { OLD_REP: { lifecycleStateChange: facet({ lifecycleStateChange: "DROP" }, "LifecycleStateChangeDatasetFacet", "1-0-1") } },
      }),
      // Someone's ad hoc workbench job, with its SQL.
      ...jobRun("adhoc.editor@example.com", "2026-01-03T00:00:00Z", { inputs: ["STG"], outputs: ["MINE"], facets: {} }),
    ]);
    await database.db.$executeRaw`UPDATE lineage_jobs SET sql = 'SELECT secret FROM stg' WHERE name IN ('adhoc.editor@example.com', 'BUILD')`;
  });
  afterAll(() => database?.close());

  describe.skipIf(skip)("the graph", () => {
    it("walks upstream and downstream to their own depths, with signed depths and hidden neighbours", async () => {
      const v = await view({ focus: ds("CUR"), up: 2, down: 1 });
      expect(ids(v)).toEqual([ds("CUR"), ds("STG"), job("BUILD"), job("REPORT")].sort());
      const depth = Object.fromEntries(v.graph.nodes.map((n) => [n.id, n.depth]));
      expect(depth).toEqual({ [ds("CUR")]: 0, [job("BUILD")]: -1, [ds("STG")]: -2, [job("REPORT")]: 1 });
      expect(v.graph.edges.map((e) => e.id).sort()).toEqual([edge(ds("STG"), job("BUILD")), edge(job("BUILD"), ds("CUR")), edge(ds("CUR"), job("REPORT"))].sort());
      // STG is written by LOAD and read by AUDIT and the ad hoc job: beyond the view.
      expect(v.graph.nodes.find((n) => n.id === ds("STG"))!.hidden).toEqual({ upstream: 1, downstream: 2 });
      expect(v.graph.nodes.find((n) => n.id === job("REPORT"))!.hidden).toEqual({ upstream: 0, downstream: 1 });
      expect(v.leftOut.join(" ")).toMatch(/Beyond the depth: 4 more neighbours/);
      expect(v.graph.nodes.find((n) => n.id === job("BUILD"))!.href).toBe(`/pipelines/jobs/${NS}/BUILD`);
    });

    it("expands one node's side one hop further, and collapse stops the walk there", async () => {
      const v = await view({ focus: ds("CUR"), up: 2, down: 0, expand: [{ id: ds("STG"), side: "downstream" }] });
      expect(ids(v)).toEqual(expect.arrayContaining([job("AUDIT"), job("adhoc.editor@example.com")]));
      expect(v.graph.nodes.find((n) => n.id === job("AUDIT"))!.depth).toBe(-1);
      const collapsed = await view({ focus: ds("CUR"), up: 4, down: 0, collapse: [{ id: job("BUILD"), side: "upstream" }] });
      expect(ids(collapsed)).toEqual([ds("CUR"), job("BUILD")].sort());
      // An expansion naming a node gone since the link was shared is ignored, not an error.
      expect(ids(await view({ focus: ds("CUR"), up: 0, down: 0, expand: [{ id: ds("GONE"), side: "upstream" }] }))).toEqual([ds("CUR")]);
    });

    it("ends cycles and keeps each node once", async () => {
      const v = await view({ focus: ds("CZ"), up: 10, down: 10 });
      expect(ids(v)).toEqual([ds("CY"), ds("CZ"), job("CX"), job("CY")].sort());
      expect(new Set(v.graph.edges.map((e) => e.id)).size).toBe(v.graph.edges.length);
    });

    it("filters by namespace and owner, keeping the focus, and folds jobs in the datasets-only view", async () => {
      const filtered = await view({ focus: ds("CUR"), up: 2, down: 2, namespace: "elsewhere" });
      // The datasets of other namespaces go; the jobs still linked to the focus stay.
      expect(ids(filtered)).toEqual([ds("CUR"), job("BUILD"), job("REPORT")].sort());
      expect(filtered.graph.edges).toHaveLength(2);
      expect(filtered.leftOut).toContain("2 nodes hidden by the filters: 2 datasets outside namespace elsewhere.");
      // The jobs only linked to hidden datasets go too, and the sentence says so.
      const deeper = await view({ focus: ds("CUR"), up: 4, down: 2, namespace: "elsewhere" });
      expect(ids(deeper)).toEqual([ds("CUR"), job("BUILD"), job("REPORT")].sort());
      expect(deeper.leftOut).toContain("4 nodes hidden by the filters: 3 datasets outside namespace elsewhere, and 1 job linked only to those.");
      const folded = await view({ focus: ds("CUR"), up: 2, down: 2, kinds: "datasets" });
      expect(ids(folded)).toEqual([ds("CUR"), ds("REP"), ds("STG")]);
      expect(folded.graph.edges).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ source: ds("STG"), target: ds("CUR"), label: "BUILD" }),
          expect.objectContaining({ source: ds("CUR"), target: ds("REP"), label: "REPORT" }),
        ]),
      );
      expect(folded.leftOut).toContain("2 jobs folded into the edges between datasets (each edge names its job); choose “datasets and jobs” to see them.");
    });

    it("folds datasets in the jobs-only view: job → job edges named by the dataset passed on", async () => {
      const v = await view({ focus: job("BUILD"), up: 2, down: 2, kinds: "jobs" });
      expect(ids(v)).toEqual([job("BUILD"), job("LOAD"), job("REPORT")].sort());
      expect(v.graph.edges).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ source: job("LOAD"), target: job("BUILD"), label: "STG" }),
          expect.objectContaining({ source: job("BUILD"), target: job("REPORT"), label: "CUR" }),
        ]),
      );
      expect(v.graph.edges).toHaveLength(2);
      expect(v.leftOut.join(" ")).toMatch(/^2 datasets folded into the edges between jobs/);
      expect(lineageViewInput.safeParse({ focus: job("BUILD"), kinds: "tables" }).error?.issues[0]?.message).toBe("must be all, datasets or jobs");
    });

    it("says which datasets shown no longer exist (a DROP event), and keeps their past lineage", async () => {
      const v = await view({ focus: ds("TMP_SRC"), up: 0, down: 2 });
      expect(ids(v)).toEqual([ds("OLD_REP"), ds("TMP_SRC"), job("CLEANUP")].sort());
      expect(v.leftOut).toContain("1 dataset shown no longer exists: OLD_REP (dropped). Its past lineage stays.");
      expect(v.graph.nodes.find((n) => n.id === ds("OLD_REP"))).not.toHaveProperty("gone");
      expect((await view({ focus: ds("TMP_SRC"), up: 0, down: 1 })).leftOut.join(" ")).not.toMatch(/no longer exist/);
    });

    it("answers long and emoji names", async () => {
      const v = await view({ focus: ds(EMOJI), up: 2, down: 0 });
      expect(v.graph.nodes.map((n) => n.name).sort()).toEqual([EMOJI, EMOJI, LONG].sort());
      expect(v.focusId).toBe(ds(EMOJI));
    });

    it("refuses an unknown node and a malformed one with a clear message", async () => {
      expect((await domainErrorOf(view({ focus: ds("NOPE") }))).message).toBe(`Dataset '${ds("NOPE")}' not found.`);
      expect(lineageViewInput.safeParse({ focus: "table:x" }).error?.issues[0]?.message).toBe("must start with 'dataset:' or 'job:'");
      expect(lineageViewInput.safeParse({ focus: ds("CUR"), up: 11 }).error?.issues[0]?.message).toBe("must be at most 10");
    });
  });

  describe.skipIf(skip)("as of a time, compared with now", () => {
    it("marks the edges removed and added since a job version change", async () => {
      const v = await view({ focus: job("V"), up: 1, down: 1, asOf: "2026-02-15T00:00:00Z" });
      const change = Object.fromEntries(v.graph.edges.map((e) => [e.id, e.change]));
      expect(change).toEqual({ [edge(ds("A"), job("V"))]: "removed", [edge(ds("C"), job("V"))]: "added", [edge(job("V"), ds("B"))]: null });
      expect(v.changes).toEqual({ added: 1, removed: 1 });
      const now = await view({ focus: job("V"), up: 1, down: 1 });
      expect(ids(now)).toEqual([ds("B"), ds("C"), job("V")].sort());
      expect(now.changes).toBeNull();
    });

    it("before any event, everything shown is added since", async () => {
      const v = await view({ focus: ds("CUR"), up: 1, down: 1, asOf: "2025-01-01T00:00:00Z" });
      expect(v.graph.edges.every((e) => e.change === "added")).toBe(true);
      expect(v.changes).toEqual({ added: 2, removed: 0 });
      expect(v.leftOut).toContain("None of the edges shown existed at the chosen time (it is before the first event that names them): every edge is marked added.");
    });

    it("between the two versions' runs, and after both, as the picker sends them (to the second)", async () => {
      // The second version's run starts at 2026-03-01T00:00:00Z and completes a second later.
      const during = await view({ focus: job("V"), up: 1, down: 1, asOf: "2026-03-01T00:00:00.500Z" });
      expect(during.changes).toEqual({ added: 0, removed: 1 });
      const justBefore = await view({ focus: job("V"), up: 1, down: 1, asOf: "2026-02-28T23:59:59Z" });
      expect(justBefore.changes).toEqual({ added: 1, removed: 1 });
      const after = await view({ focus: job("V"), up: 1, down: 1, asOf: "2026-03-01T00:00:01Z" });
      expect(after.changes).toEqual({ added: 0, removed: 0 });
      expect(after.leftOut).toEqual([]);
    });

    it("says that a time still to come shows now", async () => {
      const v = await view({ focus: job("V"), up: 1, down: 1, asOf: new Date(Date.now() + 86_400_000).toISOString() });
      expect(v.changes).toEqual({ added: 0, removed: 0 });
      expect(v.leftOut).toContain("The chosen time is in the future: the view shows the lineage as it is now, so nothing is marked.");
    });
  });

  describe.skipIf(skip)("a node with 5,000 neighbours", () => {
    beforeAll(async () => {
      if (skip) return;
      const inputs = Array.from({ length: 5_000 }, (_, i) => `wide_${String(i).padStart(4, "0")}`);
      await ingestAll(database.db, admin, jobRun("WIDE", "2026-01-04T00:00:00Z", { inputs, outputs: ["WIDE_OUT"] }));
    });

    it("shows the first neighbours, counts the rest on the node and says what it left out", async () => {
      const v = await view({ focus: job("WIDE"), up: 1, down: 1 });
      expect(v.graph.nodes.filter((n) => n.depth === -1)).toHaveLength(FANOUT);
      expect(v.graph.nodes.find((n) => n.id === job("WIDE"))!.hidden).toEqual({ upstream: 5_000 - FANOUT, downstream: 0 });
      expect(v.leftOut.join(" ")).toMatch(/more than 100 neighbours on one side; the first 100 are shown/);
      const expanded = await view({ focus: job("WIDE"), up: 0, down: 1, expand: [{ id: job("WIDE"), side: "upstream" }] });
      expect(expanded.graph.nodes.filter((n) => n.depth === -1)).toHaveLength(200);
      // From one of the inputs, downstream: the wide job and its output, nothing more.
      expect(ids(await view({ focus: ds("wide_0042"), up: 0, down: 2 }))).toEqual([ds("WIDE_OUT"), ds("wide_0042"), job("WIDE")].sort());
    });

    it("the impact of a wide input is the one output", async () => {
      const impact = await lineageImpact({ ctx: ctx(), input: lineageImpactInput.parse({ focus: ds("wide_4999") }) });
      expect(impact.steps).toEqual([{ step: 1, datasets: [expect.objectContaining({ name: "WIDE_OUT" })] }]);
    });
  });

  describe.skipIf(skip)("impact", () => {
    it("lists every downstream dataset by step with the catalog's owners and freshness", async () => {
      const cat = await database.db.catalogDataset.create({
        data: {
          engineId: "duckdb",
          catalog: "lake",
          schema: "rep",
          name: "rep",
          kind: "TABLE",
          columnsHash: "x",
          owners: ["team-bi"],
          expectedUpdateHours: 1,
          schemaChangedAt: new Date("2026-01-01T00:00:00Z"),
        },
      });
      await database.db.$executeRaw`UPDATE lineage_datasets SET catalog_dataset_id = ${cat.id}::uuid WHERE name = 'REP'`;
      const impact = await lineageImpact({ ctx: ctx(), input: lineageImpactInput.parse({ focus: ds("STG") }) });
      expect(impact.steps.map((s) => [s.step, s.datasets.map((d) => d.name)])).toEqual([
        [1, ["AUD", "CUR", "MINE"]],
        [2, ["REP"]],
      ]);
      const rep = impact.steps[1]!.datasets[0]!;
      expect(rep).toMatchObject({ owners: ["team-bi"], href: "/catalog/duckdb/lake/rep/rep", freshness: { stale: true }, lastRun: { state: "COMPLETE" } });
      expect(impact.total).toBe(4);
      expect((await lineageCatalogFocus({ ctx: ctx(), input: { datasetId: cat.id } })).focusId).toBe(ds("REP"));
      // Owners are a filter of the view too.
      expect(ids(await view({ focus: ds("CUR"), up: 0, down: 2, owner: "team-bi" }))).toEqual([ds("CUR"), ds("REP"), job("REPORT")].sort());
    });

    it("a dataset in a cycle is not its own impact", async () => {
      const impact = await lineageImpact({ ctx: ctx(), input: lineageImpactInput.parse({ focus: ds("CZ") }) });
      expect(impact.steps.flatMap((s) => s.datasets.map((d) => d.name))).toEqual(["CY"]);
    });
  });

  describe.skipIf(skip)("columns", () => {
    it("walks one column up and down with its transformations as edge labels and node details", async () => {
      const c = await lineageColumns({ ctx: ctx(), input: lineageColumnsInput.parse({ dataset: ds("CUR"), field: "total" }) });
      expect(c.links).toEqual(
        expect.arrayContaining([
          { from: { dataset: "STG", field: "amount" }, to: { dataset: "CUR", field: "total" }, transformations: ["AGGREGATION"] },
          { from: { dataset: "CUR", field: "total" }, to: { dataset: "REP", field: "grand_total" }, transformations: ["AGGREGATION"] },
        ]),
      );
      expect(c.links).toHaveLength(2);
      expect(Object.fromEntries(c.graph.nodes.map((n) => [n.name, [n.depth, n.details]]))).toEqual({ STG: [-1, ["amount"]], CUR: [0, ["▶ total"]], REP: [1, ["grand_total"]] });
      expect(c.graph.edges.map((e) => e.label)).toEqual(["AGGREGATION", "AGGREGATION"]);
      expect(c.fields).toEqual(["origin", "total"]);
      expect((await domainErrorOf(lineageColumns({ ctx: ctx(), input: lineageColumnsInput.parse({ dataset: ds("CUR"), field: "nope" }) }))).message).toBe(
        "Column 'nope' is not a column of CUR that lineage knows.",
      );
    });
  });

  describe.skipIf(skip)("node details", () => {
    it("shows a job's SQL, but someone's ad hoc SQL only to them and admins", async () => {
      const details = (id: string, user: CurrentUser) => lineageNode({ ctx: ctx(user), input: lineageNodeInput.parse({ id }) });
      expect((await details(job("BUILD"), viewer)).job).toMatchObject({ sql: "SELECT secret FROM stg", sqlHidden: false });
      expect((await details(job("adhoc.editor@example.com"), viewer)).job).toMatchObject({ sql: null, sqlHidden: true });
      expect((await details(job("adhoc.editor@example.com"), admin)).job).toMatchObject({ sql: "SELECT secret FROM stg", sqlHidden: false });
      const stg = await details(ds("STG"), viewer);
      expect(stg).toMatchObject({ kind: "dataset", name: "STG", counts: { inputs: 1, outputs: 3 }, object: null });
      expect(stg.runs[0]).toMatchObject({ state: "COMPLETE", href: expect.stringMatching(/^\/pipelines\/runs\//) });
      expect((await domainErrorOf(details(job("NOPE"), viewer))).message).toBe(`Job '${job("NOPE")}' not found.`);
    });
  });

  describe.skipIf(skip)("search", () => {
    it("finds datasets and jobs by any part of the name, % and _ literal", async () => {
      const found = await lineageSearch({ ctx: ctx(), input: lineageSearchInput.parse({ q: "stg" }) });
      expect(found.hits.map((h) => h.id)).toEqual([ds("STG")]);
      expect((await lineageSearch({ ctx: ctx(), input: lineageSearchInput.parse({ q: "🚀" }) })).hits.map((h) => h.kind)).toEqual(["dataset", "job"]);
      expect((await lineageSearch({ ctx: ctx(), input: lineageSearchInput.parse({ q: "%" }) })).hits).toEqual([]);
      const wide = await lineageSearch({ ctx: ctx(), input: lineageSearchInput.parse({ q: "wide_" }) });
      expect(wide.hits).toHaveLength(20);
      expect(wide.more).toBe(true);
    });

    it("has trigram indexes on dataset and job names, for search by any part", async () => {
      const defs = await database.db.$queryRaw<{ indexdef: string }[]>`
        SELECT indexdef FROM pg_indexes WHERE indexname IN ('lineage_datasets_name_trgm_idx', 'lineage_jobs_name_trgm_idx') ORDER BY indexname`;
      expect(defs.map((d) => d.indexdef.replace(/public\./g, ""))).toEqual([
        "CREATE INDEX lineage_datasets_name_trgm_idx ON lineage_datasets USING gin (name gin_trgm_ops)",
        "CREATE INDEX lineage_jobs_name_trgm_idx ON lineage_jobs USING gin (name gin_trgm_ops)",
      ]);
      // Whether the planner uses them depends on the table's size (it rightly scans a test's few thousand rows):
      // scripts/bench/lineage-search.ts shows the plan at 100,000 datasets.
    });
  });
});
