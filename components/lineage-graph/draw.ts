// Canvas drawing of a scene. Only what meets the viewport is drawn (grid index); zoomed far out
// nodes are plain rectangles and edges straight lines in a few batched paths, with no text, so
// 10,000 nodes stay smooth. High-DPI: the canvas is sized in device pixels and scaled.
import type { LineageSide } from "@/lib/lineage/graph-view";
import { runStateColour, type Palette } from "./palette";
import { badgeCentre, BADGE_RADIUS, hiddenCount, nodesInRect, type Scene } from "./scene";
import { compactCount, detailLines } from "./svg";

/** Screen = world × k + (x, y), in CSS pixels. */
export type View = { x: number; y: number; k: number };

export type DrawState = {
  palette: Palette;
  dark: boolean;
  /** The drawing surface in CSS pixels, and device pixels per CSS pixel. */
  width: number;
  height: number;
  dpr: number;
  view: View;
  focus: number;
  selected: number;
  hover: number;
  /** Per node / edge index: 1 when highlighted; null when nothing is highlighted. */
  nodeLit: Uint8Array | null;
  edgeLit: Uint8Array | null;
  isExpanded(i: number, side: LineageSide): boolean;
  /** Draw the background (off for a transparent export). */
  background?: boolean;
};

/** Below this zoom, nodes are drawn without text. */
export const SIMPLE_BELOW = 0.45;
/**
 * Below this zoom (and from SIMPLE_BELOW) cards are square-cornered and edges straight: corners of
 * 1–4 screen pixels and curves at that size are invisible, but antialiasing them was most of a
 * detailed frame's cost (one drawing of a 2,000-node view at zoom 0.46: 17–19 ms with them,
 * 10–11 ms without, scripts/bench/lineage-view.ts), enough to miss a vsync.
 */
export const CURVES_FROM = 0.6;

/** A card's corner radius in graph pixels at zoom k (square below CURVES_FROM). */
export function cornerRadius(kind: "dataset" | "job", k: number): number {
  return k < CURVES_FROM ? 0 : kind === "dataset" ? 8 : 3;
}
/** At or above this zoom, edge labels are drawn. */
export const LABELS_FROM = 0.8;
/**
 * Text drawn smaller than this many screen pixels cannot be read, so it is not drawn: just above
 * SIMPLE_BELOW a card shows its name only, and the smaller lines join as the zoom grows. Text is
 * most of what a detailed frame costs; skipping unreadable lines keeps a full redraw of a
 * crowded view inside one frame.
 */
export const LEGIBLE_TEXT_PX = 5.5;
/** Which of a card's text lines are legible at zoom k (each by its font size in graph pixels). */
export function legibleText(k: number): { name: boolean; details: boolean; namespace: boolean; small: boolean } {
  const legible = (fontPx: number) => fontPx * k >= LEGIBLE_TEXT_PX;
  return { name: legible(13), details: legible(11), namespace: legible(10), small: legible(9) };
}
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif";
const DIM = 0.22;

/**
 * What a zoom level draws. Zoomed out (simple): nodes are filled rectangles, edges straight
 * hairlines without arrowheads, no text, no badges; from SIMPLE_BELOW cards with text, curved
 * edges with arrowheads and badges; from LABELS_FROM also edge labels.
 */
export function levelOfDetail(k: number): { simple: boolean; arrows: boolean; text: boolean; curves: boolean; edgeLabels: boolean } {
  const simple = k < SIMPLE_BELOW;
  return { simple, arrows: !simple, text: !simple, curves: k >= CURVES_FROM, edgeLabels: k >= LABELS_FROM };
}

/** A rectangle in graph (world) coordinates. */
export type Rect = { left: number; top: number; right: number; bottom: number };

/** The part of the graph a drawing surface of width × height CSS pixels shows at a view. */
export function worldRect(view: View, width: number, height: number): Rect {
  return { left: -view.x / view.k, top: -view.y / view.k, right: (width - view.x) / view.k, bottom: (height - view.y) / view.k };
}

/** Fills the surface with the background (or clears it for a transparent export). */
export function drawBackground(ctx: CanvasRenderingContext2D, s: DrawState): void {
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  if (s.background !== false) {
    ctx.fillStyle = s.palette.background;
    ctx.fillRect(0, 0, s.width, s.height);
  } else {
    ctx.clearRect(0, 0, s.width, s.height);
  }
}

/** Sets the graph → device pixel transform of the view. */
export function setWorldTransform(ctx: CanvasRenderingContext2D, s: Pick<DrawState, "dpr" | "view">): void {
  const { view, dpr } = s;
  ctx.setTransform(dpr * view.k, 0, 0, dpr * view.k, dpr * view.x, dpr * view.y);
}

/** The whole picture in one go (PNG export, the benchmark's draw cost); the component draws in slices (renderer.ts). */
export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState): void {
  drawBackground(ctx, s);
  setWorldTransform(ctx, s);
  const box = worldRect(s.view, s.width, s.height);
  drawEdgeList(ctx, scene, s, edgesInRect(scene, box));
  drawNodeList(ctx, scene, s, nodesInRect(scene, box.left, box.top, box.right, box.bottom));
  drawOverlays(ctx, scene, s);
}

/** Edges whose curve's bounding box meets the rectangle, in edge order (self-loops and dangling edges left out). */
export function edgesInRect(scene: Scene, box: Rect): number[] {
  const out: number[] = [];
  const n = scene.graph.edges.length;
  for (let e = 0; e < n; e++) {
    const a = scene.edgeSource[e]!;
    const b = scene.edgeTarget[e]!;
    if (a < 0 || b < 0 || a === b) continue;
    const x1 = scene.x[a]! + scene.w[a]!;
    const y1 = scene.y[a]! + scene.h[a]! / 2;
    const x2 = scene.x[b]!;
    const y2 = scene.y[b]! + scene.h[b]! / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    if (Math.min(x1, x2 - dx) > box.right || Math.max(x2, x1 + dx) < box.left || Math.min(y1, y2) > box.bottom || Math.max(y1, y2) < box.top) continue;
    out.push(e);
  }
  return out;
}

/** The given edges, batched into one path per look (plain, added, removed; each lit or dimmed). The world transform must be set. */
export function drawEdgeList(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, list: readonly number[]): void {
  const { palette: p } = s;
  const edges = scene.graph.edges;
  const lod = levelOfDetail(s.view.k);
  const paths = new Map<string, Path2D>();
  const labels: { x: number; y: number; text: string; dim: boolean }[] = [];
  const arrows: { x: number; y: number; look: string }[] = [];
  for (const e of list) {
    const a = scene.edgeSource[e]!;
    const b = scene.edgeTarget[e]!;
    const x1 = scene.x[a]! + scene.w[a]!;
    const y1 = scene.y[a]! + scene.h[a]! / 2;
    const x2 = scene.x[b]!;
    const y2 = scene.y[b]! + scene.h[b]! / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const edge = edges[e]!;
    const dim = s.edgeLit !== null && !s.edgeLit[e];
    const look = `${edge.change ?? "plain"}${dim ? "-dim" : ""}`;
    let path = paths.get(look);
    if (!path) paths.set(look, (path = new Path2D()));
    path.moveTo(x1, y1);
    if (!lod.curves) path.lineTo(x2, y2);
    else path.bezierCurveTo(x1 + dx, y1, x2 - dx, y2, x2, y2);
    if (lod.arrows) arrows.push({ x: x2, y: y2, look });
    if (edge.label && lod.edgeLabels) labels.push({ x: (x1 + x2) / 2, y: (y1 + y2) / 2, text: edge.label, dim });
  }
  const colourOf = (look: string) => (look.startsWith("added") ? p.edgeAdded : look.startsWith("removed") ? p.edgeRemoved : p.edge);
  ctx.lineWidth = 1 / s.view.k;
  for (const [look, path] of paths) {
    ctx.globalAlpha = look.endsWith("-dim") ? DIM : 1;
    ctx.strokeStyle = colourOf(look);
    ctx.setLineDash(look.startsWith("removed") ? [6, 4] : []);
    ctx.stroke(path);
  }
  ctx.setLineDash([]);
  const heads = new Map<string, Path2D>();
  for (const arrow of arrows) {
    let path = heads.get(arrow.look);
    if (!path) heads.set(arrow.look, (path = new Path2D()));
    path.moveTo(arrow.x, arrow.y);
    path.lineTo(arrow.x - 7, arrow.y - 4);
    path.lineTo(arrow.x - 7, arrow.y + 4);
    path.closePath();
  }
  for (const [look, path] of heads) {
    ctx.globalAlpha = look.endsWith("-dim") ? DIM : 1;
    ctx.fillStyle = colourOf(look);
    ctx.fill(path);
  }
  ctx.font = `10px ${FONT}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const label of labels) {
    ctx.globalAlpha = label.dim ? DIM : 1;
    const text = fitText(ctx, label.text, 140);
    const width = ctx.measureText(text).width + 8;
    ctx.fillStyle = p.background;
    ctx.fillRect(label.x - width / 2, label.y - 7, width, 14);
    ctx.fillStyle = p.edgeLabel;
    ctx.fillText(text, label.x, label.y);
  }
  ctx.globalAlpha = 1;
  ctx.textAlign = "left";
}

/** The given nodes, simple or detailed by the zoom, without hover/focus/selection (drawOverlays). The world transform must be set. */
export function drawNodeList(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, list: readonly number[]): void {
  if (levelOfDetail(s.view.k).simple) drawNodesSimple(ctx, scene, s, list);
  else drawNodesDetailed(ctx, scene, s, list);
}

/**
 * Hover, focus and selection: drawn over the picture every frame rather than into a cached one,
 * so moving the pointer or selecting never needs the graph drawn again. The world transform must be set.
 */
export function drawOverlays(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState): void {
  const { palette: p } = s;
  const nodes = scene.graph.nodes;
  if (levelOfDetail(s.view.k).simple) {
    // Focus and selection stay visible at any zoom: a frame at least 3 screen pixels thick.
    for (const [i, colour] of [
      [s.focus, p.focus],
      [s.selected, p.selected],
    ] as const) {
      if (i < 0) continue;
      const pad = 4 / s.view.k;
      ctx.lineWidth = 3 / s.view.k;
      ctx.strokeStyle = colour;
      ctx.strokeRect(scene.x[i]! - pad, scene.y[i]! - pad, scene.w[i]! + pad * 2, scene.h[i]! + pad * 2);
    }
    return;
  }
  const dimmed = (i: number) => s.nodeLit !== null && !s.nodeLit[i];
  for (const [i, colour, width] of [
    [s.hover, p.muted, 1.5],
    [s.focus, p.focus, 2.5],
    [s.selected, p.selected, 2.5],
  ] as const) {
    if (i < 0) continue;
    const outline = new Path2D();
    outline.roundRect(scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!, cornerRadius(nodes[i]!.kind, s.view.k));
    ctx.globalAlpha = dimmed(i) ? DIM : 1;
    if (i === s.focus && i !== s.selected) {
      // The focus keeps a soft halo so it reads as "where this view starts".
      ctx.save();
      ctx.globalAlpha *= 0.35;
      ctx.lineWidth = 6;
      ctx.strokeStyle = colour;
      ctx.stroke(outline);
      ctx.restore();
    }
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.stroke(outline);
  }
  ctx.globalAlpha = 1;
}
function drawNodesSimple(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, visible: readonly number[]) {
  const { palette: p } = s;
  const groups = new Map<string, Path2D>();
  for (const i of visible) {
    const node = scene.graph.nodes[i]!;
    const key = `${node.kind}${s.nodeLit !== null && !s.nodeLit[i] ? "-dim" : ""}`;
    let path = groups.get(key);
    if (!path) groups.set(key, (path = new Path2D()));
    path.rect(scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!);
  }
  for (const [key, path] of groups) {
    ctx.globalAlpha = key.endsWith("-dim") ? DIM : 1;
    ctx.fillStyle = key.startsWith("dataset") ? p.datasetAccent : p.jobAccent;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
}

/**
 * Detailed nodes, drawn in passes over the visible ones (shapes, then each kind of text, then
 * badges) so the font and colours are set a few times per frame rather than per node: in
 * software rendering, state changes and clipping cost more than the shapes themselves.
 */
function drawNodesDetailed(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, visible: readonly number[]) {
  const { palette: p } = s;
  const nodes = scene.graph.nodes;
  const texts = textsOf(scene);
  const dimmed = (i: number) => s.nodeLit !== null && !s.nodeLit[i];
  const rounded = levelOfDetail(s.view.k).curves;
  const cornerOf = (kind: "dataset" | "job") => cornerRadius(kind, s.view.k);
  const groups = [visible.filter((i) => !dimmed(i)), visible.filter(dimmed)];
  groups.forEach((group, g) => {
    if (group.length === 0) return;
    ctx.globalAlpha = g === 0 ? 1 : DIM;
    // Cards: the accent colour under the whole card, the card's fill over all but a 5 px bar.
    for (const kind of ["dataset", "job"] as const) {
      const accents = new Path2D();
      const fills = new Path2D();
      const radius = cornerOf(kind);
      for (const i of group) {
        if (nodes[i]!.kind !== kind) continue;
        accents.roundRect(scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!, radius);
        fills.roundRect(scene.x[i]! + 5, scene.y[i]!, scene.w[i]! - 5, scene.h[i]!, [0, radius, radius, 0]);
      }
      ctx.fillStyle = kind === "dataset" ? p.datasetAccent : p.jobAccent;
      ctx.fill(accents);
      ctx.fillStyle = p.nodeFill;
      ctx.fill(fills);
    }
    const borders = new Path2D();
    for (const i of group) {
      if (rounded) borders.roundRect(scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!, cornerOf(nodes[i]!.kind));
      else borders.rect(scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!);
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = p.nodeBorder;
    ctx.stroke(borders);

    // Kind glyphs: a table (dataset) or a play triangle (job); run state dots; stale pills.
    const tables = new Path2D();
    const triangles = new Path2D();
    for (const i of group) {
      const x = scene.x[i]!;
      const y = scene.y[i]!;
      if (nodes[i]!.kind === "dataset") {
        tables.rect(x + 14, y + 8, 10, 9);
        tables.moveTo(x + 14, y + 11);
        tables.lineTo(x + 24, y + 11);
        tables.moveTo(x + 14, y + 14);
        tables.lineTo(x + 24, y + 14);
      } else {
        triangles.moveTo(x + 15, y + 7.5);
        triangles.lineTo(x + 24, y + 12.5);
        triangles.lineTo(x + 15, y + 17.5);
        triangles.closePath();
      }
    }
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = p.datasetAccent;
    ctx.stroke(tables);
    ctx.fillStyle = p.jobAccent;
    ctx.fill(triangles);
    for (const i of group) {
      const state = nodes[i]!.lastRun?.state;
      if (!state) continue;
      ctx.fillStyle = runStateColour(state, s.dark);
      ctx.beginPath();
      ctx.arc(scene.x[i]! + scene.w[i]! - 14, scene.y[i]! + 13, 5, 0, Math.PI * 2);
      ctx.fill();
    }
    const pills = new Path2D();
    for (const i of group) {
      if (!nodes[i]!.stale) continue;
      pills.roundRect(texts.get(i).staleX - 18, scene.y[i]! + 5, 36, 16, 8);
    }
    ctx.fillStyle = p.staleFill;
    ctx.fill(pills);

    // Text, one font at a time.
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    const legible = legibleText(s.view.k);
    if (legible.namespace) {
      ctx.font = `10px ${FONT}`;
      ctx.fillStyle = p.muted;
      for (const i of group) {
        const t = texts.get(i, ctx);
        ctx.fillText(t.namespace, scene.x[i]! + 30, scene.y[i]! + 16);
        if (t.facts) ctx.fillText(t.facts, scene.x[i]! + 14, scene.y[i]! + 50);
      }
    }
    ctx.font = `600 13px ${FONT}`;
    ctx.fillStyle = p.text;
    if (legible.name) for (const i of group) ctx.fillText(texts.get(i, ctx).name, scene.x[i]! + 14, scene.y[i]! + 35);
    if (legible.details) {
      ctx.font = `11px ${FONT}`;
      ctx.fillStyle = p.text;
      for (const i of group) texts.get(i, ctx).details.forEach((line, k) => ctx.fillText(line, scene.x[i]! + 14, scene.y[i]! + 66 + k * 16));
    }
    ctx.font = `600 9px ${FONT}`;
    ctx.fillStyle = p.staleText;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    if (legible.small) for (const i of group) if (nodes[i]!.stale) ctx.fillText("stale", texts.get(i).staleX, scene.y[i]! + 13.5);

    // Hidden-count badges on the node's sides.
    const badges: { cx: number; cy: number; label: string }[] = [];
    for (const i of group) {
      for (const side of ["upstream", "downstream"] as const) {
        const expanded = s.isExpanded(i, side);
        const centre = badgeCentre(scene, i, side, expanded);
        if (centre) badges.push({ ...centre, label: expanded ? "−" : `+${compactCount(hiddenCount(nodes[i]!, side))}` });
      }
    }
    if (badges.length > 0) {
      const circles = new Path2D();
      for (const b of badges) {
        circles.moveTo(b.cx + BADGE_RADIUS, b.cy);
        circles.arc(b.cx, b.cy, BADGE_RADIUS, 0, Math.PI * 2);
      }
      ctx.fillStyle = p.badgeFill;
      ctx.fill(circles);
      ctx.lineWidth = 1;
      ctx.strokeStyle = p.nodeBorder;
      ctx.stroke(circles);
      if (legible.small) {
        ctx.fillStyle = p.badgeText;
        ctx.font = `700 9px ${FONT}`;
        for (const b of badges) ctx.fillText(b.label, b.cx, b.cy + 0.5);
      }
    }
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
  });
  ctx.globalAlpha = 1;
}

type NodeTexts = { namespace: string; name: string; facts: string; details: string[]; staleX: number };

/** Each node's strings cut to fit, measured once per scene (measuring is what text drawing costs most). */
const textCache = new WeakMap<Scene, (NodeTexts | undefined)[]>();
function textsOf(scene: Scene) {
  let cache = textCache.get(scene);
  if (!cache) textCache.set(scene, (cache = []));
  const list = cache;
  return {
    get(i: number, ctx?: CanvasRenderingContext2D): NodeTexts {
      const known = list[i];
      if (known && (known.name !== "" || !ctx)) return known;
      const node = scene.graph.nodes[i]!;
      const w = scene.w[i]!;
      const right = scene.x[i]! + w - (node.lastRun?.state ? 24 : 10);
      const staleX = right - 20;
      if (!ctx) return { namespace: "", name: "", facts: "", details: [], staleX };
      const headerRight = node.stale ? right - 42 : right;
      const facts: string[] = [];
      if (node.owners?.length) facts.push(node.owners.length > 1 ? `${node.owners[0]} +${node.owners.length - 1}` : node.owners[0]!);
      if (node.lastRun?.state) facts.push(node.lastRun.state.toLowerCase());
      const saved = ctx.font;
      ctx.font = `10px ${FONT}`;
      const namespace = fitText(ctx, node.namespace, headerRight - (scene.x[i]! + 30));
      const factLine = fitText(ctx, facts.join(" · "), w - 26);
      ctx.font = `600 13px ${FONT}`;
      const name = fitText(ctx, node.name, w - 26) || "…";
      ctx.font = `11px ${FONT}`;
      const details = detailLines(node.details).map((line) => fitText(ctx, line, w - 26));
      ctx.font = saved;
      const texts = { namespace, name, facts: factLine, details, staleX };
      list[i] = texts;
      return texts;
    },
  };
}

/** Whether node i's texts are already cut to fit (drawing its card then measures nothing). */
export function textsMeasured(scene: Scene, i: number): boolean {
  const known = textCache.get(scene)?.[i];
  return known !== undefined && known.name !== "";
}

/** Cuts node i's texts to fit now (measuring is the part of drawing a card that varies most). */
export function measureTexts(ctx: CanvasRenderingContext2D, scene: Scene, i: number): void {
  textsOf(scene).get(i, ctx);
}

// Truncated strings per font and width: measuring is the expensive part of drawing text.
const fitted = new Map<string, string>();

/** No line of a card holds more characters than this; longer text is cut before it is measured. */
const MEASURED_CHARS = 96;

/**
 * The text cut with an ellipsis to fit `max` pixels in the current font, never splitting a
 * surrogate pair. Measuring is what costs (shaping, and font fallback for emoji), so a long text
 * is cut to MEASURED_CHARS first, the cut is guessed from the average character width, and only
 * a few measurements correct the guess.
 */
export function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (max <= 8) return "";
  const key = `${ctx.font}|${Math.round(max)}|${text.length > MEASURED_CHARS * 2 ? text.slice(0, MEASURED_CHARS * 2) + text.length : text}`;
  const known = fitted.get(key);
  if (known !== undefined) return known;
  const chars = Array.from(text);
  const head = chars.length > MEASURED_CHARS ? chars.slice(0, MEASURED_CHARS) : chars;
  let result = text;
  const width = ctx.measureText(head.join("")).width;
  if (head.length < chars.length || width > max) {
    const ellipsis = ctx.measureText("…").width;
    let cut = Math.max(0, Math.min(head.length, Math.floor((head.length * (max - ellipsis)) / Math.max(width, 1))));
    const fits = (n: number) => ctx.measureText(head.slice(0, n).join("")).width + ellipsis <= max;
    if (head.length < chars.length && width + ellipsis <= max) cut = head.length;
    else if (fits(cut)) {
      while (cut < head.length && fits(cut + 1)) cut++;
    } else {
      while (cut > 0 && !fits(cut - 1)) cut--;
      cut = Math.max(0, cut - 1);
    }
    result = `${head.slice(0, cut).join("")}…`;
  }
  if (fitted.size > 20_000) fitted.clear();
  fitted.set(key, result);
  return result;
}
