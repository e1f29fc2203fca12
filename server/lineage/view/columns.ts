// The column view: one picked column of a dataset, the columns it was computed from (upstream)
// and those computed from it (downstream), as a graph of the datasets holding them. Each dataset
// node lists its related columns in `details`; each edge is labelled with the transformations
// between them (IDENTITY, AGGREGATION, …). The walk is the column-lineage API's
// (server/lineage/read/column-graph.ts), bounded the same way.
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { columnLineage } from "../read/column-graph";
import { datasetNodeId, fieldNodeId } from "../read/node-id";
import { resolveNode } from "../read/resolve-node";
import type { LineageViewEdge, LineageViewGraph, LineageViewNode } from "../../../lib/lineage/graph-view";
import type { LineageColumnsInput } from "./schemas";

export type ColumnLink = { from: { dataset: string; field: string }; to: { dataset: string; field: string }; transformations: string[] };
export type LineageColumns = {
  datasetId: string;
  field: string;
  /** The dataset's columns (to pick another one). */
  fields: string[];
  graph: LineageViewGraph;
  /** Every column-to-column link, for the list beside the drawing. */
  links: ColumnLink[];
  truncated: string | null;
};

/** "DIRECT/AGGREGATION" → "AGGREGATION"; "INDIRECT/FILTER" → "FILTER (indirect)". */
function transformationLabel(t: { type: string; subtype: string | null }): string {
  const name = t.subtype || t.type;
  return t.type === "INDIRECT" ? `${name} (indirect)` : name;
}

export async function lineageColumns({ ctx, input }: HandlerArgs<LineageColumnsInput>): Promise<LineageColumns> {
  const dataset = await resolveNode(ctx.db, input.dataset);
  const fieldRows = await ctx.db.$queryRaw<{ fields: unknown }[]>`SELECT fields FROM lineage_datasets WHERE id = ${dataset.id}`;
  const known = new Set<string>();
  for (const f of Array.isArray(fieldRows[0]?.fields) ? (fieldRows[0]!.fields as unknown[]) : [])
    if (f && typeof f === "object" && "name" in f && typeof f.name === "string") known.add(f.name);
  const linked = await ctx.db.$queryRaw<{ field: string }[]>`
    SELECT output_field AS field FROM lineage_column_edges WHERE output_dataset_id = ${dataset.id} AND output_field <> ''
    UNION SELECT input_field FROM lineage_column_edges WHERE input_dataset_id = ${dataset.id}`;
  for (const r of linked) known.add(r.field);
  if (!known.has(input.field)) throw new DomainError("NOT_FOUND", `Column '${input.field}' is not a column of ${dataset.name} that lineage knows.`);

  const answer = await columnLineage({
    ctx,
    input: { nodeId: fieldNodeId(dataset.namespace, dataset.name, input.field), depth: input.depth, withDownstream: true, asOf: input.asOf },
  });
  const focusId = datasetNodeId(dataset.namespace, dataset.name);

  // Signed distance of each column from the picked one, by a walk over the answer's edges.
  const fieldId = fieldNodeId(dataset.namespace, dataset.name, input.field);
  const byId = new Map(answer.graph.map((n) => [n.id, n]));
  const depth = new Map<string, number>([[fieldId, 0]]);
  for (const [dir, sign] of [
    ["in", -1],
    ["out", 1],
  ] as const) {
    let frontier = [fieldId];
    for (let hop = 1; frontier.length; hop++) {
      const next: string[] = [];
      for (const id of frontier)
        for (const e of (dir === "in" ? byId.get(id)?.inEdges : byId.get(id)?.outEdges) ?? []) {
          const other = dir === "in" ? e.origin : e.destination;
          if (!depth.has(other)) {
            depth.set(other, sign * hop);
            next.push(other);
          }
        }
      frontier = next;
    }
  }

  const nodes = new Map<string, LineageViewNode>();
  const nodeDepth = new Map<string, number>();
  const links: ColumnLink[] = [];
  const edges = new Map<string, LineageViewEdge & { labels: Set<string> }>();
  for (const n of answer.graph) {
    const id = datasetNodeId(n.data.namespace, n.data.dataset);
    const d = depth.get(n.id) ?? 0;
    const node = nodes.get(id) ?? { id, kind: "dataset" as const, namespace: n.data.namespace, name: n.data.dataset, depth: d, details: [] };
    node.details!.push(n.id === fieldId ? `▶ ${n.data.field}` : n.data.field);
    // A dataset reached at several distances sits at the one nearest to the picked column.
    if (!nodeDepth.has(id) || Math.abs(d) < Math.abs(nodeDepth.get(id)!)) nodeDepth.set(id, d);
    nodes.set(id, node);
    for (const i of n.data.inputFields) {
      const labels = [...new Set(i.transformations.map(transformationLabel))];
      links.push({ from: { dataset: i.dataset, field: i.field }, to: { dataset: n.data.dataset, field: n.data.field }, transformations: labels });
      const source = datasetNodeId(i.namespace, i.dataset);
      if (source === id) continue; // a column computed from another column of the same table
      const key = `${source}>${id}`;
      const edge = edges.get(key) ?? { id: key, source, target: id, labels: new Set<string>() };
      labels.forEach((l) => edge.labels.add(l));
      edges.set(key, edge);
    }
  }
  for (const [id, node] of nodes) node.depth = id === focusId ? 0 : nodeDepth.get(id)!;
  return {
    datasetId: focusId,
    field: input.field,
    fields: [...known].filter((f) => f !== "").sort((a, b) => a.localeCompare(b)),
    graph: {
      nodes: [...nodes.values()],
      edges: [...edges.values()].map(({ labels, ...e }) => ({ ...e, label: [...labels].sort().join(", ") })),
    },
    links,
    truncated: answer.truncated?.message ?? null,
  };
}
