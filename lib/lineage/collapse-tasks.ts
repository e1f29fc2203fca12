// "Collapse tasks": a pipeline's tasks (jobs with a parentId: an Airflow DAG's tasks, a dbt
// project's models) drawn as their parent job, so the view reads DAG → table → DAG instead of
// every step. A pure transform of the loaded graph: edges are rewired to the parent, duplicates
// merged, and the edges between two tasks of one parent (a loop on the parent) dropped.
import type { LineageNodeId, LineageViewEdge, LineageViewGraph, LineageViewNode } from "./graph-view";

export type CollapsedGraph = LineageViewGraph & {
  /** Each collapsed task → the parent node that now stands for it. */
  replaced: Map<LineageNodeId, LineageNodeId>;
};

/** The parent's own name when the graph does not hold it: `job:<namespace>:<name>` with the task's namespace. */
function parentNode(parentId: LineageNodeId, task: LineageViewNode): LineageViewNode {
  const prefix = `job:${task.namespace}:`;
  const name = parentId.startsWith(prefix) ? parentId.slice(prefix.length) : parentId.replace(/^job:/, "");
  return { id: parentId, kind: "job", namespace: task.namespace, name, depth: task.depth, parentId: null, details: [] };
}

export function collapseTasks(graph: LineageViewGraph): CollapsedGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const replaced = new Map<LineageNodeId, LineageNodeId>();
  const parents = new Map<LineageNodeId, LineageViewNode>();
  for (const n of graph.nodes) {
    if (n.kind !== "job" || !n.parentId || n.parentId === n.id) continue;
    replaced.set(n.id, n.parentId);
    const existing = parents.get(n.parentId) ?? byId.get(n.parentId);
    const parent = existing ? { ...existing } : parentNode(n.parentId, n);
    // The parent sits where its task nearest to the focus sits, and lists its tasks.
    if (Math.abs(n.depth) < Math.abs(parent.depth)) parent.depth = n.depth;
    parent.details = [...(parent.details ?? []), n.name];
    parents.set(n.parentId, parent);
  }
  if (replaced.size === 0) return { ...graph, replaced };

  const nodes: LineageViewNode[] = [];
  const placed = new Set<LineageNodeId>();
  for (const n of graph.nodes) {
    const id = replaced.get(n.id) ?? n.id;
    if (placed.has(id)) continue;
    placed.add(id);
    nodes.push(parents.get(id) ?? n);
  }
  const edges = new Map<string, LineageViewEdge>();
  for (const e of graph.edges) {
    const source = replaced.get(e.source) ?? e.source;
    const target = replaced.get(e.target) ?? e.target;
    if (source === target) continue;
    const id = `${source}>${target}`;
    const prior = edges.get(id);
    // A merged edge is unchanged unless every edge it stands for changed the same way.
    if (prior) prior.change = prior.change === e.change ? prior.change : null;
    else edges.set(id, { ...e, id, source, target });
  }
  return { nodes, edges: [...edges.values()], replaced };
}
