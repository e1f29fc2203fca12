// The component's drawing loop. Drawing the graph is rasterising it: in Chromium's software
// canvas the recorded paths are played back in the frame's commit, and a zoomed-out view of
// 10,000 nodes and 18,000 edges took 0.2–0.6 s there in one task (Chrome trace, scripts/bench/
// lineage-view.ts --trace). So the graph is drawn into an offscreen picture in slices of a few
// milliseconds each (each slice flushed, so its rasterising happens inside the slice), and every
// frame shows the latest finished picture moved and scaled to the current view, a whole-graph
// overview under it where it does not reach, and hover, focus and selection over it:
//  - a frame costs at most its slice budget plus copying two bitmaps, whatever the graph's size;
//  - a pan keeps the previous picture shifted and draws only the exposed strips;
//  - a picture is only shown while its content (scene, highlight, theme, expansion) is current:
//    a change drops it at once, and an empty background shows until the new one is drawn.
// Hit testing never reads pixels (scene.ts), so it is exact whatever picture is shown.
import {
  drawBackground,
  drawEdgeList,
  drawNodeList,
  drawOverlays,
  edgesInRect,
  levelOfDetail,
  measureTexts,
  setWorldTransform,
  textsMeasured,
  worldRect,
  type DrawState,
} from "./draw";
import { CostModel, costKey, exposedStrips, uncoveredRects, overviewTarget, sameContent, sameTarget, type Content, type Strip, type Target } from "./render-plan";
import { nodesInRect, type Scene } from "./scene";

export type Surface = {
  canvas: CanvasImageSource & { width: number; height: number };
  ctx: CanvasRenderingContext2D;
  /** Makes the browser rasterise what was drawn so far (so its cost lands in this slice). */
  flush(): void;
};

export type RendererOptions = {
  createSurface(width: number, height: number): Surface;
  now(): number;
  /** Drawing time per frame, in milliseconds. */
  budgetMs?: number;
};

export type FrameInput = DrawState & { scene: Scene; expanded: unknown };
export type FrameResult = {
  /** More frames are needed: a picture is still being drawn. */
  more: boolean;
  /** The frame showed a finished picture drawn exactly for this view. */
  exact: boolean;
};

type Step = { kind: "copy"; from: Picture; dx: number; dy: number } | { kind: "edges" | "nodes"; list: number[]; at: number; clip: Strip | null };
type Picture = { content: Content; target: Target; surface: Surface };
/** `scale`: the view's zoom, or the overview; the cost models are per scale (costKey). */
type Job = { picture: Picture; steps: Step[]; state: DrawState; scale: "overview" | number };

export const DEFAULT_BUDGET_MS = 8;

export class LineageRenderer {
  private picture: Picture | null = null;
  private job: Job | null = null;
  private overview: Picture | null = null;
  private overviewJob: Job | null = null;
  /** Two viewport-sized surfaces: one shown, one being drawn. */
  private spare: Surface | null = null;
  private readonly costs = new Map<string, CostModel>();
  private readonly budget: number;

  constructor(private readonly options: RendererOptions) {
    this.budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** Draws one frame on `ctx` (sized input.width × input.height at input.dpr). */
  frame(ctx: CanvasRenderingContext2D, input: FrameInput): FrameResult {
    const content: Content = { scene: input.scene, dark: input.dark, nodeLit: input.nodeLit, edgeLit: input.edgeLit, expanded: input.expanded };
    const target: Target = { view: { ...input.view }, width: input.width, height: input.height, dpr: input.dpr };
    // Never show or finish a picture of other content.
    if (this.picture && !sameContent(this.picture.content, content)) {
      this.release(this.picture);
      this.picture = null;
    }
    if (this.job && !sameContent(this.job.picture.content, content)) {
      this.release(this.job.picture);
      this.job = null;
    }
    if (this.overview && !sameContent(this.overview.content, content)) this.overview = null;
    if (this.overviewJob && !sameContent(this.overviewJob.picture.content, content)) this.overviewJob = null;

    const started = this.options.now();
    const deadline = started + this.budget;
    // A slice always draws a few items, so one begun in the budget's last sliver would overrun it.
    const lastStart = deadline - this.budget / 4;
    const mayStart = () => this.options.now() < lastStart;
    if (!this.job && !(this.picture && sameTarget(this.picture.target, target))) this.job = this.startJob(content, target, input);
    while (this.job && mayStart()) {
      if (this.runStep(this.job, deadline)) {
        const done = this.job.picture;
        this.job = null;
        if (this.picture) this.release(this.picture);
        this.picture = done;
        // The view moved on while it was drawn: start the next one at once.
        if (!sameTarget(done.target, target)) this.job = this.startJob(content, target, input);
      }
    }
    if (!this.job && !this.overview) {
      this.overviewJob ??= this.startOverview(content, input);
      while (this.overviewJob && mayStart()) {
        if (this.runStep(this.overviewJob, deadline)) {
          this.overview = this.overviewJob.picture;
          this.overviewJob = null;
        }
      }
    }
    this.composite(ctx, input, target);
    const exact = this.picture !== null && sameTarget(this.picture.target, target);
    return { more: this.job !== null || this.overviewJob !== null || !exact, exact };
  }

  /** Whether a finished picture of this content exists (for tests and the "drawn" mark). */
  hasPicture(): boolean {
    return this.picture !== null;
  }

  private cost(drawing: "edges" | "nodes", simple: boolean, scale: Job["scale"]): CostModel {
    const key = costKey(drawing, simple, scale);
    const kind = `${drawing}${simple ? "-simple" : ""}`;
    let model = this.costs.get(key);
    if (!model) {
      // Conservative first guesses (software rendering on a loaded machine); learnt after one slice.
      // A card's first drawing also measures its text, hence the high guess for "nodes".
      const initial = kind === "edges-simple" ? 0.02 : kind === "edges" ? 0.05 : kind === "nodes-simple" ? 0.02 : 1;
      const [min, max] = kind.startsWith("edges") ? [64, 20_000] : [8, 5_000];
      this.costs.set(key, (model = new CostModel(initial, min, max)));
    }
    return model;
  }

  private surfaceFor(target: Target): Surface {
    const w = Math.max(1, Math.round(target.width * target.dpr));
    const h = Math.max(1, Math.round(target.height * target.dpr));
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.canvas.width === w && spare.canvas.height === h) return spare;
    return this.options.createSurface(w, h);
  }

  private release(picture: Picture) {
    this.spare = picture.surface;
  }

  private startJob(content: Content, target: Target, input: FrameInput): Job {
    const surface = this.surfaceFor(target);
    const picture: Picture = { content, target, surface };
    const state: DrawState = { ...input, view: target.view, width: target.width, height: target.height, dpr: target.dpr, hover: -1, focus: -1, selected: -1 };
    const previous = this.picture;
    const strips = previous && previous.surface !== surface ? exposedStrips(previous.target, target) : null;
    const steps: Step[] = [];
    if (previous && strips) {
      steps.push({ kind: "copy", from: previous, dx: target.view.x - previous.target.view.x, dy: target.view.y - previous.target.view.y });
      for (const strip of strips) steps.push(...this.stepsFor(content.scene, state, strip));
    } else {
      steps.push(...this.stepsFor(content.scene, state, null));
    }
    return { picture, steps, state, scale: target.view.k };
  }

  private startOverview(content: Content, input: FrameInput): Job {
    const target = overviewTarget(content.scene.width, content.scene.height);
    const surface = this.options.createSurface(target.width, target.height);
    const state: DrawState = { ...input, view: target.view, width: target.width, height: target.height, dpr: 1, hover: -1, focus: -1, selected: -1 };
    return { picture: { content, target, surface }, steps: this.stepsFor(content.scene, state, null), state, scale: "overview" };
  }

  /** Background, then the edges, then the nodes that meet the strip (the whole surface when null). */
  private stepsFor(scene: Scene, state: DrawState, clip: Strip | null): Step[] {
    const area = clip ?? { x: 0, y: 0, width: state.width, height: state.height };
    const box = worldRect(state.view, state.width, state.height);
    const k = state.view.k;
    const world = {
      left: box.left + area.x / k,
      top: box.top + area.y / k,
      right: box.left + (area.x + area.width) / k,
      bottom: box.top + (area.y + area.height) / k,
    };
    return [
      { kind: "edges", list: edgesInRect(scene, world), at: 0, clip: area },
      { kind: "nodes", list: nodesInRect(scene, world.left, world.top, world.right, world.bottom), at: 0, clip: area },
    ];
  }

  /** Runs the job's next slice; true when the job is finished. */
  private runStep(job: Job, deadline: number): boolean {
    const step = job.steps[0];
    if (!step) return true;
    const { ctx } = job.picture.surface;
    const state = job.state;
    const started = this.options.now();
    if (step.kind === "copy") {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = state.palette.background;
      ctx.fillRect(0, 0, job.picture.surface.canvas.width, job.picture.surface.canvas.height);
      ctx.drawImage(step.from.surface.canvas, Math.round(step.dx * state.dpr), Math.round(step.dy * state.dpr));
      job.picture.surface.flush();
      job.steps.shift();
      return job.steps.length === 0;
    }
    const simple = levelOfDetail(state.view.k).simple;
    const model = this.cost(step.kind, simple, job.scale);
    const count = model.count(Math.max(0, deadline - started));
    let end = Math.min(step.list.length, step.at + count);
    if (step.kind === "nodes" && !simple) {
      // Cards seen for the first time have their texts measured first, one at a time against the
      // deadline, so a view full of new names cannot overrun the slice (the cost model only
      // knows the average card).
      const scene = job.picture.content.scene;
      let ready = step.at;
      while (ready < end) {
        const i = step.list[ready]!;
        if (!textsMeasured(scene, i)) {
          if (ready > step.at && this.options.now() >= deadline) break;
          measureTexts(ctx, scene, i);
        }
        ready++;
      }
      end = ready;
    }
    const slice = step.list.slice(step.at, end);
    ctx.save();
    if (step.clip) {
      ctx.setTransform(state.dpr, 0, 0, state.dpr, 0, 0);
      if (step.at === 0 && step.kind === "edges") {
        ctx.fillStyle = state.palette.background;
        ctx.fillRect(step.clip.x, step.clip.y, step.clip.width, step.clip.height);
      }
      ctx.beginPath();
      ctx.rect(step.clip.x, step.clip.y, step.clip.width, step.clip.height);
      ctx.clip();
    }
    if (step.at === 0 && step.kind === "edges" && step.clip === null) drawBackground(ctx, state);
    setWorldTransform(ctx, state);
    if (step.kind === "edges") drawEdgeList(ctx, job.picture.content.scene, state, slice);
    else drawNodeList(ctx, job.picture.content.scene, state, slice);
    ctx.restore();
    job.picture.surface.flush();
    model.learn(slice.length, this.options.now() - started);
    step.at += slice.length;
    if (step.at >= step.list.length) job.steps.shift();
    return job.steps.length === 0;
  }

  /** The frame: background, overview, latest picture (moved and scaled to the view), overlays. */
  private composite(ctx: CanvasRenderingContext2D, input: FrameInput, target: Target) {
    drawBackground(ctx, input);
    const place = (picture: Picture) => {
      const { view, width, height } = picture.target;
      ctx.drawImage(picture.surface.canvas, -view.x / view.k, -view.y / view.k, width / view.k, height / view.k);
    };
    const picture = this.picture;
    if (picture && sameTarget(picture.target, target)) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(picture.surface.canvas, 0, 0);
    } else {
      // The overview only where the picture does not reach (the strips a pan uncovers, the
      // border zooming out leaves): its scaled copy costs in proportion to the pixels it fills.
      const uncovered = picture ? uncoveredRects(picture.target, target) : [{ x: 0, y: 0, width: target.width, height: target.height }];
      if (this.overview && uncovered.length > 0) {
        ctx.save();
        ctx.setTransform(input.dpr, 0, 0, input.dpr, 0, 0);
        ctx.beginPath();
        for (const r of uncovered) ctx.rect(r.x, r.y, r.width, r.height);
        ctx.clip();
        setWorldTransform(ctx, input);
        place(this.overview);
        ctx.restore();
      }
      setWorldTransform(ctx, input);
      if (picture) place(picture);
    }
    setWorldTransform(ctx, input);
    drawOverlays(ctx, input.scene, input);
  }
}

/** A surface in the browser: an OffscreenCanvas where there is one, else a detached canvas. */
export function browserSurface(width: number, height: number): Surface {
  const canvas: OffscreenCanvas | HTMLCanvasElement =
    typeof OffscreenCanvas !== "undefined" ? new OffscreenCanvas(width, height) : Object.assign(document.createElement("canvas"), { width, height });
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D | null;
  if (!ctx) throw new Error("This browser cannot draw on a canvas.");
  return { canvas, ctx, flush: () => void ctx.getImageData(0, 0, 1, 1) };
}
