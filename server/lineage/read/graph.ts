// The lineage graph around a dataset or job (GET /api/v1/lineage), in Marquez's shape. Unlike
// Marquez, depth counts directed hops (one hop = one job↔dataset edge) and upstream and
// downstream are walked separately from the start node: what a job reads, what wrote that, … and
// what it writes, what reads that, …; two jobs that share an input are not neighbours. The walk
// is one recursive SQL over lineage_edges, level by level; a cycle ends at the depth bound (the
// UNION drops a node already reached at the same level). `asOf` walks the edges valid then.
// The answer is bounded (server/lineage/read/graph-limits.ts) and says so when it was cut.
import type { Db } from "../../db/client";
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { datasetNodeId, jobNodeId } from "./node-id";
import { resolveNode } from "./resolve-node";
import { edgeValidAt } from "./edge-validity";
import { loadDatasetData } from "./datasets";
import { loadJobData } from "./jobs";
import type { GraphEdge, GraphNode, MarquezDatasetData, MarquezJobData } from "./marquez-types";
import type { LineageInput } from "./schemas";
import { NODE_LIMIT, WALK_LIMIT, truncation, type Truncation } from "./graph-limits";

export { columnLineage } from "./column-graph";

export type LineageNode = GraphNode<"DATASET", MarquezDatasetData> | GraphNode<"JOB", MarquezJobData>;
export type LineageGraph = { graph: LineageNode[]; truncated?: Truncation };

type Reached = { kind: "d" | "j"; id: bigint; depth: number; walked: number };

/** The nodes within `depth` directed hops of the start, nearest first; `walked` = rows the walk produced. */
export async function walkLineage(db: Db, start: { kind: "d" | "j"; id: bigint }, depth: number, asOf?: Date, limit = NODE_LIMIT): Promise<Reached[]> {
  const valid = edgeValidAt(asOf);
  const rows = await db.$queryRaw<{ kind: "d" | "j"; id: bigint; depth: number; walked: number }[]>`
    WITH RECURSIVE walk(dir, kind, id, depth) AS (
      SELECT v.dir, ${start.kind}::text, ${start.id}::bigint, 0 FROM (VALUES ('up'), ('down')) AS v(dir)
      UNION
      SELECT w.dir, n.kind, n.id, w.depth + 1
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT 'j'::text AS kind, e.job_id AS id FROM lineage_edges e
           WHERE w.kind = 'd' AND e.dataset_id = w.id AND e.direction = (CASE WHEN w.dir = 'down' THEN 'input' ELSE 'output' END) AND ${valid}
          UNION ALL
          SELECT 'd'::text, e.dataset_id FROM lineage_edges e
           WHERE w.kind = 'j' AND e.job_id = w.id AND e.direction = (CASE WHEN w.dir = 'down' THEN 'output' ELSE 'input' END) AND ${valid}
        ) n
       WHERE w.depth < ${depth}
    ),
    walked AS MATERIALIZED (SELECT kind, id, depth FROM walk LIMIT ${WALK_LIMIT})
    SELECT kind, id, min(depth)::int AS depth, (SELECT count(*)::int FROM walked) AS walked
      FROM walked GROUP BY kind, id ORDER BY min(depth), kind, id LIMIT ${limit + 1}`;
  return rows.map((r) => ({ kind: r.kind, id: BigInt(r.id), depth: r.depth, walked: r.walked }));
}

export async function lineage({ ctx, input }: HandlerArgs<LineageInput>): Promise<LineageGraph> {
  const start = await resolveNode(ctx.db, input.nodeId);
  if (start.kind === "datasetField") throw new DomainError("BAD_REQUEST", "nodeId: the lineage graph starts at a dataset or a job; use column-lineage for a datasetField.");
  const reached = await walkLineage(ctx.db, { kind: start.kind === "job" ? "j" : "d", id: start.id }, input.depth, input.asOf);
  const truncated = reached.length > NODE_LIMIT || (reached[0]?.walked ?? 0) >= WALK_LIMIT;
  const kept = reached.slice(0, NODE_LIMIT);
  const datasetIds = kept.filter((r) => r.kind === "d").map((r) => r.id);
  const jobIds = kept.filter((r) => r.kind === "j").map((r) => r.id);

  const [datasets, jobs, edges] = await Promise.all([
    loadDatasetData(ctx.db, datasetIds),
    loadJobData(ctx.db, jobIds, input.asOf),
    datasetIds.length && jobIds.length
      ? ctx.db.$queryRaw<{ job_id: bigint; dataset_id: bigint; direction: string }[]>`
          SELECT e.job_id, e.dataset_id, e.direction FROM lineage_edges e
           WHERE e.job_id = ANY(${jobIds}::bigint[]) AND e.dataset_id = ANY(${datasetIds}::bigint[]) AND ${edgeValidAt(input.asOf)}`
      : Promise.resolve([]),
  ]);

  const idOf = new Map<string, string>();
  for (const [id, d] of datasets) idOf.set(`d${id}`, datasetNodeId(d.namespace, d.name));
  for (const [id, j] of jobs) idOf.set(`j${id}`, jobNodeId(j.namespace, j.name));
  const inEdges = new Map<string, GraphEdge[]>();
  const outEdges = new Map<string, GraphEdge[]>();
  const seen = new Set<string>();
  for (const e of edges) {
    const job = idOf.get(`j${e.job_id}`);
    const dataset = idOf.get(`d${e.dataset_id}`);
    if (!job || !dataset) continue;
    // An edge ended and reopened (a job version change and back) is one edge in the graph.
    const edge = e.direction === "input" ? { origin: dataset, destination: job } : { origin: job, destination: dataset };
    const key = `${edge.origin}\u0000${edge.destination}`;
    if (seen.has(key)) continue;
    seen.add(key);
    push(outEdges, edge.origin, edge);
    push(inEdges, edge.destination, edge);
  }

  const graph: LineageNode[] = [];
  for (const r of kept) {
    const key = `${r.kind}${r.id}`;
    const id = idOf.get(key);
    if (!id) continue;
    const edgesOf = { inEdges: sorted(inEdges.get(id)), outEdges: sorted(outEdges.get(id)) };
    if (r.kind === "d") graph.push({ id, type: "DATASET", data: datasets.get(r.id)!, ...edgesOf });
    else graph.push({ id, type: "JOB", data: jobs.get(r.id)!, ...edgesOf });
  }
  return truncated ? { graph, truncated: truncation("nodes") } : { graph };
}

function push(map: Map<string, GraphEdge[]>, key: string, edge: GraphEdge) {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

function sorted(edges: GraphEdge[] | undefined): GraphEdge[] {
  return (edges ?? []).sort((a, b) => (a.origin + a.destination < b.origin + b.destination ? -1 : 1));
}
