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
/** At or above this zoom, edge labels are drawn. */
const LABELS_FROM = 0.8;
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif";
const DIM = 0.22;

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState): void {
  const { view, dpr, palette: p } = s;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  if (s.background !== false) {
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, s.width, s.height);
  } else {
    ctx.clearRect(0, 0, s.width, s.height);
  }
  ctx.setTransform(dpr * view.k, 0, 0, dpr * view.k, dpr * view.x, dpr * view.y);
  const left = -view.x / view.k;
  const top = -view.y / view.k;
  const right = (s.width - view.x) / view.k;
  const bottom = (s.height - view.y) / view.k;
  const simple = view.k < SIMPLE_BELOW;
  drawEdges(ctx, scene, s, { left, top, right, bottom }, simple);
  const visible = nodesInRect(scene, left, top, right, bottom);
  if (simple) drawNodesSimple(ctx, scene, s, visible);
  else for (const i of visible) drawNode(ctx, scene, s, i);
}

type Rect = { left: number; top: number; right: number; bottom: number };

function drawEdges(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, box: Rect, simple: boolean) {
  const { palette: p } = s;
  const edges = scene.graph.edges;
  // One path per look: plain, added, removed; each lit and dimmed.
  const paths = new Map<string, Path2D>();
  const labels: { x: number; y: number; text: string; dim: boolean }[] = [];
  const arrows: { x: number; y: number; look: string }[] = [];
  for (let e = 0; e < edges.length; e++) {
    const a = scene.edgeSource[e]!;
    const b = scene.edgeTarget[e]!;
    if (a < 0 || b < 0 || a === b) continue;
    const x1 = scene.x[a]! + scene.w[a]!;
    const y1 = scene.y[a]! + scene.h[a]! / 2;
    const x2 = scene.x[b]!;
    const y2 = scene.y[b]! + scene.h[b]! / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    if (Math.min(x1, x2 - dx) > box.right || Math.max(x2, x1 + dx) < box.left || Math.min(y1, y2) > box.bottom || Math.max(y1, y2) < box.top) continue;
    const edge = edges[e]!;
    const dim = s.edgeLit !== null && !s.edgeLit[e];
    const look = `${edge.change ?? "plain"}${dim ? "-dim" : ""}`;
    let path = paths.get(look);
    if (!path) paths.set(look, (path = new Path2D()));
    path.moveTo(x1, y1);
    if (simple) path.lineTo(x2, y2);
    else {
      path.bezierCurveTo(x1 + dx, y1, x2 - dx, y2, x2, y2);
      arrows.push({ x: x2, y: y2, look });
      if (edge.label && s.view.k >= LABELS_FROM) labels.push({ x: (x1 + x2) / 2, y: (y1 + y2) / 2, text: edge.label, dim });
    }
  }
  const colourOf = (look: string) => (look.startsWith("added") ? p.edgeAdded : look.startsWith("removed") ? p.edgeRemoved : p.edge);
  ctx.lineWidth = Math.max(1.5, 1 / s.view.k);
  for (const [look, path] of paths) {
    ctx.globalAlpha = look.endsWith("-dim") ? DIM : 1;
    ctx.strokeStyle = colourOf(look);
    ctx.setLineDash(look.startsWith("removed") ? [6, 4] : []);
    ctx.stroke(path);
  }
  ctx.setLineDash([]);
  for (const arrow of arrows) {
    ctx.globalAlpha = arrow.look.endsWith("-dim") ? DIM : 1;
    ctx.fillStyle = colourOf(arrow.look);
    ctx.beginPath();
    ctx.moveTo(arrow.x, arrow.y);
    ctx.lineTo(arrow.x - 7, arrow.y - 4);
    ctx.lineTo(arrow.x - 7, arrow.y + 4);
    ctx.closePath();
    ctx.fill();
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

function drawNodesSimple(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, visible: number[]) {
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
}

function drawNode(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, i: number) {
  const { palette: p } = s;
  const node = scene.graph.nodes[i]!;
  const x = scene.x[i]!;
  const y = scene.y[i]!;
  const w = scene.w[i]!;
  const h = scene.h[i]!;
  const dataset = node.kind === "dataset";
  const accent = dataset ? p.datasetAccent : p.jobAccent;
  ctx.globalAlpha = s.nodeLit !== null && !s.nodeLit[i] ? DIM : 1;

  const outline = new Path2D();
  outline.roundRect(x, y, w, h, dataset ? 8 : 3);
  ctx.fillStyle = p.nodeFill;
  ctx.fill(outline);
  ctx.save();
  ctx.clip(outline);
  ctx.fillStyle = accent;
  ctx.fillRect(x, y, 5, h);
  ctx.restore();
  const emphasised = i === s.selected || i === s.focus;
  ctx.lineWidth = emphasised ? 2.5 : i === s.hover ? 1.5 : 1;
  ctx.strokeStyle = i === s.selected ? p.selected : i === s.focus ? p.focus : i === s.hover ? p.muted : p.nodeBorder;
  ctx.stroke(outline);
  if (i === s.focus && i !== s.selected) {
    // The focus keeps a soft halo so it reads as "where this view starts".
    ctx.save();
    ctx.globalAlpha *= 0.35;
    ctx.lineWidth = 6;
    ctx.stroke(outline);
    ctx.restore();
  }

  // Kind glyph: a table (dataset) or a play triangle (job).
  ctx.fillStyle = accent;
  ctx.strokeStyle = accent;
  ctx.lineWidth = 1.2;
  if (dataset) {
    ctx.strokeRect(x + 14, y + 8, 10, 9);
    ctx.beginPath();
    ctx.moveTo(x + 14, y + 11);
    ctx.lineTo(x + 24, y + 11);
    ctx.moveTo(x + 14, y + 14);
    ctx.lineTo(x + 24, y + 14);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.moveTo(x + 15, y + 7.5);
    ctx.lineTo(x + 24, y + 12.5);
    ctx.lineTo(x + 15, y + 17.5);
    ctx.closePath();
    ctx.fill();
  }

  let headerRight = x + w - 10;
  if (node.lastRun?.state) {
    ctx.fillStyle = runStateColour(node.lastRun.state, s.dark);
    ctx.beginPath();
    ctx.arc(x + w - 14, y + 13, 5, 0, Math.PI * 2);
    ctx.fill();
    headerRight = x + w - 24;
  }
  if (node.stale) {
    ctx.fillStyle = p.staleFill;
    ctx.beginPath();
    ctx.roundRect(headerRight - 38, y + 5, 36, 16, 8);
    ctx.fill();
    ctx.fillStyle = p.staleText;
    ctx.font = `600 9px ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText("stale", headerRight - 20, y + 13.5);
    ctx.textAlign = "left";
    headerRight -= 42;
  }

  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = p.muted;
  ctx.font = `10px ${FONT}`;
  ctx.fillText(fitText(ctx, node.namespace, headerRight - (x + 30)), x + 30, y + 16);
  ctx.fillStyle = p.text;
  ctx.font = `600 13px ${FONT}`;
  ctx.fillText(fitText(ctx, node.name, w - 26), x + 14, y + 35);
  const facts: string[] = [];
  if (node.owners?.length) facts.push(node.owners.length > 1 ? `${node.owners[0]} +${node.owners.length - 1}` : node.owners[0]!);
  if (node.lastRun?.state) facts.push(node.lastRun.state.toLowerCase());
  if (facts.length) {
    ctx.fillStyle = p.muted;
    ctx.font = `10px ${FONT}`;
    ctx.fillText(fitText(ctx, facts.join(" · "), w - 26), x + 14, y + 50);
  }
  const lines = detailLines(node.details);
  if (lines.length) {
    ctx.fillStyle = p.text;
    ctx.font = `11px ${FONT}`;
    lines.forEach((line, k) => ctx.fillText(fitText(ctx, line, w - 26), x + 14, y + 66 + k * 16));
  }

  for (const side of ["upstream", "downstream"] as const) {
    const expanded = s.isExpanded(i, side);
    const centre = badgeCentre(scene, i, side, expanded);
    if (!centre) continue;
    ctx.fillStyle = p.badgeFill;
    ctx.strokeStyle = p.nodeBorder;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.arc(centre.cx, centre.cy, BADGE_RADIUS, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = p.badgeText;
    ctx.font = `700 9px ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(expanded ? "−" : `+${compactCount(hiddenCount(node, side))}`, centre.cx, centre.cy + 0.5);
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
  }
  ctx.globalAlpha = 1;
}

// Truncated strings per font and width: measuring is the expensive part of drawing text.
const fitted = new Map<string, string>();

/** The text cut with an ellipsis to fit `max` pixels in the current font, never splitting a surrogate pair. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (max <= 8) return "";
  const key = `${ctx.font}|${Math.round(max)}|${text}`;
  const known = fitted.get(key);
  if (known !== undefined) return known;
  let result = text;
  if (ctx.measureText(text).width > max) {
    const chars = Array.from(text);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(`${chars.slice(0, mid).join("")}…`).width <= max) lo = mid;
      else hi = mid - 1;
    }
    result = `${chars.slice(0, lo).join("")}…`;
  }
  if (fitted.size > 20_000) fitted.clear();
  fitted.set(key, result);
  return result;
}
