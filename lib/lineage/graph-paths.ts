// A path between two nodes of the loaded view: the shortest chain of edges from one to the other,
// following the edges' direction (data flows from `from` to `to`, or, when it does not, from `to`
// to `from`). Over the graph the page holds, so the highlighted path is one the user can see;
// a path through nodes outside the view needs a deeper view (the page says so).
import type { LineageHighlight, LineageNodeId, LineageViewGraph } from "./graph-view";

export type LineagePath = NonNullable<LineageHighlight> & { reversed: boolean };

function directed(graph: LineageViewGraph, from: LineageNodeId, to: LineageNodeId): NonNullable<LineageHighlight> | null {
  const out = new Map<LineageNodeId, { edge: string; next: LineageNodeId }[]>();
  for (const e of graph.edges) {
    if (e.change === "removed") continue; // a path is about how data flows now
    const list = out.get(e.source) ?? [];
    list.push({ edge: e.id, next: e.target });
    out.set(e.source, list);
  }
  const cameFrom = new Map<LineageNodeId, { node: LineageNodeId; edge: string } | null>([[from, null]]);
  let frontier = [from];
  while (frontier.length && !cameFrom.has(to)) {
    const next: LineageNodeId[] = [];
    for (const node of frontier)
      for (const { edge, next: n } of out.get(node) ?? [])
        if (!cameFrom.has(n)) {
          cameFrom.set(n, { node, edge });
          next.push(n);
        }
    frontier = next;
  }
  if (!cameFrom.has(to)) return null;
  const nodeIds: LineageNodeId[] = [to];
  const edgeIds: string[] = [];
  for (let step = cameFrom.get(to); step; step = cameFrom.get(step.node)) {
    nodeIds.unshift(step.node);
    edgeIds.unshift(step.edge);
  }
  return { nodeIds, edgeIds };
}

/** The shortest path from `from` to `to` (or from `to` to `from`), or null when the view holds none. */
export function findPath(graph: LineageViewGraph, from: LineageNodeId, to: LineageNodeId): LineagePath | null {
  const ids = new Set(graph.nodes.map((n) => n.id));
  if (!ids.has(from) || !ids.has(to)) return null;
  if (from === to) return { nodeIds: [from], edgeIds: [], reversed: false };
  const forward = directed(graph, from, to);
  if (forward) return { ...forward, reversed: false };
  const backward = directed(graph, to, from);
  return backward ? { ...backward, reversed: true } : null;
}
