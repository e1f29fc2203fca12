// The decisions of the sliced renderer (renderer.ts) as pure functions, so vitest covers them:
// when a cached picture may still be shown, which strips a pan exposes, how many items a slice
// may draw within its time budget, and how large the whole-graph overview is.
import type { View } from "./draw";
import type { Scene } from "./scene";

/** A picture's geometry: the view it shows on a surface of width × height CSS pixels at dpr. */
export type Target = { view: View; width: number; height: number; dpr: number };

/**
 * Everything a cached picture depends on besides its geometry. Hover, focus and selection are not
 * here: they are drawn over the picture each frame (drawOverlays).
 */
export type Content = {
  scene: Scene;
  dark: boolean;
  nodeLit: Uint8Array | null;
  edgeLit: Uint8Array | null;
  /** The expanded sides (badges show "−"): compared by identity, a new value means a new picture. */
  expanded: unknown;
};

/**
 * True when a picture drawn for `a` shows exactly what `b` would. Compared by identity: the
 * component makes a new highlight array, expansion set or scene whenever one changes, so a
 * changed highlight or a new node can never match an old picture.
 */
export function sameContent(a: Content, b: Content): boolean {
  return a.scene === b.scene && a.dark === b.dark && a.nodeLit === b.nodeLit && a.edgeLit === b.edgeLit && a.expanded === b.expanded;
}

export function sameTarget(a: Target, b: Target): boolean {
  return a.width === b.width && a.height === b.height && a.dpr === b.dpr && a.view.k === b.view.k && a.view.x === b.view.x && a.view.y === b.view.y;
}

/** A rectangle of the surface in CSS pixels. */
export type Strip = { x: number; y: number; width: number; height: number };

/**
 * The parts of `shown`'s surface that a picture drawn for `drawn`, moved and scaled to `shown`,
 * leaves uncovered: up to four rectangles (above, below, left, right of it), none when it covers all.
 */
export function uncoveredRects(drawn: Target, shown: Target): Strip[] {
  const scale = shown.view.k / drawn.view.k;
  const left = shown.view.x - drawn.view.x * scale;
  const top = shown.view.y - drawn.view.y * scale;
  const right = left + drawn.width * scale;
  const bottom = top + drawn.height * scale;
  const { width, height } = shown;
  if (right <= 0 || bottom <= 0 || left >= width || top >= height) return [{ x: 0, y: 0, width, height }];
  const rects: Strip[] = [];
  const y0 = Math.max(0, top);
  const y1 = Math.min(height, bottom);
  if (top > 0) rects.push({ x: 0, y: 0, width, height: top });
  if (bottom < height) rects.push({ x: 0, y: bottom, width, height: height - bottom });
  if (left > 0) rects.push({ x: 0, y: y0, width: left, height: y1 - y0 });
  if (right < width) rects.push({ x: right, y: y0, width: width - right, height: y1 - y0 });
  return rects;
}

const whole = (value: number) => Math.abs(value - Math.round(value)) < 1e-6;

/**
 * After a pan, the parts of the new picture that the previous one, shifted, does not cover; those
 * alone need drawing. Null when the previous picture cannot be reused: another zoom or surface
 * size, a shift that is not a whole number of device pixels (copying would blur), or a shift so
 * large that nothing overlaps. An empty list when nothing moved.
 */
export function exposedStrips(before: Target, after: Target): Strip[] | null {
  if (before.view.k !== after.view.k || before.width !== after.width || before.height !== after.height || before.dpr !== after.dpr) return null;
  const dx = after.view.x - before.view.x;
  const dy = after.view.y - before.view.y;
  if (!whole(dx * after.dpr) || !whole(dy * after.dpr)) return null;
  const { width, height } = after;
  if (Math.abs(dx) >= width || Math.abs(dy) >= height) return null;
  const strips: Strip[] = [];
  // Full-height strip on the side the picture moved away from, then the rest of the exposed rows.
  if (dx > 0) strips.push({ x: 0, y: 0, width: dx, height });
  else if (dx < 0) strips.push({ x: width + dx, y: 0, width: -dx, height });
  const x = Math.max(0, dx);
  const w = width - Math.abs(dx);
  if (dy > 0) strips.push({ x, y: 0, width: w, height: dy });
  else if (dy < 0) strips.push({ x, y: height + dy, width: w, height: -dy });
  return strips;
}

/**
 * Which cost model a slice learns from and plans with. An item's cost is mostly rasterising, so it
 * grows with the pixels it covers: an edge drawn in the tiny whole-graph overview costs a fraction
 * of the same edge at zoom 0.1, and learning from one to plan the other made a planned 8 ms slice
 * take 27 ms (lineage-view bench, 2,000 nodes, wheeling out). So each drawing scale has its own
 * models: the overview, and the view in half-octave zoom bands.
 */
export function costKey(kind: "edges" | "nodes", simple: boolean, scale: "overview" | number): string {
  const band = scale === "overview" ? "overview" : `z${Math.round(Math.log2(scale) * 2)}`;
  return `${kind}${simple ? "-simple" : ""}@${band}`;
}

/**
 * Milliseconds per item of one kind of drawing (an edge, a simple node, a detailed card),
 * learnt from the slices drawn so far, so a slice holds as many as fit its budget on this
 * machine right now. A slice that took longer than predicted raises the estimate at once (the
 * next slice must not overrun too); a faster one lowers it gradually.
 */
export class CostModel {
  private perItem: number;
  constructor(
    initialMs: number,
    private readonly min: number,
    private readonly max: number,
  ) {
    this.perItem = initialMs;
  }
  estimate(): number {
    return this.perItem;
  }
  learn(items: number, ms: number): void {
    if (items <= 0 || !(ms >= 0)) return;
    const measured = ms / items;
    this.perItem = measured > this.perItem ? measured : (this.perItem + measured) / 2;
  }
  /** How many items a slice of `budgetMs` may draw: at least min (progress), at most max. */
  count(budgetMs: number): number {
    const fit = Math.floor(budgetMs / Math.max(this.perItem, 1e-4));
    return Math.max(this.min, Math.min(this.max, fit));
  }
}

/** Largest side and pixel count of the whole-graph overview picture. */
export const OVERVIEW_MAX_SIDE = 2048;
export const OVERVIEW_MAX_PIXELS = 4_000_000;
export const OVERVIEW_MARGIN = 16;

/**
 * The overview: the whole graph drawn once (in slices) at a small scale, shown under the current
 * picture wherever that one does not reach (while zooming out or panning fast, before the exact
 * picture is drawn). Its scale keeps it within OVERVIEW_MAX_SIDE and OVERVIEW_MAX_PIXELS, never above 1.
 */
export function overviewTarget(sceneWidth: number, sceneHeight: number): Target {
  const w = Math.max(sceneWidth, 1);
  const h = Math.max(sceneHeight, 1);
  const room = OVERVIEW_MAX_SIDE - OVERVIEW_MARGIN * 2;
  let k = Math.min(1, room / w, room / h, Math.sqrt(OVERVIEW_MAX_PIXELS / (w * h)));
  // The margins count too.
  while (k > 1e-4 && Math.ceil(w * k + OVERVIEW_MARGIN * 2) * Math.ceil(h * k + OVERVIEW_MARGIN * 2) > OVERVIEW_MAX_PIXELS) k *= 0.99;
  return {
    view: { k, x: OVERVIEW_MARGIN, y: OVERVIEW_MARGIN },
    width: Math.ceil(w * k + OVERVIEW_MARGIN * 2),
    height: Math.ceil(h * k + OVERVIEW_MARGIN * 2),
    dpr: 1,
  };
}
