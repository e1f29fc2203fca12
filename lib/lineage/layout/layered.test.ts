import { describe, expect, it } from "vitest";
import { layoutLayered, type LayoutEdgeInput, type LayoutInput, type LayoutNodeInput } from "./layered";
import { layoutKey } from "./key";

const box = (id: string, depth?: number, height = 40): LayoutNodeInput => ({ id, width: 200, height, depth });
const edge = (source: string, target: string): LayoutEdgeInput => ({ source, target });

function expectNoOverlaps(input: LayoutInput, layout: ReturnType<typeof layoutLayered>) {
  // Nodes of one column are stacked; different columns never share x ranges.
  for (const row of layout.layers) {
    const sorted = [...row].sort((a, b) => layout.y[a]! - layout.y[b]!);
    for (let k = 1; k < sorted.length; k++) {
      const above = sorted[k - 1]!;
      expect(layout.y[sorted[k]!]!).toBeGreaterThanOrEqual(layout.y[above]! + input.nodes[above]!.height);
    }
  }
  const columns = layout.layers.map((row) => layout.x[row[0]!]!);
  for (let l = 1; l < columns.length; l++) {
    const widest = Math.max(...layout.layers[l - 1]!.map((i) => input.nodes[i]!.width));
    expect(columns[l]!).toBeGreaterThanOrEqual(columns[l - 1]! + widest);
  }
}

/** A lakehouse-like DAG: raw tables → jobs → staging → jobs → marts, with fan-in and fan-out. */
function lakehouse(size: number): LayoutInput {
  const nodes: LayoutNodeInput[] = [];
  const edges: LayoutEdgeInput[] = [];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const perLayer = Math.max(2, Math.round(Math.sqrt(size)));
  for (let i = 0; i < size; i++) {
    const layer = Math.floor(i / perLayer);
    nodes.push(box(`${layer % 2 === 0 ? "dataset" : "job"}:n${i}`, undefined, 40 + (i % 3) * 14));
    if (layer > 0) {
      const fanIn = 1 + Math.floor(random() * 3);
      for (let f = 0; f < fanIn; f++) {
        const from = (layer - 1) * perLayer + Math.floor(random() * perLayer);
        edges.push(edge(nodes[from]!.id, nodes[i]!.id));
      }
    }
  }
  return { nodes, edges };
}

describe("layoutLayered", () => {
  it("lays out nothing for an empty graph", () => {
    const layout = layoutLayered({ nodes: [], edges: [] });
    expect(layout).toEqual({ x: [], y: [], layer: [], layers: [], reversedEdges: [], width: 0, height: 0 });
  });

  it("puts upstream left of downstream along every edge of a DAG", () => {
    const input = lakehouse(400);
    const layout = layoutLayered(input);
    const index = new Map(input.nodes.map((node, i) => [node.id, i]));
    for (const e of input.edges) {
      const s = index.get(e.source)!;
      const t = index.get(e.target)!;
      expect(layout.layer[t]!).toBeGreaterThan(layout.layer[s]!);
      expect(layout.x[t]!).toBeGreaterThan(layout.x[s]!);
    }
    expect(layout.reversedEdges).toEqual([]);
    expectNoOverlaps(input, layout);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
  });

  it("uses the nodes' depth as the column when every node has one", () => {
    const input = {
      nodes: [box("up2", -2), box("up1", -1), box("focus", 0), box("down1", 1), box("side", 1)],
      edges: [edge("up2", "up1"), edge("up1", "focus"), edge("focus", "down1"), edge("focus", "side")],
    };
    const layout = layoutLayered(input);
    expect(layout.layer).toEqual([0, 1, 2, 3, 3]);
    expectNoOverlaps(input, layout);
  });

  it("breaks cycles (a job reading and writing the same dataset) and keeps every other edge forward", () => {
    const input = {
      nodes: [box("dataset:raw"), box("job:merge"), box("dataset:table"), box("job:report"), box("dataset:out")],
      edges: [
        edge("dataset:raw", "job:merge"),
        edge("job:merge", "dataset:table"),
        edge("dataset:table", "job:merge"), // the cycle
        edge("dataset:table", "job:report"),
        edge("job:report", "dataset:out"),
        edge("dataset:out", "dataset:out"), // a self loop
      ],
    };
    const layout = layoutLayered(input);
    expect(layout.reversedEdges).toEqual([2, 5]);
    input.edges.forEach((e, k) => {
      if (layout.reversedEdges.includes(k)) return;
      const s = input.nodes.findIndex((node) => node.id === e.source);
      const t = input.nodes.findIndex((node) => node.id === e.target);
      expect(layout.layer[t]!).toBeGreaterThan(layout.layer[s]!);
    });
    expectNoOverlaps(input, layout);
  });

  it("reports depth ties and backward edges as reversed instead of failing", () => {
    const input = { nodes: [box("a", 0), box("b", 1), box("c", 1)], edges: [edge("b", "c"), edge("b", "a"), edge("a", "b")] };
    const layout = layoutLayered(input);
    expect(layout.reversedEdges).toEqual([0, 1]);
    expectNoOverlaps(input, layout);
  });

  it("is deterministic", () => {
    const input = lakehouse(600);
    expect(layoutLayered(input)).toEqual(layoutLayered(input));
    expect(layoutKey(input)).toBe(layoutKey(structuredClone(input)));
  });

  it("stacks a node's 5,000 direct neighbours without overlap", () => {
    const nodes = [box("dataset:hub")];
    const edges: LayoutEdgeInput[] = [];
    for (let i = 0; i < 5000; i++) {
      nodes.push(box(`job:reader${i}`));
      edges.push(edge("dataset:hub", `job:reader${i}`));
    }
    const input = { nodes, edges };
    const layout = layoutLayered(input);
    expect(layout.layers.map((row) => row.length)).toEqual([1, 5000]);
    expectNoOverlaps(input, layout);
    // The hub sits level with its readers' middle, not at the top of a 5,000-row column.
    const hubCentre = layout.y[0]! + 20;
    expect(Math.abs(hubCentre - layout.height / 2)).toBeLessThan(layout.height * 0.1);
  });

  it("lays out disconnected parts side by side in columns without overlap, ignoring unknown endpoints", () => {
    const input = {
      nodes: [box("a"), box("b"), box("c"), box("d"), box("lonely")],
      edges: [edge("a", "b"), edge("c", "d"), edge("a", "nowhere")],
    };
    const layout = layoutLayered(input);
    expect(layout.layer).toEqual([0, 1, 0, 1, 0]);
    expectNoOverlaps(input, layout);
  });

  it("pulls a source next to its first reader instead of column 0", () => {
    const input = { nodes: [box("a"), box("b"), box("c"), box("late-source")], edges: [edge("a", "b"), edge("b", "c"), edge("late-source", "c")] };
    expect(layoutLayered(input).layer).toEqual([0, 1, 2, 1]);
  });

  it("orders a column by its neighbours so a crossed pair is uncrossed", () => {
    const input = {
      nodes: [box("a"), box("b"), box("y"), box("x")],
      edges: [edge("a", "x"), edge("b", "y")],
    };
    const layout = layoutLayered(input);
    // a is above b, so x (a's reader) ends above y.
    expect(layout.y[0]! < layout.y[1]!).toBe(layout.y[3]! < layout.y[2]!);
  });

  it("lays out 10,000 nodes", () => {
    const input = lakehouse(10_000);
    const layout = layoutLayered(input);
    expect(layout.x).toHaveLength(10_000);
    expectNoOverlaps(input, layout);
  });
});

describe("layoutKey", () => {
  it("changes when a node, an edge or a size changes, not otherwise", () => {
    const input = lakehouse(50);
    const key = layoutKey(input);
    expect(layoutKey({ ...input, nodes: [...input.nodes, box("extra")] })).not.toBe(key);
    expect(layoutKey({ ...input, edges: input.edges.slice(1) })).not.toBe(key);
    expect(layoutKey({ ...input, nodes: input.nodes.map((node, i) => (i === 3 ? { ...node, height: 99 } : node)) })).not.toBe(key);
    // Ids that concatenate alike are different graphs.
    expect(layoutKey({ nodes: [box("ab"), box("c")], edges: [] })).not.toBe(layoutKey({ nodes: [box("a"), box("bc")], edges: [] }));
  });
});
