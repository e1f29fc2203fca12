// What breaks if a dataset or job breaks: every dataset downstream of it (the walk of
// server/lineage/read/graph.ts, bounded at its NODE_LIMIT), grouped by step — step 1 is written by
// a job that reads the focus, step 2 by a job reading a step-1 dataset, … — each with its owners
// and freshness from the catalog and the last run that wrote it.
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { resolveNode } from "../read/resolve-node";
import type { Db } from "../../db/client";
import { NODE_LIMIT, WALK_LIMIT } from "../read/graph-limits";
import { loadNodeData } from "./node-data";
import type { LineageImpactInput } from "./schemas";

export type ImpactDataset = {
  id: string;
  namespace: string;
  name: string;
  owners: string[];
  href: string | null;
  lastRun: { state: string; at: string | null } | null;
  /** From the catalog (null when the catalog does not know the dataset). */
  freshness: { lastChangeAt: string; dueAt: string | null; stale: boolean } | null;
};
export type LineageImpact = { focusId: string; steps: { step: number; datasets: ImpactDataset[] }[]; total: number; truncated: string | null };

export async function lineageImpact({ ctx, input }: HandlerArgs<LineageImpactInput>): Promise<LineageImpact> {
  const start = await resolveNode(ctx.db, input.focus);
  if (start.kind === "datasetField") throw new DomainError("BAD_REQUEST", "focus: impact starts at a dataset or a job.");
  const startKey = { kind: start.kind === "job" ? ("j" as const) : ("d" as const), id: start.id };
  const reached = await walkDownstream(ctx.db, startKey, input.depth);
  const cut = reached.length > NODE_LIMIT || (reached[0]?.walked ?? 0) >= WALK_LIMIT;
  const datasets = reached.filter((r) => r.kind === "d").slice(0, NODE_LIMIT);
  const data = await loadNodeData(
    ctx.db,
    datasets.map((r) => ({ kind: "d", id: r.id })),
  );
  const steps = new Map<number, ImpactDataset[]>();
  for (const r of datasets) {
    const d = data.get(`d${r.id}`);
    if (!d) continue;
    // A dataset start reaches datasets at even hops (2, 4, …), a job start at odd ones (1, 3, …).
    const step = Math.ceil(r.depth / 2);
    const list = steps.get(step) ?? [];
    list.push({ id: d.id, namespace: d.namespace, name: d.name, owners: d.owners ?? [], href: d.href ?? null, lastRun: d.lastRun ?? null, freshness: d.freshness ?? null });
    steps.set(step, list);
  }
  const focusId = start.kind === "job" ? `job:${start.namespace}:${start.name}` : `dataset:${start.namespace}:${start.name}`;
  return {
    focusId,
    steps: [...steps].sort(([a], [b]) => a - b).map(([step, list]) => ({ step, datasets: list.sort((a, b) => a.name.localeCompare(b.name)) })),
    total: datasets.length,
    truncated: cut ? `The list stops at ${NODE_LIMIT.toLocaleString("en-US")} nodes, the nearest first; lower the depth to see all of a step.` : null,
  };
}

/** Downstream only, nearest first: what the start writes (or what reads it), what that writes, … */
async function walkDownstream(db: Db, start: { kind: "d" | "j"; id: bigint }, depth: number) {
  const rows = await db.$queryRaw<{ kind: "d" | "j"; id: bigint; depth: number; walked: number }[]>`
    WITH RECURSIVE walk(kind, id, depth) AS (
      SELECT ${start.kind}::text, ${start.id}::bigint, 0
      UNION
      SELECT n.kind, n.id, w.depth + 1
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT 'j'::text AS kind, e.job_id AS id FROM lineage_edges e WHERE w.kind = 'd' AND e.dataset_id = w.id AND e.direction = 'input' AND e.valid_to IS NULL
          UNION ALL
          SELECT 'd'::text, e.dataset_id FROM lineage_edges e WHERE w.kind = 'j' AND e.job_id = w.id AND e.direction = 'output' AND e.valid_to IS NULL
        ) n
       WHERE w.depth < ${depth}
    ),
    walked AS MATERIALIZED (SELECT kind, id, depth FROM walk LIMIT ${WALK_LIMIT})
    SELECT kind, id, min(depth)::int AS depth, (SELECT count(*)::int FROM walked) AS walked
      FROM walked WHERE NOT (kind = ${start.kind} AND id = ${start.id}::bigint) GROUP BY kind, id ORDER BY min(depth), kind, id LIMIT ${NODE_LIMIT + 1}`;
  return rows.map((r) => ({ kind: r.kind, id: BigInt(r.id), depth: r.depth, walked: r.walked }));
}
