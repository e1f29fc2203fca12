// The overlay over the canvas: find a node, zoom, fit, export, legend. Wraps on a phone.
import { useId, useMemo, useState } from "react";
import { FileCode2, ImageDown, Info, Maximize2, Search, ZoomIn, ZoomOut } from "lucide-react";
import type { LineageViewGraph } from "@/lib/lineage/graph-view";
import { cx } from "@/components/lib/cx";
import { searchNodes } from "./scene";

const BUTTON =
  "inline-flex size-8 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-slate-100 dark:focus-visible:outline-sky-400";

export type ToolbarProps = {
  graph: LineageViewGraph;
  ready: boolean;
  legendOpen: boolean;
  onFind(index: number): void;
  onZoomIn(): void;
  onZoomOut(): void;
  onFit(): void;
  onExportPng(): void;
  onExportSvg(): void;
  onToggleLegend(): void;
};

export function Toolbar(props: ToolbarProps) {
  const [query, setQuery] = useState("");
  const listId = useId();
  const matches = useMemo(() => searchNodes(props.graph, query, 12), [props.graph, query]);
  const open = query.trim().length > 0;
  const pick = (index: number) => {
    props.onFind(index);
    setQuery("");
  };
  return (
    <div className="pointer-events-none absolute inset-x-2 top-2 flex flex-wrap items-start justify-between gap-2">
      <div className="pointer-events-auto relative w-full max-w-xs min-w-0 sm:w-64">
        <Search aria-hidden className="pointer-events-none absolute top-2 left-2 size-4 text-slate-400" />
        <input
          type="search"
          aria-label="Find in graph"
          aria-controls={open ? listId : undefined}
          placeholder="Find in graph"
          value={query}
          disabled={!props.ready}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && matches[0] !== undefined) {
              event.preventDefault();
              pick(matches[0]);
            } else if (event.key === "Escape") setQuery("");
          }}
          className="h-8 w-full rounded-md border border-slate-300 bg-white/95 pr-2 pl-8 text-sm text-slate-900 placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100 dark:focus-visible:outline-sky-400"
        />
        {open && (
          <ul
            id={listId}
            aria-label="Matching nodes"
            className="absolute inset-x-0 top-9 z-10 max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
          >
            {matches.length === 0 && <li className="px-3 py-2 text-slate-500 dark:text-slate-400">No node in this graph matches.</li>}
            {matches.map((index) => {
              const node = props.graph.nodes[index]!;
              return (
                <li key={node.id}>
                  <button
                    type="button"
                    onClick={() => pick(index)}
                    className="block w-full min-w-0 px-3 py-1.5 text-left hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800"
                  >
                    <span className="block truncate font-medium text-slate-900 dark:text-slate-100">{node.name}</span>
                    <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                      {node.kind} · {node.namespace}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div
        role="toolbar"
        aria-label="Graph view"
        className="pointer-events-auto flex flex-wrap items-center gap-0.5 rounded-lg border border-slate-200 bg-white/95 p-0.5 shadow-sm dark:border-slate-700 dark:bg-slate-900/95"
      >
        <button type="button" aria-label="Zoom in" title="Zoom in (+)" className={BUTTON} onClick={props.onZoomIn} disabled={!props.ready}>
          <ZoomIn aria-hidden className="size-4" />
        </button>
        <button type="button" aria-label="Zoom out" title="Zoom out (−)" className={BUTTON} onClick={props.onZoomOut} disabled={!props.ready}>
          <ZoomOut aria-hidden className="size-4" />
        </button>
        <button type="button" aria-label="Fit" title="Fit the graph (0)" className={BUTTON} onClick={props.onFit} disabled={!props.ready}>
          <Maximize2 aria-hidden className="size-4" />
        </button>
        <button type="button" aria-label="Export PNG" title="Export PNG" className={BUTTON} onClick={props.onExportPng} disabled={!props.ready}>
          <ImageDown aria-hidden className="size-4" />
        </button>
        <button type="button" aria-label="Export SVG" title="Export SVG" className={BUTTON} onClick={props.onExportSvg} disabled={!props.ready}>
          <FileCode2 aria-hidden className="size-4" />
        </button>
        <button
          type="button"
          aria-label="Legend"
          title="Legend"
          aria-pressed={props.legendOpen}
          className={cx(BUTTON, props.legendOpen && "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100")}
          onClick={props.onToggleLegend}
        >
          <Info aria-hidden className="size-4" />
        </button>
      </div>
    </div>
  );
}
