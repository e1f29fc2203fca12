// The sliced renderer against a recording canvas and a clock that advances with what is drawn:
// frames stay within their budget at 10,000 nodes, a cached picture is never shown once its
// highlight, theme, expansion or scene changed, overlays need no new picture, a pan draws strips.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { layoutLayered } from "@/lib/lineage/layout/layered";
import { generateLineageGraph } from "@/scripts/bench/lineage-view/generate";
import { DEFAULT_BUDGET_MS, LineageRenderer, type FrameInput, type Surface } from "./renderer";
import { LIGHT, DARK } from "./palette";
import { buildScene, layoutInputOf, type Scene } from "./scene";

type Call = { op: string; args: unknown[] };

/** Simulated drawing cost: each path segment or shape costs this much when the surface is flushed. */
const MS_PER_OP = 0.004;
let clock = 0;
let pendingOps = 0;
/** Simulated cost of one text measurement (0: free). */
let measureMs = 0;

class FakePath2D {
  constructor() {
    return new Proxy(this, {
      get: (target, key) => (key in target ? (target as Record<string | symbol, unknown>)[key] : () => void pendingOps++),
    });
  }
}

function fakeContext(log: Call[]): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { font: "10px test", globalAlpha: 1 };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      if (key === "measureText")
        return (text: string) => {
          clock += measureMs;
          return { width: Array.from(text).length * 6 };
        };
      return (...args: unknown[]) => {
        pendingOps++;
        log.push({ op: String(key), args });
      };
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

type FakeSurface = Surface & { id: number; log: Call[] };
/** Rasterising cost per op on surfaces other than the 1280 × 800 view (the overview's are tiny). */
let offViewCost = 1;
let surfaces: FakeSurface[] = [];
function createSurface(width: number, height: number): FakeSurface {
  const log: Call[] = [];
  const surface: FakeSurface = {
    id: surfaces.length,
    log,
    canvas: { width, height } as unknown as Surface["canvas"],
    ctx: fakeContext(log),
    flush() {
      clock += pendingOps * MS_PER_OP * (width === 1280 && height === 800 ? 1 : offViewCost) + 0.05;
      pendingOps = 0;
    },
  };
  surfaces.push(surface);
  return surface;
}

const realPath2D = (globalThis as { Path2D?: unknown }).Path2D;
beforeAll(() => {
  (globalThis as { Path2D?: unknown }).Path2D = FakePath2D;
});
afterAll(() => {
  (globalThis as { Path2D?: unknown }).Path2D = realPath2D;
});
beforeEach(() => {
  clock = 0;
  pendingOps = 0;
  measureMs = 0;
  offViewCost = 1;
  surfaces = [];
});

const sceneOf = (size: number): Scene => {
  const graph = generateLineageGraph(size);
  return buildScene(graph, layoutLayered(layoutInputOf(graph)));
};
const big = sceneOf(10_000);
const small = sceneOf(200);

/** The whole graph in a 1280 × 800 window (its middle when it is too tall). */
const fitted = (scene: Scene) => {
  const k = Math.max(0.03, Math.min(1280 / scene.width, 800 / scene.height));
  return { k, x: (1280 - scene.width * k) / 2, y: (800 - scene.height * k) / 2 };
};

function input(scene: Scene, extra: Partial<FrameInput> = {}): FrameInput {
  return {
    scene,
    expanded: null,
    palette: LIGHT,
    dark: false,
    width: 1280,
    height: 800,
    dpr: 1,
    view: fitted(scene),
    focus: -1,
    selected: -1,
    hover: -1,
    nodeLit: null,
    edgeLit: null,
    isExpanded: () => false,
    ...extra,
  };
}

function mainCanvas() {
  const log: Call[] = [];
  return { log, ctx: fakeContext(log) };
}

/** Runs frames until the renderer has nothing more to do; returns each frame's duration. */
function settle(renderer: LineageRenderer, ctx: CanvasRenderingContext2D, frame: FrameInput, limit = 500): number[] {
  const durations: number[] = [];
  for (let n = 0; n < limit; n++) {
    const start = clock;
    const result = renderer.frame(ctx, frame);
    durations.push(clock - start);
    if (!result.more) {
      expect(result.exact).toBe(true);
      return durations;
    }
  }
  throw new Error("the renderer never finished");
}

/** Surfaces whose canvas the main canvas drew in the calls given. */
const shown = (calls: Call[]) => surfaces.filter((s) => calls.some((c) => c.op === "drawImage" && c.args[0] === s.canvas)).map((s) => s.id);

describe("LineageRenderer", () => {
  it("draws a zoomed-out 10,000-node graph over several frames, none over its budget by more than one slice", () => {
    const renderer = new LineageRenderer({ createSurface, now: () => clock });
    const { ctx } = mainCanvas();
    const durations = settle(renderer, ctx, input(big));
    // All of it at once would cost far more than a frame: it is spread over frames.
    const total = durations.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(DEFAULT_BUDGET_MS * 3);
    expect(durations.length).toBeGreaterThan(3);
    // A slice is sized from the measured cost, so a frame ends within about one slice of its budget.
    expect(Math.max(...durations)).toBeLessThan(DEFAULT_BUDGET_MS * 2);
    expect(renderer.hasPicture()).toBe(true);
  });

  it("plans each scale's slices from that scale's costs: a cheap overview does not make the view's next slice overrun", () => {
    const renderer = new LineageRenderer({ createSurface, now: () => clock });
    const { ctx } = mainCanvas();
    // The whole-graph overview rasterises at a twentieth of the view's cost per item, and is drawn
    // after the first picture: a shared estimate would end up at the overview's price.
    offViewCost = 0.05;
    const first = fitted(big);
    settle(renderer, ctx, input(big, { view: first }));
    // Wheeling out one step further: a new picture at a new scale.
    const durations = settle(renderer, ctx, input(big, { view: { ...first, k: first.k * 1.6 } }));
    expect(durations.length).toBeGreaterThan(1);
    expect(Math.max(...durations)).toBeLessThan(DEFAULT_BUDGET_MS * 1.5);
  });

  it("measures new cards' texts against the deadline: a view full of unmeasured names does not overrun a frame", () => {
    const renderer = new LineageRenderer({ createSurface, now: () => clock });
    const { ctx } = mainCanvas();
    const scene = sceneOf(2_000); // its own scene: no texts measured yet
    const at = (i: number) => ({ k: 1, x: 640 - scene.x[i]!, y: 400 - scene.y[i]! });
    // Cards whose texts cost nothing to measure: the renderer learns that cards are cheap …
    settle(renderer, ctx, input(scene, { view: at(Math.floor(scene.graph.nodes.length / 2)) }));
    // … then a far part of the graph, where every name is new and measuring costs 0.5 ms a string.
    measureMs = 0.5;
    const durations = settle(renderer, ctx, input(scene, { view: at(5) }));
    expect(durations.length).toBeGreaterThan(1);
    // The budget plus at most one card's measuring and one slice of drawing.
    expect(Math.max(...durations)).toBeLessThan(DEFAULT_BUDGET_MS + 5);
  });

  it("never shows a picture of an old highlight, theme, expansion or scene, not even for one frame", () => {
    const renderer = new LineageRenderer({ createSurface, now: () => clock });
    const main = mainCanvas();
    let frame = input(big);
    settle(renderer, main.ctx, frame);
    expect(shown(main.log.slice(-5)).length).toBeGreaterThan(0);

    const changes: Partial<FrameInput>[] = [
      { nodeLit: new Uint8Array(big.graph.nodes.length).fill(1) }, // a path highlighted: the rest dimmed
      { edgeLit: new Uint8Array(big.graph.edges.length) },
      { nodeLit: new Uint8Array(big.graph.nodes.length) }, // another highlight of the same size
      { dark: true, palette: DARK },
      { expanded: new Set(["downstream|x"]) },
      { scene: sceneOf(10_001) }, // one node more
    ];
    for (const change of changes) {
      frame = { ...frame, ...change };
      const drawnBefore = new Map(surfaces.map((s) => [s.id, s.log.length]));
      const from = main.log.length;
      const result = renderer.frame(main.ctx, frame);
      // The new picture takes more than one frame at this size, and no earlier one stands in for it.
      expect(result).toEqual({ more: true, exact: false });
      for (const id of shown(main.log.slice(from))) expect(surfaces[id]!.log.length, `surface ${id} shown without being drawn again`).toBeGreaterThan(drawnBefore.get(id) ?? 0);
      expect(shown(main.log.slice(from))).toEqual([]);
      settle(renderer, main.ctx, frame);
    }
  });

  it("redraws no picture for hover, focus or selection: they are drawn over it", () => {
    const renderer = new LineageRenderer({ createSurface, now: () => clock });
    const main = mainCanvas();
    const base = input(small, { view: { k: 1, x: 0, y: 0 } });
    settle(renderer, main.ctx, base);
    const calls = surfaces.map((s) => s.log.length);
    const result = renderer.frame(main.ctx, { ...base, hover: 3, selected: 5, focus: 1 });
    expect(result).toEqual({ more: false, exact: true });
    expect(surfaces.map((s) => s.log.length)).toEqual(calls);
  });

  it("after a pan, copies the previous picture shifted and draws only the exposed strip", () => {
    const renderer = new LineageRenderer({ createSurface, now: () => clock });
    const main = mainCanvas();
    const base = input(small, { view: { k: 1, x: 0, y: 0 } });
    settle(renderer, main.ctx, base);
    const calls = new Map(surfaces.map((s) => [s.id, s.log.length]));
    settle(renderer, main.ctx, { ...base, view: { k: 1, x: 30, y: 0 } });
    const drawnOn = surfaces.filter((s) => s.log.length > (calls.get(s.id) ?? 0));
    expect(drawnOn).toHaveLength(1);
    const fresh = drawnOn[0]!.log.slice(calls.get(drawnOn[0]!.id) ?? 0);
    const copy = fresh.find((c) => c.op === "drawImage")!;
    expect(copy.args.slice(1)).toEqual([30, 0]);
    const clips = fresh.filter((c) => c.op === "rect").map((c) => c.args);
    expect(clips.length).toBeGreaterThan(0);
    for (const clip of clips) expect(clip).toEqual([0, 0, 30, 800]);
  });
});
