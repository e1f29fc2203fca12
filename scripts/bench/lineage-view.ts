// Lineage view benchmark (issue 12, item 8): the LineageGraph component in Debian Chromium over
// generated lakehouse-shaped graphs (scripts/bench/lineage-view/generate.ts). Per size: layout
// time in the Web Worker, time from render to first draw, longest task while loading, worst and
// p95 frame (requestAnimationFrame deltas) and longest task during a scripted pan and zoom
// (mouse drags and wheel steps through the real input path) beside the frames of the same page
// left idle for 2 s (what the machine allows), then whether the graph is still
// searchable (type in Find in graph, Enter selects) and clickable (a click at a node selects it).
// The direct alternative, in the same run: the same graphs laid out by elkjs's layered algorithm
// (direction RIGHT, other options default) beside ours, both in this Node process → ratio.
//
//   npx tsx scripts/bench/lineage-view.ts                       # 500, 2,000, 10,000 nodes; elkjs at 500
//   npx tsx scripts/bench/lineage-view.ts --sizes 2000 --dpr 2  # a high-DPI screen
//   npx tsx scripts/bench/lineage-view.ts --elk 500,1000        # elkjs at more sizes (1,000 takes ~15 s)
//   npx tsx scripts/bench/lineage-view.ts --screenshots /tmp/lv # PNGs of each size, light and dark
//   npx tsx scripts/bench/lineage-view.ts --sizes 500 --viewport 375x740 --dpr 2 --screenshots /tmp/lv  # a phone
//   npx tsx scripts/bench/lineage-view.ts --sizes 10000 --trace  # where the long tasks' time goes (Chrome trace)
//   npx tsx scripts/bench/lineage-view.ts --sizes 2000 --trace --trace-task-ms 16  # every task that ran over a frame
//
// The harness is bundled with esbuild (the worker as its own bundle) and styled with Tailwind
// (the component's classes), served on loopback; nothing is fetched from the network.
import { parseArgs } from "node:util";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import postcss from "postcss";
import tailwind from "@tailwindcss/postcss";
import { chromium, type Page } from "playwright-core";
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutLayered } from "../../lib/lineage/layout/layered";
import { layoutInputOf } from "../../components/lineage-graph/scene";
import { generateLineageGraph } from "./lineage-view/generate";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "500,2000,10000" },
    elk: { type: "string", default: "500" },
    dpr: { type: "string", default: "1" },
    viewport: { type: "string", default: "1280x800" },
    screenshots: { type: "string" },
    json: { type: "boolean", default: false },
    trace: { type: "boolean", default: false },
    "trace-task-ms": { type: "string", default: "50" },
  },
});
const sizes = args.sizes.split(",").map(Number).filter(Boolean);
const elkSizes = args.elk.split(",").map(Number).filter(Boolean);
const dpr = Number(args.dpr);
const traceTaskMs = Number(args["trace-task-ms"]);
const [viewportWidth, viewportHeight] = args.viewport.split("x").map(Number) as [number, number];
const root = path.resolve(import.meta.dirname, "../..");
const harnessDir = path.join(import.meta.dirname, "lineage-view");

async function bundle(): Promise<Map<string, { type: string; body: Buffer | string }>> {
  const out = await mkdtemp(path.join(tmpdir(), "lineage-view-"));
  try {
    await build({
      entryPoints: { app: path.join(harnessDir, "harness.tsx"), "layout.worker": path.join(root, "components/lineage-graph/layout.worker.ts") },
      bundle: true,
      format: "esm",
      outdir: out,
      minify: true,
      jsx: "automatic",
      target: "es2022",
      define: { "process.env.NODE_ENV": '"production"' },
      tsconfig: path.join(root, "tsconfig.json"),
      logLevel: "warning",
    });
    const css = await postcss([tailwind({ base: root }) as postcss.AcceptedPlugin]).process(
      [
        `@import "tailwindcss" source(none);`,
        `@source "${path.join(root, "components/lineage-graph")}";`,
        `@custom-variant dark (&:where(.dark, .dark *));`,
        `:root { font-family: ui-sans-serif, system-ui, sans-serif; } :root.dark { color-scheme: dark; }`,
      ].join("\n"),
      { from: path.join(harnessDir, "harness.css") },
    );
    const files = new Map<string, { type: string; body: Buffer | string }>();
    files.set("/", {
      type: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Lineage view bench</title><link rel="stylesheet" href="/app.css"></head><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`,
    });
    files.set("/app.css", { type: "text/css", body: css.css });
    files.set("/app.js", { type: "text/javascript", body: await readFile(path.join(out, "app.js")) });
    // The component asks for new URL("./layout.worker.ts", import.meta.url): serve the worker bundle there.
    files.set("/layout.worker.ts", { type: "text/javascript", body: await readFile(path.join(out, "layout.worker.js")) });
    return files;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

type Marks = { name: string; start: number; detail: unknown }[];
type Task = { start: number; duration: number };

async function measureSize(page: Page, base: string, size: number) {
  await page.goto(`${base}/?n=${size}`);
  await page.waitForFunction(() => (window.bench as { marks(): Marks }).marks().some((m) => m.name === "lineage-graph:drawn"), null, { timeout: 120_000 });
  const loading = await page.evaluate(() => {
    const bench = window.bench as { renderStart: number; generateMs: number; marks(): Marks; longTasksSince(t: number): Task[] };
    const marks = bench.marks();
    const laid = marks.find((m) => m.name === "lineage-graph:laid-out")!;
    const drawn = marks.find((m) => m.name === "lineage-graph:drawn")!;
    return {
      generateMs: bench.generateMs,
      layoutMs: (laid.detail as { ms: number }).ms,
      firstDrawMs: drawn.start - bench.renderStart,
      longestTaskMs: Math.max(0, ...bench.longTasksSince(bench.renderStart).map((t) => t.duration)),
    };
  });
  await page.waitForTimeout(300);

  // The floor this machine sets: frames of the same page for 2 s with nothing happening.
  await page.evaluate(() => (window.bench as { startFrames(): void }).startFrames());
  await page.waitForTimeout(2_000);
  const idle = (await page.evaluate(() => (window.bench as { stopFrames(): number[] }).stopFrames())).sort((a, b) => a - b);

  // Scripted pan and zoom over the canvas: full detail at the focus, then zoomed out (simplified), then back.
  const box = (await page.getByTestId("lineage-graph").boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const interactionStart = await page.evaluate(() => {
    (window.bench as { startFrames(): void }).startFrames();
    return performance.now();
  });
  const drag = async (dx: number, dy: number, steps: number) => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + dy, { steps });
    await page.mouse.up();
  };
  const wheel = async (deltaY: number, times: number) => {
    await page.mouse.move(cx, cy);
    for (let k = 0; k < times; k++) {
      await page.mouse.wheel(0, deltaY);
      await page.waitForTimeout(16);
    }
  };
  // Each phase's longest task, to tell which part of the interaction is slow.
  const phases: { phase: string; longestTaskMs: number }[] = [];
  const phase = async (name: string, run: () => Promise<void>) => {
    const from = await page.evaluate(() => performance.now());
    await run();
    await page.waitForTimeout(50);
    const tasks = await page.evaluate((start) => (window.bench as { longTasksSince(t: number): Task[] }).longTasksSince(start), from);
    phases.push({ phase: name, longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)) });
  };
  const tracing = args.trace ? page.context().browser() : null;
  if (tracing) await tracing.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink"] });
  await phase("drag at zoom 1", () => drag(-400, -150, 40));
  await phase("drag again", () => drag(300, 250, 40));
  await phase("wheel out", () => wheel(120, 14)); // to the simplified drawing
  await phase("drag zoomed out", () => drag(-350, 120, 40));
  await phase("wheel in", () => wheel(-120, 14));
  await phase("drag zoomed in", () => drag(250, -200, 40));
  await phase("fit", async () => {
    await page.keyboard.press("0"); // the whole graph at once
    await page.waitForTimeout(100);
  });
  await phase("drag fitted", () => drag(200, 100, 30));
  const trace = tracing ? summariseTrace(await tracing.stopTracing()) : null;
  const interaction = await page.evaluate((start) => {
    const bench = window.bench as { stopFrames(): number[]; longTasksSince(t: number): Task[] };
    return { frames: bench.stopFrames(), tasks: bench.longTasksSince(start) };
  }, interactionStart);
  const frames = [...interaction.frames].sort((a, b) => a - b);

  // Searchable: type a node's name, Enter jumps to it and selects it.
  const target = await page.evaluate(() => {
    const graph = (window.bench as { graph: { nodes: { id: string; name: string }[] } }).graph;
    const node = graph.nodes[Math.floor(graph.nodes.length * 0.8)]!;
    return node;
  });
  const searchStart = performance.now();
  await page.getByLabel("Find in graph").fill(target.name);
  await page.getByLabel("Find in graph").press("Enter");
  await page.waitForFunction((id) => document.querySelector('[data-testid="lineage-graph"]')?.getAttribute("data-selected") === id, target.id);
  const searchMs = performance.now() - searchStart;

  // Clickable: a node centred by focusNode, selection cleared, then a click at its centre selects it.
  const other = await page.evaluate(() => {
    const bench = window.bench as { graph: { nodes: { id: string }[] }; handle: { current: { focusNode(id: string): void } } };
    const id = bench.graph.nodes[Math.floor(bench.graph.nodes.length * 0.3)]!.id;
    bench.handle.current.focusNode(id);
    return id;
  });
  await page.getByTestId("lineage-graph").locator('[role="application"]').focus();
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.querySelector('[data-testid="lineage-graph"]')?.getAttribute("data-selected") === "");
  const clickStart = performance.now();
  await page.mouse.click(cx, cy + 5);
  await page.waitForFunction((id) => document.querySelector('[data-testid="lineage-graph"]')?.getAttribute("data-selected") === id, other, { timeout: 5_000 }).catch(() => null);
  const clicked = (await page.getByTestId("lineage-graph").getAttribute("data-selected")) === other;
  const clickMs = performance.now() - clickStart;

  const touch = await touchWorks(page, cx, cy);

  // One whole drawing of the window at a few zooms (the graph's middle), median of several.
  const zooms = [0.05, 0.2, 0.44, 0.46, 1];
  const drawMs = await page.evaluate((ks) => {
    const bench = window.bench as { drawCost(k: number): number };
    return ks.map((k) => bench.drawCost(k));
  }, zooms);

  return {
    size,
    drawByZoom: zooms.map((k, i) => ({ k, ms: drawMs[i]! })),
    edges: await page.evaluate(() => (window.bench as { graph: { edges: unknown[] } }).graph.edges.length),
    ...loading,
    idleWorstFrameMs: idle.at(-1) ?? 0,
    idleP95FrameMs: idle[Math.floor(idle.length * 0.95)] ?? 0,
    frames: frames.length,
    worstFrameMs: frames.at(-1) ?? 0,
    p95FrameMs: frames[Math.floor(frames.length * 0.95)] ?? 0,
    framesOver33: frames.filter((f) => f > 33).length,
    phases,
    trace,
    interactionLongestTaskMs: Math.max(0, ...interaction.tasks.map((t) => t.duration)),
    searchMs,
    clicked,
    clickMs,
    touch,
  };
}

/**
 * Touch through Chromium's real input path (CDP Input.dispatchTouchEvent): one finger drags the
 * view by the distance moved, two fingers spreading from 80 to 240 px apart zoom in 3×, a tap selects. Read from the canvas's
 * data-pan / data-zoom, which the component writes on every frame.
 */
async function touchWorks(page: Page, cx: number, cy: number) {
  const cdp = await page.context().newCDPSession(page);
  const read = async () => {
    const canvas = page.getByTestId("lineage-graph").locator("canvas");
    const [zoom, pan] = await Promise.all([canvas.getAttribute("data-zoom"), canvas.getAttribute("data-pan")]);
    const [x, y] = (pan ?? "0,0").split(",").map(Number) as [number, number];
    return { k: Number(zoom), x, y };
  };
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", points: { x: number; y: number }[]) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) });
  const before = await read();
  await touch("touchStart", [{ x: cx, y: cy }]);
  for (let step = 1; step <= 10; step++) await touch("touchMove", [{ x: cx - step * 12, y: cy - step * 6 }]);
  await touch("touchEnd", []);
  await page.waitForTimeout(100);
  const panned = await read();
  await touch("touchStart", [
    { x: cx - 40, y: cy },
    { x: cx + 40, y: cy },
  ]);
  for (let step = 1; step <= 10; step++) {
    await touch("touchMove", [
      { x: cx - 40 - step * 8, y: cy },
      { x: cx + 40 + step * 8, y: cy },
    ]);
  }
  await touch("touchEnd", []);
  await page.waitForTimeout(100);
  const pinched = await read();
  // A tap on a node centred by focusNode selects it (touch hit testing has a wider tolerance).
  const id = await page.evaluate(() => {
    const bench = window.bench as { graph: { nodes: { id: string }[] }; handle: { current: { focusNode(id: string): void } } };
    const node = bench.graph.nodes[Math.floor(bench.graph.nodes.length * 0.6)]!.id;
    bench.handle.current.focusNode(node);
    return node;
  });
  await page.getByTestId("lineage-graph").locator('[role="application"]').press("Escape");
  await touch("touchStart", [{ x: cx, y: cy }]);
  await touch("touchEnd", []);
  const tapped = await page
    .waitForFunction((want) => document.querySelector('[data-testid="lineage-graph"]')?.getAttribute("data-selected") === want, id, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  await cdp.detach();
  return {
    tap: tapped,
    pan: { dx: panned.x - before.x, dy: panned.y - before.y, ok: Math.abs(panned.x - before.x + 120) < 2 && Math.abs(panned.y - before.y + 60) < 2 && panned.k === before.k },
    pinch: { factor: pinched.k / panned.k, ok: Math.abs(pinched.k / panned.k - 3) < 0.05 },
  };
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } };

/**
 * The renderer main thread's long tasks (over `--trace-task-ms` of running time, 50 by default) in a Chrome trace, each with where its time
 * went: the events directly inside it (script, paint, raster, GC …), summed by name.
 */
function summariseTrace(buffer: Buffer) {
  const events = (JSON.parse(buffer.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) return { longestRunningMs: 0, runningOver33: 0, tasks: [] };
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Of every task, the main thread's own running time: what the page's code costs, whatever the
  // machine's load adds in waiting.
  const running = own.filter((e) => e.name === "RunTask").map((e) => (e.tdur ?? e.dur!) / 1000);
  const tasks = own.filter((e) => e.name === "RunTask" && (e.tdur ?? e.dur!) > traceTaskMs * 1000);
  return { longestRunningMs: Math.max(0, ...running), runningOver33: running.filter((ms) => ms > 33).length, tasks: summariseTasks(own, tasks) };
}

function summariseTasks(own: TraceEvent[], tasks: TraceEvent[]) {
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    const inside = own.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end);
    // Direct children: not inside another event of the task.
    const direct: TraceEvent[] = [];
    let reach = -1;
    for (const e of inside) {
      if (e.ts + e.dur! <= reach) continue;
      direct.push(e);
      reach = e.ts + e.dur!;
    }
    const byName = new Map<string, number>();
    for (const e of direct) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur! / 1000);
    // One level further down for the biggest child, which is usually where the answer is.
    const biggest = direct.sort((a, b) => b.dur! - a.dur!)[0];
    const below = new Map<string, number>();
    if (biggest) {
      let inner = -1;
      for (const e of inside) {
        if (e === biggest || e.ts < biggest.ts || e.ts + e.dur! > biggest.ts + biggest.dur! || e.ts + e.dur! <= inner) continue;
        below.set(e.name, (below.get(e.name) ?? 0) + e.dur! / 1000);
        inner = e.ts + e.dur!;
      }
    }
    const top = (map: Map<string, number>) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
        .join(", ");
    // tdur: the thread's own running time; the rest of the wall time the thread was waiting (other processes on the machine, or the compositor).
    return { ms: task.dur! / 1000, cpuMs: (task.tdur ?? task.dur!) / 1000, parts: top(byName), inBiggest: biggest ? `${biggest.name}: ${top(below)}` : "" };
  });
}

async function elkBeside(size: number) {
  const graph = generateLineageGraph(size);
  const input = layoutInputOf(graph);
  const oursRuns: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    layoutLayered(input);
    oursRuns.push(performance.now() - started);
  }
  const elk = new ELK();
  const started = performance.now();
  await elk.layout({
    id: "root",
    layoutOptions: { "elk.algorithm": "layered", "elk.direction": "RIGHT" },
    children: input.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: input.edges.map((edge, k) => ({ id: `e${k}`, sources: [edge.source], targets: [edge.target] })),
  });
  const elkMs = performance.now() - started;
  const ours = oursRuns.sort((a, b) => a - b)[2]!;
  return { size, oursMs: ours, elkMs, ratio: elkMs / ours };
}

async function main() {
  const files = await bundle();
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results = [];
  try {
    const context = await browser.newContext({ viewport: { width: viewportWidth, height: viewportHeight }, deviceScaleFactor: dpr });
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error("page error:", error.message));
    // Warm-up (the first load also compiles the bundle): not reported.
    await page.goto(`${base}/?n=50`);
    await page.waitForFunction(() => (window.bench as { marks(): Marks }).marks().some((m) => m.name === "lineage-graph:drawn"), null, { timeout: 60_000 });
    for (const size of sizes) {
      const result = await measureSize(page, base, size);
      results.push(result);
      if (!args.json) {
        console.log(
          `${String(size).padStart(6)} nodes ${String(result.edges).padStart(6)} edges: layout ${result.layoutMs.toFixed(0)} ms in the worker, first draw ${result.firstDrawMs.toFixed(0)} ms, ` +
            `longest task while loading ${result.longestTaskMs.toFixed(0)} ms; pan/zoom ${result.frames} frames, worst ${result.worstFrameMs.toFixed(1)} ms, p95 ${result.p95FrameMs.toFixed(1)} ms, ` +
            `${result.framesOver33} over 33 ms (idle page: worst ${result.idleWorstFrameMs.toFixed(1)}, p95 ${result.idleP95FrameMs.toFixed(1)}), longest task ${result.interactionLongestTaskMs.toFixed(0)} ms; one draw ${result.drawByZoom.map((d) => `${d.ms.toFixed(1)} ms at zoom ${d.k}`).join(", ")}; search → selected ${result.searchMs.toFixed(0)} ms; click selects: ${result.clicked ? "yes" : "NO"} (${result.clickMs.toFixed(0)} ms); ` +
            `touch: one-finger pan ${result.touch.pan.ok ? "yes" : "NO"} (${result.touch.pan.dx.toFixed(0)}, ${result.touch.pan.dy.toFixed(0)} px), pinch ×${result.touch.pinch.factor.toFixed(2)} ${result.touch.pinch.ok ? "yes" : "NO"}, a tap selects ${result.touch.tap ? "yes" : "NO"}`,
        );
      }
      if (!args.json && result.trace) {
        console.log(`        trace: the longest task ran ${result.trace.longestRunningMs.toFixed(1)} ms on the main thread; ${result.trace.runningOver33} tasks ran over 33 ms`);
        for (const task of [...result.trace.tasks].sort((a, b) => b.ms - a.ms).slice(0, 8))
          console.log(`        trace: a ${task.ms.toFixed(0)} ms task (${task.cpuMs.toFixed(0)} ms running on the main thread): ${task.parts} (ms); inside ${task.inBiggest}`);
      }
      if (!args.json) console.log(`        longest task per phase: ${result.phases.map((p) => `${p.phase} ${p.longestTaskMs.toFixed(0)} ms`).join(", ")}`);
      if (args.screenshots) {
        await mkdir(args.screenshots, { recursive: true });
        await page.screenshot({ path: path.join(args.screenshots, `lineage-${size}-light.png`) });
        await page.evaluate(() => document.documentElement.classList.add("dark"));
        await page.waitForTimeout(100);
        await page.screenshot({ path: path.join(args.screenshots, `lineage-${size}-dark.png`) });
      }
    }
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  const elkResults = [];
  for (const size of elkSizes) {
    const result = await elkBeside(size);
    elkResults.push(result);
    if (!args.json) {
      console.log(
        `elkjs layered vs ours, ${size} nodes (Node, same graph): elkjs ${result.elkMs.toFixed(0)} ms, ours ${result.oursMs.toFixed(1)} ms → ${result.ratio.toFixed(0)}× faster`,
      );
    }
  }
  if (args.json) console.log(JSON.stringify({ dpr, results, elk: elkResults }, null, 2));
}

await main();
