// The drawn graph: nodes with their laid-out boxes, adjacency, a grid index for hit testing and
// culling, search and keyboard moves. Pure data (no DOM), so vitest covers it and the drawing,
// the SVG export and the pointer handlers share one geometry.
import type { LayeredLayout, LayoutInput } from "@/lib/lineage/layout/layered";
import type { LineageSide, LineageViewGraph, LineageViewNode } from "@/lib/lineage/graph-view";

export const NODE_WIDTH = 240;
const NODE_BASE_HEIGHT = 58;
const DETAIL_LINE = 16;
/** More detail lines than this are summed up as "+N more". */
export const MAX_DETAIL_LINES = 5;
export const BADGE_RADIUS = 11;
const GRID_CELL = 512;

export function nodeHeight(node: LineageViewNode): number {
  const lines = Math.min(node.details?.length ?? 0, MAX_DETAIL_LINES + 1);
  return NODE_BASE_HEIGHT + lines * DETAIL_LINE;
}

/** What the worker lays out: sizes and depths only (names and facts stay on the main thread). */
export function layoutInputOf(graph: LineageViewGraph): LayoutInput {
  return {
    nodes: graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: nodeHeight(node), depth: node.depth })),
    edges: graph.edges.map((edge) => ({ source: edge.source, target: edge.target })),
  };
}

export type Scene = {
  graph: LineageViewGraph;
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  layer: Int32Array;
  /** Row within the layer. */
  row: Int32Array;
  layers: number[][];
  indexOf: Map<string, number>;
  /** Per edge: source and target node index, -1 when an endpoint is not in the graph. */
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Neighbour node indices over all edges, in edge order. */
  upstream: number[][];
  downstream: number[][];
  width: number;
  height: number;
  grid: Map<number, number[]>;
};

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;

export function buildScene(graph: LineageViewGraph, layout: LayeredLayout): Scene {
  const n = graph.nodes.length;
  const x = Float64Array.from(layout.x);
  const y = Float64Array.from(layout.y);
  const w = new Float64Array(n).fill(NODE_WIDTH);
  const h = Float64Array.from(graph.nodes, nodeHeight);
  const layer = Int32Array.from(layout.layer);
  const row = new Int32Array(n);
  layout.layers.forEach((list) => list.forEach((node, r) => (row[node] = r)));
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, i);
  });
  const edgeSource = new Int32Array(graph.edges.length);
  const edgeTarget = new Int32Array(graph.edges.length);
  const upstream: number[][] = Array.from({ length: n }, () => []);
  const downstream: number[][] = Array.from({ length: n }, () => []);
  graph.edges.forEach((edge, e) => {
    const s = indexOf.get(edge.source) ?? -1;
    const t = indexOf.get(edge.target) ?? -1;
    edgeSource[e] = s;
    edgeTarget[e] = t;
    if (s >= 0 && t >= 0 && s !== t) {
      downstream[s]!.push(t);
      upstream[t]!.push(s);
    }
  });
  const grid = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    // Badges stick out on both sides: index the box widened by them.
    const x0 = Math.floor((x[i]! - BADGE_RADIUS * 2) / GRID_CELL);
    const x1 = Math.floor((x[i]! + w[i]! + BADGE_RADIUS * 2) / GRID_CELL);
    const y0 = Math.floor(y[i]! / GRID_CELL);
    const y1 = Math.floor((y[i]! + h[i]!) / GRID_CELL);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = cellKey(cx, cy);
        const cell = grid.get(key);
        if (cell) cell.push(i);
        else grid.set(key, [i]);
      }
    }
  }
  return {
    graph,
    x,
    y,
    w,
    h,
    layer,
    row,
    layers: layout.layers,
    indexOf,
    edgeSource,
    edgeTarget,
    upstream,
    downstream,
    width: layout.width,
    height: layout.height,
    grid,
  };
}

/** Node indices whose boxes (with badges) meet the rectangle, each once, in index order. */
export function nodesInRect(scene: Scene, left: number, top: number, right: number, bottom: number): number[] {
  const found = new Set<number>();
  const x0 = Math.floor(left / GRID_CELL);
  const x1 = Math.floor(right / GRID_CELL);
  const y0 = Math.floor(top / GRID_CELL);
  const y1 = Math.floor(bottom / GRID_CELL);
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > scene.grid.size) {
    // Zoomed far out: walking the cells would visit more cells than exist.
    for (const cell of scene.grid.values()) for (const i of cell) found.add(i);
  } else {
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) for (const i of scene.grid.get(cellKey(cx, cy)) ?? []) found.add(i);
    }
  }
  const pad = BADGE_RADIUS * 2;
  return [...found]
    .filter((i) => scene.x[i]! - pad <= right && scene.x[i]! + scene.w[i]! + pad >= left && scene.y[i]! <= bottom && scene.y[i]! + scene.h[i]! >= top)
    .sort((a, b) => a - b);
}

export function hiddenCount(node: LineageViewNode, side: LineageSide): number {
  return Math.max(0, Math.floor(node.hidden?.[side] ?? 0));
}

/** Where a side's badge is drawn; null when the side has nothing hidden and is not expanded. */
export function badgeCentre(scene: Scene, i: number, side: LineageSide, expanded: boolean): { cx: number; cy: number } | null {
  if (!expanded && hiddenCount(scene.graph.nodes[i]!, side) === 0) return null;
  const cy = scene.y[i]! + scene.h[i]! / 2;
  return side === "upstream" ? { cx: scene.x[i]!, cy } : { cx: scene.x[i]! + scene.w[i]!, cy };
}

export type Hit = { kind: "node"; index: number } | { kind: "badge"; index: number; side: LineageSide } | null;

/** What is under a point in graph coordinates: a badge wins over its node's box. */
export function hitTest(scene: Scene, px: number, py: number, isExpanded: (i: number, side: LineageSide) => boolean, tolerance = 0): Hit {
  const candidates = nodesInRect(scene, px - tolerance, py - tolerance, px + tolerance, py + tolerance);
  const radius = BADGE_RADIUS + tolerance;
  for (const i of candidates) {
    for (const side of ["upstream", "downstream"] as const) {
      const centre = badgeCentre(scene, i, side, isExpanded(i, side));
      if (centre && (px - centre.cx) ** 2 + (py - centre.cy) ** 2 <= radius * radius) return { kind: "badge", index: i, side };
    }
  }
  // The last drawn (highest index) is on top.
  for (let k = candidates.length - 1; k >= 0; k--) {
    const i = candidates[k]!;
    if (px >= scene.x[i]! && px <= scene.x[i]! + scene.w[i]! && py >= scene.y[i]! && py <= scene.y[i]! + scene.h[i]!) return { kind: "node", index: i };
  }
  return null;
}

const fold = (text: string) => text.normalize("NFKC").toLocaleLowerCase();

/**
 * Nodes matching a query, best first: whole name, name prefix, word start, anywhere in the name,
 * then the namespace; within a rank shorter names first, then graph order. Every word of the query
 * must occur in the name or namespace.
 */
export function searchNodes(graph: LineageViewGraph, query: string, limit = 20): number[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const first = words[0]!;
  const scored: { i: number; rank: number; length: number }[] = [];
  graph.nodes.forEach((node, i) => {
    const name = fold(node.name);
    const namespace = fold(node.namespace);
    if (!words.every((word) => name.includes(word) || namespace.includes(word))) return;
    let rank = 4;
    if (name === first) rank = 0;
    else if (name.startsWith(first)) rank = 1;
    else if (new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(first)}`, "u").test(name)) rank = 2;
    else if (name.includes(first)) rank = 3;
    scored.push({ i, rank, length: node.name.length });
  });
  scored.sort((a, b) => a.rank - b.rank || a.length - b.length || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.i);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type Move = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

/**
 * Keyboard moves from a node: Right to the nearest (by height) downstream neighbour, Left to the
 * nearest upstream one, Up/Down to the previous/next node of the same column. Null at an end.
 */
export function neighbourFor(scene: Scene, i: number, move: Move): number | null {
  if (move === "ArrowUp" || move === "ArrowDown") {
    const column = scene.layers[scene.layer[i]!]!;
    const next = scene.row[i]! + (move === "ArrowDown" ? 1 : -1);
    return column[next] ?? null;
  }
  const list = move === "ArrowRight" ? scene.downstream[i]! : scene.upstream[i]!;
  let best: number | null = null;
  let bestDistance = Infinity;
  const centre = scene.y[i]! + scene.h[i]! / 2;
  for (const m of list) {
    const distance = Math.abs(scene.y[m]! + scene.h[m]! / 2 - centre);
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

/** Cut a string to at most `max` characters without splitting an emoji or other surrogate pair. */
export function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}

export function kindLabel(node: LineageViewNode): string {
  return node.kind === "dataset" ? "dataset" : "job";
}

/** One line a screen reader says for a node. */
export function describeNode(scene: Scene, i: number): string {
  const node = scene.graph.nodes[i]!;
  const parts = [`${kindLabel(node)} ${node.name}`, `namespace ${node.namespace}`];
  if (node.lastRun?.state) parts.push(`last run ${node.lastRun.state.toLowerCase()}`);
  if (node.stale) parts.push("stale");
  parts.push(`${scene.upstream[i]!.length} upstream, ${scene.downstream[i]!.length} downstream in view`);
  const up = hiddenCount(node, "upstream");
  const down = hiddenCount(node, "downstream");
  if (up || down) parts.push(`${up} upstream and ${down} downstream not shown`);
  return parts.join(", ");
}
