// The lineage a catalog dataset's page shows: what feeds it and what it feeds, a few directed
// hops each way (job → dataset → job …), each node with a link to its own catalog page when
// the catalog knows it, each job with its latest run; and where each of its columns comes from.
// The full graph (any depth, "as of", any node) is the Marquez-shaped API in ./read; this is the
// page's summary, so it walks current edges only and keeps each level short.
import type { HandlerArgs } from "../handler";
import type { DatasetLineageInput } from "./schemas";

/** Nodes kept per level of a direction: enough to read, and the page says how many more there are. */
export const LEVEL_LIMIT = 50;

export type LineagePanelNode = {
  kind: "dataset" | "job";
  namespace: string;
  name: string;
  /** The catalog page's address parts, when this dataset is in the catalog. */
  catalog: { engineId: string; catalog: string; schema: string; name: string } | null;
  /** A job's latest run (OpenLineage state: START, RUNNING, COMPLETE, FAIL, ABORT…). */
  lastRun: { state: string; at: Date } | null;
};

export type LineageLevel = { depth: number; nodes: LineagePanelNode[]; more: number };

/** `field` "" = inputs that decide which rows the table holds (filters, joins, grouping), not one column. */
export type ColumnSource = { field: string; inputs: { namespace: string; dataset: string; field: string; type: string; subtype: string }[] };

export type DatasetLineage = {
  /** False when no lineage event has named this dataset yet. */
  known: boolean;
  upstream: LineageLevel[];
  downstream: LineageLevel[];
  columns: ColumnSource[];
};

type Node = { kind: "d" | "j"; id: bigint };
type Db = HandlerArgs["ctx"]["db"];

export async function datasetLineage({ ctx, input }: HandlerArgs<DatasetLineageInput>): Promise<DatasetLineage> {
  const starts = await ctx.db.$queryRaw<{ id: bigint }[]>`SELECT id FROM lineage_datasets WHERE catalog_dataset_id = ${input.datasetId}::uuid`;
  if (starts.length === 0) return { known: false, upstream: [], downstream: [], columns: [] };
  const start: Node[] = starts.map((s) => ({ kind: "d", id: BigInt(s.id) }));
  const [upstream, downstream, columns] = await Promise.all([
    walk(ctx.db, start, "up", input.depth),
    walk(ctx.db, start, "down", input.depth),
    columnSources(
      ctx.db,
      start.map((s) => s.id),
    ),
  ]);
  return { known: true, upstream, downstream, columns };
}

/**
 * One direction, hop by hop: upstream a dataset leads to the jobs that write it and a job to the
 * datasets it reads; downstream the reverse. A node seen at a nearer level (a cycle, a diamond)
 * is not shown again.
 */
async function walk(db: Db, start: Node[], dir: "up" | "down", depth: number): Promise<LineageLevel[]> {
  const seen = new Set(start.map(key));
  const levels: LineageLevel[] = [];
  let frontier = start;
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const datasets = frontier.filter((n) => n.kind === "d").map((n) => n.id);
    const jobs = frontier.filter((n) => n.kind === "j").map((n) => n.id);
    // Upstream: datasets ← jobs that output them, jobs ← datasets they input. Downstream: the reverse.
    const fromDatasets = dir === "up" ? "output" : "input";
    const fromJobs = dir === "up" ? "input" : "output";
    const rows = await db.$queryRaw<{ kind: "d" | "j"; id: bigint }[]>`
      SELECT DISTINCT 'j' AS kind, job_id AS id FROM lineage_edges
       WHERE dataset_id = ANY(${datasets}::bigint[]) AND direction = ${fromDatasets} AND valid_to IS NULL
      UNION
      SELECT DISTINCT 'd', dataset_id FROM lineage_edges
       WHERE job_id = ANY(${jobs}::bigint[]) AND direction = ${fromJobs} AND valid_to IS NULL`;
    const next = rows.map((r) => ({ kind: r.kind, id: BigInt(r.id) })).filter((n) => !seen.has(key(n)));
    next.forEach((n) => seen.add(key(n)));
    if (next.length === 0) break;
    levels.push({ depth: hop, nodes: await describe(db, next.slice(0, LEVEL_LIMIT)), more: Math.max(0, next.length - LEVEL_LIMIT) });
    frontier = next;
  }
  return levels;
}

const key = (n: Node) => `${n.kind}${n.id}`;

async function describe(db: Db, nodes: Node[]): Promise<LineagePanelNode[]> {
  const datasetIds = nodes.filter((n) => n.kind === "d").map((n) => n.id);
  const jobIds = nodes.filter((n) => n.kind === "j").map((n) => n.id);
  const [datasets, jobs] = await Promise.all([
    db.$queryRaw<{ namespace: string; name: string; engine_id: string | null; catalog: string | null; schema: string | null; table: string | null }[]>`
      SELECT n.name AS namespace, d.name, c.engine_id, c.catalog, c.schema, c.name AS table
        FROM lineage_datasets d JOIN lineage_namespaces n ON n.id = d.namespace_id
        LEFT JOIN catalog_datasets c ON c.id = d.catalog_dataset_id AND c.removed_at IS NULL
       WHERE d.id = ANY(${datasetIds}::bigint[]) ORDER BY d.name`,
    db.$queryRaw<{ namespace: string; name: string; state: string | null; at: Date | null }[]>`
      SELECT n.name AS namespace, j.name, r.state, r.state_at AS at
        FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id
        LEFT JOIN LATERAL (SELECT state, state_at FROM lineage_runs WHERE job_id = j.id ORDER BY created_at DESC LIMIT 1) r ON true
       WHERE j.id = ANY(${jobIds}::bigint[]) ORDER BY j.name`,
  ]);
  return [
    ...jobs.map((j): LineagePanelNode => ({ kind: "job", namespace: j.namespace, name: j.name, catalog: null, lastRun: j.state && j.at ? { state: j.state, at: j.at } : null })),
    ...datasets.map((d): LineagePanelNode => ({
      kind: "dataset",
      namespace: d.namespace,
      name: d.name,
      catalog: d.engine_id && d.catalog && d.schema && d.table ? { engineId: d.engine_id, catalog: d.catalog, schema: d.schema, name: d.table } : null,
      lastRun: null,
    })),
  ];
}

async function columnSources(db: Db, datasetIds: bigint[]): Promise<ColumnSource[]> {
  const rows = await db.$queryRaw<{ field: string; namespace: string; dataset: string; input_field: string; type: string; subtype: string }[]>`
    SELECT c.output_field AS field, n.name AS namespace, d.name AS dataset, c.input_field, c.transformation_type AS type, c.transformation_subtype AS subtype
      FROM lineage_column_edges c
      JOIN lineage_datasets d ON d.id = c.input_dataset_id JOIN lineage_namespaces n ON n.id = d.namespace_id
     WHERE c.output_dataset_id = ANY(${datasetIds}::bigint[])
     ORDER BY c.output_field, c.transformation_type, d.name, c.input_field
     LIMIT 2000`;
  const byField = new Map<string, ColumnSource>();
  for (const r of rows) {
    const entry = byField.get(r.field) ?? { field: r.field, inputs: [] };
    entry.inputs.push({ namespace: r.namespace, dataset: r.dataset, field: r.input_field, type: r.type, subtype: r.subtype });
    byField.set(r.field, entry);
  }
  // "" holds what decides the rows of the whole table (the facet's dataset-level list): after the columns.
  return [...byField.values()].sort((a, b) => Number(a.field === "") - Number(b.field === ""));
}
