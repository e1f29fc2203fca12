// The benchmark's page: renders LineageGraph full-window over a generated graph and records
// frames (requestAnimationFrame deltas) and long tasks for scripts/bench/lineage-view.ts.
import { createRef } from "react";
import { createRoot } from "react-dom/client";
import { LineageGraph, type LineageGraphHandle } from "@/components/lineage-graph/lineage-graph";
import { drawScene } from "@/components/lineage-graph/draw";
import { LIGHT } from "@/components/lineage-graph/palette";
import { buildScene, layoutInputOf } from "@/components/lineage-graph/scene";
import { layoutLayered } from "@/lib/lineage/layout/layered";
import { generateLineageGraph } from "./generate";

const params = new URLSearchParams(location.search);
const size = Number(params.get("n") ?? "500");
if (params.get("theme") === "dark") document.documentElement.classList.add("dark");

const generatedStart = performance.now();
const graph = generateLineageGraph(size);
const generateMs = performance.now() - generatedStart;

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: "longtask", buffered: true });

let recording: number[] | null = null;
let last = 0;
const tick = (now: number) => {
  if (recording && last) recording.push(now - last);
  last = now;
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);

let sceneForCost: ReturnType<typeof buildScene> | null = null;
const handle = createRef<LineageGraphHandle>();
const middle = graph.nodes[Math.floor(graph.nodes.length / 2)]!.id;
const renderStart = performance.now();
createRoot(document.getElementById("root")!).render(
  <div style={{ position: "fixed", inset: 0, display: "flex" }}>
    <LineageGraph ref={handle} graph={graph} focusId={params.get("focus") === "none" ? null : middle} className="flex-1 rounded-none" />
  </div>,
);

declare global {
  interface Window {
    bench: unknown;
  }
}

window.bench = {
  size,
  generateMs,
  renderStart,
  graph,
  handle,
  startFrames() {
    recording = [];
    last = 0;
  },
  stopFrames() {
    const frames = recording ?? [];
    recording = null;
    return frames;
  },
  longTasksSince(start: number) {
    return longTasks.filter((task) => task.start >= start);
  },
  /** Median time of one full drawing of the graph on a canvas of the window's size, at zoom k, centred. */
  drawCost(k: number, repeat = 9) {
    const scene = (sceneForCost ??= buildScene(graph, layoutLayered(layoutInputOf(graph))));
    const canvas = document.createElement("canvas");
    const dpr = window.devicePixelRatio || 1;
    canvas.width = innerWidth * dpr;
    canvas.height = innerHeight * dpr;
    const ctx = canvas.getContext("2d")!;
    const view = { k, x: innerWidth / 2 - (scene.width / 2) * k, y: innerHeight / 2 - (scene.height / 2) * k };
    const times: number[] = [];
    for (let r = 0; r < repeat; r++) {
      const started = performance.now();
      drawScene(ctx, scene, {
        palette: LIGHT,
        dark: false,
        width: innerWidth,
        height: innerHeight,
        dpr,
        view,
        focus: -1,
        selected: -1,
        hover: -1,
        nodeLit: null,
        edgeLit: null,
        isExpanded: () => false,
      });
      ctx.getImageData(0, 0, 1, 1); // wait for the drawing to be done, not only queued
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(repeat / 2)]!;
  },
  marks() {
    return performance.getEntriesByType("mark").map((mark) => ({ name: mark.name, start: mark.startTime, detail: (mark as PerformanceMark).detail as unknown }));
  },
};
