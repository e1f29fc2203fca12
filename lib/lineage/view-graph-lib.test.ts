// The page's transforms over a loaded lineage view: collapsing a pipeline's tasks into their
// parent job, and the path between two nodes.
import { describe, expect, it } from "vitest";
import { collapseTasks } from "./collapse-tasks";
import { findPath } from "./graph-paths";
import type { LineageViewEdge, LineageViewGraph, LineageViewNode } from "./graph-view";

const ds = (name: string, depth = 0): LineageViewNode => ({ id: `dataset:duckdb://portal:${name}`, kind: "dataset", namespace: "duckdb://portal", name, depth });
const job = (name: string, depth = 0, parent?: string): LineageViewNode => ({
  id: `job:demo:${name}`,
  kind: "job",
  namespace: "demo",
  name,
  depth,
  parentId: parent ? `job:demo:${parent}` : null,
});
const edge = (a: LineageViewNode, b: LineageViewNode, change: LineageViewEdge["change"] = null): LineageViewEdge => ({ id: `${a.id}>${b.id}`, source: a.id, target: b.id, change });

describe("collapseTasks", () => {
  const raw = ds("raw", -2);
  const load = job("demo_lakehouse.load", -1, "demo_lakehouse");
  const staging = ds("staging", 0);
  const build = job("demo_lakehouse.build", 1, "demo_lakehouse");
  const curated = ds("curated", 2);
  const graph: LineageViewGraph = { nodes: [raw, load, staging, build, curated], edges: [edge(raw, load), edge(load, staging), edge(staging, build), edge(build, curated)] };

  it("draws a DAG's tasks as the DAG, rewiring and merging edges", () => {
    const out = collapseTasks(graph);
    expect(out.nodes.map((n) => n.id)).toEqual([raw.id, "job:demo:demo_lakehouse", staging.id, curated.id]);
    const dag = out.nodes[1]!;
    expect(dag).toMatchObject({ kind: "job", name: "demo_lakehouse", details: ["demo_lakehouse.load", "demo_lakehouse.build"] });
    expect(Math.abs(dag.depth)).toBe(1);
    expect(out.edges.map((e) => e.id).sort()).toEqual(
      [`${raw.id}>job:demo:demo_lakehouse`, `job:demo:demo_lakehouse>${staging.id}`, `${staging.id}>job:demo:demo_lakehouse`, `job:demo:demo_lakehouse>${curated.id}`].sort(),
    );
    expect(out.replaced.get(load.id)).toBe("job:demo:demo_lakehouse");
  });

  it("drops edges between two tasks of one parent and keeps a graph without tasks as it is", () => {
    const a = job("a", 1, "p");
    const b = job("b", 2, "p");
    expect(collapseTasks({ nodes: [a, b], edges: [edge(a, b)] }).edges).toEqual([]);
    const plain = { nodes: [raw, staging], edges: [edge(raw, staging)] };
    expect(collapseTasks(plain)).toMatchObject(plain);
  });

  it("keeps a change mark only when every merged edge changed the same way", () => {
    const a = job("a", 1, "p");
    const b = job("b", 1, "p");
    const out = collapseTasks({ nodes: [staging, a, b], edges: [edge(staging, a, "added"), edge(staging, b, null)] });
    expect(out.edges).toEqual([expect.objectContaining({ id: `${staging.id}>job:demo:p`, change: null })]);
  });
});

describe("findPath", () => {
  const a = ds("a");
  const j1 = job("j1");
  const b = ds("b");
  const j2 = job("j2");
  const c = ds("c");
  const graph: LineageViewGraph = { nodes: [a, j1, b, j2, c], edges: [edge(a, j1), edge(j1, b), edge(b, j2), edge(j2, c), edge(a, j2)] };

  it("finds the shortest directed path, either way round", () => {
    expect(findPath(graph, a.id, c.id)).toEqual({ nodeIds: [a.id, j2.id, c.id], edgeIds: [`${a.id}>${j2.id}`, `${j2.id}>${c.id}`], reversed: false });
    expect(findPath(graph, b.id, a.id)).toEqual({ nodeIds: [a.id, j1.id, b.id], edgeIds: [`${a.id}>${j1.id}`, `${j1.id}>${b.id}`], reversed: true });
  });

  it("answers null without a path or for a node outside the view, and survives cycles", () => {
    const lone = ds("lone");
    expect(findPath({ ...graph, nodes: [...graph.nodes, lone] }, a.id, lone.id)).toBeNull();
    expect(findPath(graph, a.id, "dataset:x:missing")).toBeNull();
    const cyclic = { nodes: [a, j1, b], edges: [edge(a, j1), edge(j1, b), edge(b, j1)] };
    expect(findPath(cyclic, b.id, a.id)?.reversed).toBe(true);
  });

  it("does not walk edges removed since the as-of time", () => {
    expect(findPath({ nodes: [a, j1], edges: [edge(a, j1, "removed")] }, a.id, j1.id)).toBeNull();
  });
});
