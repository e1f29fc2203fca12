"use client";
// The lineage graph: laid out in a Web Worker (lib/lineage/layout), drawn on a canvas (draw.ts),
// with pan and zoom (drag, wheel, pinch, keys), keyboard moves between neighbours, a search box,
// a legend, PNG and SVG export, and an accessible list of the nodes (canvas content is invisible
// to screen readers). Load it with next/dynamic({ ssr: false }): it needs the browser.
import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { LineageHighlight, LineageSide, LineageViewGraph } from "@/lib/lineage/graph-view";
import { cx } from "@/components/lib/cx";
import { drawScene, type DrawState, type View } from "./draw";
import { browserSurface, LineageRenderer } from "./renderer";
import { requestLayout } from "./layout-client";
import { Legend } from "./legend";
import { DARK, LIGHT } from "./palette";
import { buildScene, describeNode, hitTest, layoutInputOf, neighbourFor, type Move, type Scene } from "./scene";
import { saveBlob } from "@/components/lib/save-blob";
import { sceneToSvg } from "./svg";
import { Toolbar } from "./toolbar";

export type LineageGraphHandle = {
  /** The whole graph (not only the viewport), at device pixel ratio (less when it would exceed the canvas limits). */
  exportPng(): Promise<Blob>;
  /** A standalone SVG document of the whole graph. */
  exportSvg(): string;
  /** Pan/zoom to the node and select it. */
  focusNode(id: string): void;
  fit(): void;
};

export type LineageGraphProps = {
  graph: LineageViewGraph;
  /** Drawn emphasised; centred on first layout. */
  focusId?: string | null;
  /** Controlled selection. */
  selectedId?: string | null;
  /** Click / keyboard; null on Esc or background click. */
  onSelect?(id: string | null): void;
  /** Enter or double click. */
  onOpen?(id: string): void;
  /** Clicking a node's "+N" hidden-count badge. */
  onExpand?(id: string, side: LineageSide): void;
  /** Clicking the badge of an expanded side. */
  onCollapse?(id: string, side: LineageSide): void;
  /** Which sides the page has expanded (their badge shows "−"). */
  expanded?: { id: string; side: LineageSide }[];
  /** Path / column highlight: others are dimmed. */
  highlight?: LineageHighlight;
  className?: string;
  "aria-label"?: string;
};

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 4;
const FIT_MARGIN = 24;
/** The accessible node list holds this many; beyond, the search box finds the rest. */
const LISTED_NODES = 500;
/** Chromium's canvas limits: a side of 32,767 px and ~268 M pixels; stay well inside. */
const EXPORT_MAX_SIDE = 16_384;
const EXPORT_MAX_PIXELS = 120_000_000;
const EXPORT_MARGIN = 32;

function subscribeDark(notify: () => void): () => void {
  const observer = new MutationObserver(notify);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const readDark = () => document.documentElement.classList.contains("dark");

type Laid = { graph: LineageViewGraph; scene: Scene; ms: number };

export const LineageGraph = forwardRef<LineageGraphHandle, LineageGraphProps>(function LineageGraph(props, ref) {
  const { graph } = props;
  const [laid, setLaid] = useState<Laid | null>(null);
  const [failure, setFailure] = useState<{ graph: LineageViewGraph; message: string } | null>(null);
  const [innerSelected, setInnerSelected] = useState<string | null>(null);
  const [legendOpen, setLegendOpen] = useState(false);
  const dark = useSyncExternalStore(subscribeDark, readDark, () => false);
  const keysId = useId();

  const scene = laid?.scene ?? null;
  const pending = laid?.graph !== graph && failure?.graph !== graph;
  const selectedId = props.selectedId !== undefined ? props.selectedId : innerSelected;
  const selected = scene && selectedId ? (scene.indexOf.get(selectedId) ?? -1) : -1;
  const focus = scene && props.focusId ? (scene.indexOf.get(props.focusId) ?? -1) : -1;

  useEffect(() => {
    let cancelled = false;
    requestLayout(layoutInputOf(graph)).then(
      (result) => {
        if (cancelled) return;
        setLaid({ graph, scene: buildScene(graph, result.layout), ms: result.ms });
        performance.mark("lineage-graph:laid-out", { detail: { nodes: graph.nodes.length, ms: result.ms, cached: result.cached } });
      },
      (error: unknown) => {
        if (!cancelled) setFailure({ graph, message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [graph]);

  const expandedKeys = useMemo(() => new Set((props.expanded ?? []).map((e) => `${e.side}|${e.id}`)), [props.expanded]);
  const lit = useMemo(() => {
    if (!scene || !props.highlight) return { nodes: null, edges: null };
    const nodes = new Uint8Array(scene.graph.nodes.length);
    const edges = new Uint8Array(scene.graph.edges.length);
    for (const id of props.highlight.nodeIds) {
      const i = scene.indexOf.get(id);
      if (i !== undefined) nodes[i] = 1;
    }
    const edgeIds = new Set(props.highlight.edgeIds);
    scene.graph.edges.forEach((edge, e) => {
      if (edgeIds.has(edge.id)) edges[e] = 1;
    });
    return { nodes, edges };
  }, [scene, props.highlight]);

  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<View>({ x: 0, y: 0, k: 1 });
  const sizeRef = useRef({ width: 0, height: 0, dpr: 1 });
  const hoverRef = useRef(-1);
  const frameRef = useRef(0);
  const shownSceneRef = useRef<Scene | null>(null);
  const innerSelectedRef = useRef<string | null>(null);
  useLayoutEffect(() => {
    innerSelectedRef.current = innerSelected;
  }, [innerSelected]);
  const drawnSceneRef = useRef<Scene | null>(null);
  const rendererRef = useRef<LineageRenderer | null>(null);
  // What the event handlers and the drawing read: the latest props and derived values.
  const latest = useRef({ props, scene, selected, focus, dark, lit, expandedKeys });
  useLayoutEffect(() => {
    latest.current = { props, scene, selected, focus, dark, lit, expandedKeys };
  });

  const isExpanded = useCallback((i: number, side: LineageSide) => {
    const { scene: current, expandedKeys: keys } = latest.current;
    return current !== null && keys.has(`${side}|${current.graph.nodes[i]!.id}`);
  }, []);

  const drawNow = useCallback(() => {
    frameRef.current = 0;
    const canvas = canvasRef.current;
    const current = latest.current;
    const { width, height, dpr } = sizeRef.current;
    if (!canvas || width === 0 || height === 0) return;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const palette = current.dark ? DARK : LIGHT;
    if (!current.scene) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = palette.background;
      ctx.fillRect(0, 0, width, height);
      return;
    }
    const state: DrawState = {
      palette,
      dark: current.dark,
      width,
      height,
      dpr,
      view: viewRef.current,
      focus: current.focus,
      selected: current.selected,
      hover: hoverRef.current,
      nodeLit: current.lit.nodes,
      edgeLit: current.lit.edges,
      isExpanded,
    };
    // Sliced drawing (renderer.ts): a frame draws for a few milliseconds and shows the latest
    // finished picture; while one is still being drawn, ask for the next frame.
    const renderer = (rendererRef.current ??= new LineageRenderer({ createSurface: browserSurface, now: () => performance.now() }));
    const result = renderer.frame(ctx, { ...state, scene: current.scene, expanded: current.expandedKeys });
    canvas.dataset.zoom = String(viewRef.current.k);
    canvas.dataset.pan = `${viewRef.current.x},${viewRef.current.y}`;
    if (result.more && frameRef.current === 0) frameRef.current = requestAnimationFrame(drawNowRef.current);
    if (result.exact && drawnSceneRef.current !== current.scene) {
      drawnSceneRef.current = current.scene;
      performance.mark("lineage-graph:drawn", { detail: { nodes: current.scene.graph.nodes.length } });
    }
  }, [isExpanded]);

  const drawNowRef = useRef(drawNow);
  useLayoutEffect(() => {
    drawNowRef.current = drawNow;
  }, [drawNow]);
  const requestDraw = useCallback(() => {
    if (frameRef.current === 0) frameRef.current = requestAnimationFrame(drawNow);
  }, [drawNow]);
  useEffect(() => () => cancelAnimationFrame(frameRef.current), []);

  // Any change of what is drawn (selection, highlight, theme, expansion, a new scene) redraws.
  useLayoutEffect(() => requestDraw(), [requestDraw, scene, selected, focus, dark, lit, expandedKeys]);

  const fitView = useCallback(() => {
    const current = latest.current.scene;
    const { width, height } = sizeRef.current;
    if (!current || width === 0 || height === 0) return;
    const k = clamp(Math.min((width - FIT_MARGIN * 2) / Math.max(current.width, 1), (height - FIT_MARGIN * 2 - 40) / Math.max(current.height, 1), 1.25), MIN_ZOOM, MAX_ZOOM);
    viewRef.current = { k, x: (width - current.width * k) / 2, y: 40 + (height - 40 - current.height * k) / 2 };
    requestDraw();
  }, [requestDraw]);

  const centreOn = useCallback(
    (i: number, k = viewRef.current.k) => {
      const current = latest.current.scene;
      const { width, height } = sizeRef.current;
      if (!current) return;
      viewRef.current = { k, x: width / 2 - (current.x[i]! + current.w[i]! / 2) * k, y: height / 2 - (current.y[i]! + current.h[i]! / 2) * k };
      requestDraw();
    },
    [requestDraw],
  );

  /** Pans just enough that the node is on screen (keyboard moves). */
  const revealNode = useCallback(
    (i: number) => {
      const current = latest.current.scene;
      const { width, height } = sizeRef.current;
      if (!current) return;
      const { x, y, k } = viewRef.current;
      const left = current.x[i]! * k + x;
      const top = current.y[i]! * k + y;
      const right = left + current.w[i]! * k;
      const bottom = top + current.h[i]! * k;
      if (left >= 8 && top >= 48 && right <= width - 8 && bottom <= height - 8) return;
      centreOn(i, Math.max(k, 0.6));
    },
    [centreOn],
  );

  // A new scene: the first is centred on the focus (or fitted); later ones keep the node the user
  // was looking at (selection, else focus) where it was on screen, so expanding does not jump.
  useLayoutEffect(() => {
    if (!scene) return;
    const previous = shownSceneRef.current;
    shownSceneRef.current = scene;
    const anchorId = latest.current.props.selectedId ?? innerSelectedRef.current ?? latest.current.props.focusId ?? null;
    if (previous && anchorId) {
      const before = previous.indexOf.get(anchorId);
      const after = scene.indexOf.get(anchorId);
      if (before !== undefined && after !== undefined) {
        const { x, y, k } = viewRef.current;
        viewRef.current = { k, x: x + (previous.x[before]! - scene.x[after]!) * k, y: y + (previous.y[before]! - scene.y[after]!) * k };
        requestDraw();
        return;
      }
    }
    const focusIndex = latest.current.props.focusId ? scene.indexOf.get(latest.current.props.focusId) : undefined;
    if (focusIndex !== undefined && scene.graph.nodes.length > 12) centreOn(focusIndex, 1);
    else fitView();
  }, [scene, centreOn, fitView, requestDraw]);

  // Canvas size follows its box, in device pixels.
  useLayoutEffect(() => {
    const box = boxRef.current;
    const canvas = canvasRef.current;
    if (!box || !canvas) return;
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const width = box.clientWidth;
      const height = box.clientHeight;
      const first = sizeRef.current.width === 0;
      sizeRef.current = { width, height, dpr };
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.max(1, Math.round(height * dpr));
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      if (first && latest.current.scene) fitView();
      drawNow();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(box);
    return () => observer.disconnect();
  }, [drawNow, fitView]);

  const zoomAt = useCallback(
    (factor: number, sx: number, sy: number) => {
      const { x, y, k } = viewRef.current;
      const next = clamp(k * factor, MIN_ZOOM, MAX_ZOOM);
      viewRef.current = { k: next, x: sx - (sx - x) * (next / k), y: sy - (sy - y) * (next / k) };
      requestDraw();
    },
    [requestDraw],
  );
  const zoomCentre = useCallback((factor: number) => zoomAt(factor, sizeRef.current.width / 2, sizeRef.current.height / 2), [zoomAt]);

  const select = useCallback((i: number | null) => {
    const current = latest.current;
    const id = i === null || !current.scene ? null : current.scene.graph.nodes[i]!.id;
    setInnerSelected(id);
    current.props.onSelect?.(id);
  }, []);

  const focusNode = useCallback(
    (id: string) => {
      const current = latest.current.scene;
      const i = current?.indexOf.get(id);
      if (i === undefined) return;
      select(i);
      centreOn(i, Math.max(viewRef.current.k, 0.9));
    },
    [centreOn, select],
  );

  const exportPng = useCallback(async (): Promise<Blob> => {
    const current = latest.current;
    if (!current.scene) throw new Error("The graph is not laid out yet.");
    const width = current.scene.width + EXPORT_MARGIN * 2;
    const height = current.scene.height + EXPORT_MARGIN * 2;
    const dpr = Math.min(window.devicePixelRatio || 1, EXPORT_MAX_SIDE / width, EXPORT_MAX_SIDE / height, Math.sqrt(EXPORT_MAX_PIXELS / (width * height)));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.floor(width * dpr));
    canvas.height = Math.max(1, Math.floor(height * dpr));
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot draw the export.");
    drawScene(ctx, current.scene, {
      palette: current.dark ? DARK : LIGHT,
      dark: current.dark,
      width,
      height,
      dpr,
      view: { x: EXPORT_MARGIN, y: EXPORT_MARGIN, k: 1 },
      focus: current.focus,
      selected: current.selected,
      hover: -1,
      nodeLit: current.lit.nodes,
      edgeLit: current.lit.edges,
      isExpanded,
    });
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The PNG export failed."))), "image/png"));
  }, [isExpanded]);

  const exportSvg = useCallback((): string => {
    const current = latest.current;
    if (!current.scene) throw new Error("The graph is not laid out yet.");
    return sceneToSvg(current.scene, {
      palette: current.dark ? DARK : LIGHT,
      dark: current.dark,
      focusId: current.props.focusId,
      selectedId: current.selected >= 0 ? current.scene.graph.nodes[current.selected]!.id : null,
      highlight: current.props.highlight,
      isExpanded,
    });
  }, [isExpanded]);

  useImperativeHandle(ref, () => ({ exportPng, exportSvg, focusNode, fit: fitView }), [exportPng, exportSvg, focusNode, fitView]);

  // Pointer input: drag pans, a tap or click selects / expands, two fingers pinch-zoom.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef({ startX: 0, startY: 0, moved: false, pinch: 0 });
  const localPoint = (event: { clientX: number; clientY: number }) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const hitAt = useCallback(
    (sx: number, sy: number, touch: boolean) => {
      const current = latest.current.scene;
      if (!current) return null;
      const { x, y, k } = viewRef.current;
      return hitTest(current, (sx - x) / k, (sy - y) / k, isExpanded, (touch ? 10 : 3) / k);
    },
    [isExpanded],
  );

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 && event.pointerType === "mouse") return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = localPoint(event);
    pointers.current.set(event.pointerId, point);
    if (pointers.current.size === 1) gesture.current = { startX: point.x, startY: point.y, moved: false, pinch: 0 };
    else gesture.current.moved = true;
    boxRef.current?.focus({ preventScroll: true });
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const point = localPoint(event);
    const known = pointers.current.get(event.pointerId);
    if (!known) {
      // Hover: a pointer cursor over what can be clicked.
      const hit = hitAt(point.x, point.y, false);
      const hover = hit?.kind === "node" ? hit.index : -1;
      event.currentTarget.style.cursor = hit ? "pointer" : "grab";
      if (hover !== hoverRef.current) {
        hoverRef.current = hover;
        requestDraw();
      }
      return;
    }
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      const other = a === known ? b! : a!;
      const before = Math.hypot(known.x - other.x, known.y - other.y);
      const after = Math.hypot(point.x - other.x, point.y - other.y);
      pointers.current.set(event.pointerId, point);
      if (before > 0) zoomAt(after / before, (point.x + other.x) / 2, (point.y + other.y) / 2);
      viewRef.current = { ...viewRef.current, x: viewRef.current.x + (point.x - known.x) / 2, y: viewRef.current.y + (point.y - known.y) / 2 };
      requestDraw();
      return;
    }
    pointers.current.set(event.pointerId, point);
    if (Math.hypot(point.x - gesture.current.startX, point.y - gesture.current.startY) > 5) gesture.current.moved = true;
    if (gesture.current.moved) {
      viewRef.current = { ...viewRef.current, x: viewRef.current.x + point.x - known.x, y: viewRef.current.y + point.y - known.y };
      event.currentTarget.style.cursor = "grabbing";
      requestDraw();
    }
  };

  const onPointerUp = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const known = pointers.current.get(event.pointerId);
    pointers.current.delete(event.pointerId);
    if (!known || gesture.current.moved || pointers.current.size > 0) return;
    const point = localPoint(event);
    const hit = hitAt(point.x, point.y, event.pointerType === "touch");
    const current = latest.current;
    if (!hit || !current.scene) select(null);
    else if (hit.kind === "badge") {
      const id = current.scene.graph.nodes[hit.index]!.id;
      if (isExpanded(hit.index, hit.side)) current.props.onCollapse?.(id, hit.side);
      else current.props.onExpand?.(id, hit.side);
    } else select(hit.index);
  };

  const onPointerCancel = (event: React.PointerEvent<HTMLCanvasElement>) => {
    pointers.current.delete(event.pointerId);
  };

  const onDoubleClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const point = localPoint(event);
    const hit = hitAt(point.x, point.y, false);
    const current = latest.current;
    if (hit?.kind === "node" && current.scene) current.props.onOpen?.(current.scene.graph.nodes[hit.index]!.id);
  };

  // Wheel: zoom at the cursor (mouse wheel, ctrl+wheel, trackpad pinch); a sideways or shift
  // scroll (two-finger trackpad) pans. Needs a non-passive listener to keep the page still.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const scale = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      const dx = event.deltaX * scale;
      const dy = event.deltaY * scale;
      if (!event.ctrlKey && (event.shiftKey || Math.abs(dx) > Math.abs(dy) / 2)) {
        viewRef.current = { ...viewRef.current, x: viewRef.current.x - (event.shiftKey ? dy : dx), y: viewRef.current.y - (event.shiftKey ? 0 : dy) };
        requestDraw();
        return;
      }
      const rect = canvas.getBoundingClientRect();
      zoomAt(Math.exp(-dy * (event.ctrlKey ? 0.01 : 0.0015)), event.clientX - rect.left, event.clientY - rect.top);
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [requestDraw, zoomAt]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const current = latest.current;
    if (!current.scene) return;
    const key = event.key;
    if (key === "ArrowLeft" || key === "ArrowRight" || key === "ArrowUp" || key === "ArrowDown") {
      event.preventDefault();
      if (current.selected >= 0) {
        const next = neighbourFor(current.scene, current.selected, key as Move);
        if (next !== null) {
          select(next);
          revealNode(next);
        }
      } else {
        const step = 80;
        const dx = key === "ArrowLeft" ? step : key === "ArrowRight" ? -step : 0;
        const dy = key === "ArrowUp" ? step : key === "ArrowDown" ? -step : 0;
        viewRef.current = { ...viewRef.current, x: viewRef.current.x + dx, y: viewRef.current.y + dy };
        requestDraw();
      }
    } else if (key === "Enter" && current.selected >= 0) {
      event.preventDefault();
      current.props.onOpen?.(current.scene.graph.nodes[current.selected]!.id);
    } else if (key === "Escape") {
      event.preventDefault();
      select(null);
    } else if (key === "+" || key === "=") {
      event.preventDefault();
      zoomCentre(1.25);
    } else if (key === "-" || key === "_") {
      event.preventDefault();
      zoomCentre(0.8);
    } else if (key === "0") {
      event.preventDefault();
      fitView();
    }
  };

  const fileName = () => {
    const id = props.focusId ?? "graph";
    return `lineage-${id.replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80)}`;
  };

  const nodeCount = graph.nodes.length;
  const announcement = scene && selected >= 0 ? `Selected ${describeNode(scene, selected)}` : "";
  const listed = scene ? scene.graph.nodes.slice(0, LISTED_NODES) : [];
  const label = props["aria-label"] ?? "Lineage graph";
  const failed = failure?.graph === graph ? failure.message : null;

  return (
    <div
      data-testid="lineage-graph"
      data-node-count={nodeCount}
      data-selected={selectedId ?? ""}
      data-layout={pending ? "pending" : failed ? "failed" : "ready"}
      data-layout-ms={laid && !pending ? Math.round(laid.ms) : undefined}
      className={cx(
        "relative isolate min-h-[420px] w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950",
        props.className,
      )}
    >
      <div
        ref={boxRef}
        tabIndex={0}
        role="application"
        aria-label={label}
        aria-roledescription="graph"
        aria-describedby={keysId}
        onKeyDown={onKeyDown}
        className="absolute inset-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400"
      >
        <canvas
          ref={canvasRef}
          aria-hidden
          className="block touch-none select-none"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onPointerLeave={() => {
            if (hoverRef.current !== -1) {
              hoverRef.current = -1;
              requestDraw();
            }
          }}
          onDoubleClick={onDoubleClick}
        />
      </div>
      <p id={keysId} className="sr-only">
        Arrow keys move between neighbours (Right downstream, Left upstream, Up and Down within a column), Enter opens, Escape clears the selection, plus and minus zoom, 0 fits.
      </p>
      <Toolbar
        graph={graph}
        ready={scene !== null && scene.graph === graph}
        legendOpen={legendOpen}
        onFind={(index) => focusNode(graph.nodes[index]!.id)}
        onZoomIn={() => zoomCentre(1.25)}
        onZoomOut={() => zoomCentre(0.8)}
        onFit={fitView}
        onExportPng={() => void exportPng().then((blob) => saveBlob(blob, `${fileName()}.png`))}
        onExportSvg={() => saveBlob(new Blob([exportSvg()], { type: "image/svg+xml" }), `${fileName()}.svg`)}
        onToggleLegend={() => setLegendOpen((open) => !open)}
      />
      {legendOpen && (
        <div className="pointer-events-none absolute bottom-2 left-2">
          <Legend dark={dark} />
        </div>
      )}
      {(pending || failed || nodeCount === 0) && (
        <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center px-3">
          <p
            role="status"
            className="rounded-md border border-slate-200 bg-white/95 px-3 py-1.5 text-sm text-slate-700 shadow-sm dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-200"
          >
            {failed
              ? `The graph could not be laid out: ${failed}`
              : pending
                ? `Laying out ${nodeCount.toLocaleString("en")} ${nodeCount === 1 ? "node" : "nodes"}…`
                : "No nodes to draw in this view."}
          </p>
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <ul role="list" aria-label="Nodes in this graph" className="sr-only">
        {listed.map((node, i) => (
          <li key={node.id}>
            <button type="button" aria-current={i === selected ? "true" : undefined} onClick={() => focusNode(node.id)}>
              {node.name} ({node.kind})
            </button>
          </li>
        ))}
        {scene && scene.graph.nodes.length > LISTED_NODES && (
          <li>{(scene.graph.nodes.length - LISTED_NODES).toLocaleString("en")} more nodes are not listed; use Find in graph.</li>
        )}
      </ul>
    </div>
  );
});

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
