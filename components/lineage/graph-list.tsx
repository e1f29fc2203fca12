"use client";
// The lineage view as a list: the focus in the middle, what feeds it above (nearest last), what it
// feeds below, one section per step. Each node says what it is, how its last run went, whether
// it is stale, which edges into it changed since the as-of time, and how many neighbours the
// view left out (with buttons to expand them). Works with the keyboard, a screen reader and on
// a phone, where the drawing does not.
import { ArrowDown, ArrowUp, Database, Minus, Plus, Workflow } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import type { LineageHighlight, LineageSide, LineageViewEdge, LineageViewGraph, LineageViewNode } from "@/lib/lineage/graph-view";
import { RunBadge } from "./run-badge";

type Props = {
  graph: LineageViewGraph;
  focusId: string;
  selectedId: string | null;
  highlight: LineageHighlight;
  onSelect(id: string): void;
  onExpand?(id: string, side: LineageSide): void;
  onCollapse?(id: string, side: LineageSide): void;
  expanded: { id: string; side: LineageSide }[];
};

function stepLabel(depth: number): string {
  if (depth === 0) return "Start";
  const n = Math.abs(depth);
  return `${n} ${n === 1 ? "step" : "steps"} ${depth < 0 ? "upstream" : "downstream"}`;
}

export function GraphList({ graph, focusId, selectedId, highlight, onSelect, onExpand, onCollapse, expanded }: Props) {
  const byDepth = new Map<number, LineageViewNode[]>();
  for (const n of graph.nodes) byDepth.set(n.depth, [...(byDepth.get(n.depth) ?? []), n]);
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const incoming = new Map<string, LineageViewEdge[]>();
  for (const e of graph.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  const onPath = new Set(highlight?.nodeIds ?? []);
  const pathEdges = new Set(highlight?.edgeIds ?? []);

  return (
    <ol aria-label="Nodes by step from the start" className="space-y-4">
      {depths.map((depth) => (
        <li key={depth}>
          <h3 className="mb-1.5 flex items-center gap-1 text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
            {depth < 0 ? <ArrowUp aria-hidden className="size-3.5" /> : depth > 0 ? <ArrowDown aria-hidden className="size-3.5" /> : null}
            {stepLabel(depth)}
          </h3>
          <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
            {byDepth
              .get(depth)!
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((node) => (
                <li key={node.id} className="min-w-0">
                  <NodeCard
                    node={node}
                    focus={node.id === focusId}
                    selected={node.id === selectedId}
                    onPath={onPath.has(node.id)}
                    incoming={incoming.get(node.id) ?? []}
                    pathEdges={pathEdges}
                    names={names}
                    onSelect={onSelect}
                    onExpand={onExpand}
                    onCollapse={onCollapse}
                    expanded={expanded}
                  />
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function NodeCard({
  node,
  focus,
  selected,
  onPath,
  incoming,
  pathEdges,
  names,
  onSelect,
  onExpand,
  onCollapse,
  expanded,
}: {
  node: LineageViewNode;
  focus: boolean;
  selected: boolean;
  onPath: boolean;
  incoming: LineageViewEdge[];
  pathEdges: Set<string>;
  names: Map<string, string>;
  onSelect(id: string): void;
  onExpand?(id: string, side: LineageSide): void;
  onCollapse?(id: string, side: LineageSide): void;
  expanded: { id: string; side: LineageSide }[];
}) {
  const Icon = node.kind === "job" ? Workflow : Database;
  const isExpanded = (side: LineageSide) => expanded.some((x) => x.id === node.id && x.side === side);
  const changed = incoming.filter((e) => e.change);
  return (
    <div
      data-node-id={node.id}
      className={cx(
        "rounded-lg border bg-white p-2.5 text-sm dark:bg-slate-900",
        selected ? "border-sky-500 ring-2 ring-sky-500/40" : "border-slate-200 dark:border-slate-800",
        onPath && "bg-amber-50 dark:bg-amber-400/10",
      )}
    >
      <button
        type="button"
        onClick={() => onSelect(node.id)}
        aria-pressed={selected}
        aria-label={`${node.kind === "job" ? "Job" : "Dataset"} ${node.name}${focus ? " (start)" : ""}${onPath ? ", on the path" : ""}`}
        className={cx("flex w-full min-w-0 items-start gap-2 rounded text-left", focusRing)}
      >
        <Icon aria-hidden className={cx("mt-0.5 size-4 shrink-0", node.kind === "job" ? "text-violet-600 dark:text-violet-400" : "text-sky-600 dark:text-sky-400")} />
        <span className="min-w-0 flex-1">
          <span className="block font-medium break-all text-slate-900 dark:text-slate-100">{node.name}</span>
          <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{node.namespace}</span>
        </span>
      </button>
      <div className="mt-1.5 flex flex-wrap items-center gap-1">
        {focus && <Badge tone="sky">start</Badge>}
        {onPath && <Badge tone="amber">on path</Badge>}
        {node.lastRun && <RunBadge state={node.lastRun.state} />}
        {node.stale && <Badge tone="amber">stale</Badge>}
        {(node.owners ?? []).slice(0, 2).map((o) => (
          <Badge key={o}>{o}</Badge>
        ))}
      </div>
      {node.details && node.details.length > 0 && (
        <ul className="mt-1.5 space-y-0.5 text-xs text-slate-600 dark:text-slate-300">
          {node.details.map((d) => (
            <li key={d} className="break-all">
              {d}
            </li>
          ))}
        </ul>
      )}
      {(changed.length > 0 || incoming.some((e) => e.label) || incoming.some((e) => pathEdges.has(e.id))) && (
        <ul aria-label={`Edges into ${node.name}`} className="mt-1.5 space-y-0.5 text-xs">
          {incoming
            .filter((e) => e.change || e.label || pathEdges.has(e.id))
            .map((e) => (
              <li
                key={e.id}
                className={cx(
                  "break-all",
                  e.change === "added" && "text-emerald-700 dark:text-emerald-300",
                  e.change === "removed" && "text-red-700 line-through decoration-1 dark:text-red-300",
                  !e.change && "text-slate-600 dark:text-slate-300",
                )}
              >
                ← {names.get(e.source) ?? e.source}
                {e.label && <span className="ml-1 font-mono">[{e.label}]</span>}
                {e.change && <span className="ml-1 font-semibold no-underline">({e.change === "added" ? "added since" : "removed since"})</span>}
              </li>
            ))}
        </ul>
      )}
      {(onExpand || onCollapse) && (
        <div className="mt-1.5 flex flex-wrap gap-1">
          {(["upstream", "downstream"] as const).map((side) => {
            const hidden = node.hidden?.[side] ?? 0;
            if (isExpanded(side) && onCollapse)
              return (
                <button key={side} type="button" onClick={() => onCollapse(node.id, side)} className={cx(chip, focusRing)} aria-label={`Collapse ${side} of ${node.name}`}>
                  <Minus aria-hidden className="size-3" /> {side}
                </button>
              );
            if (hidden > 0 && onExpand)
              return (
                <button
                  key={side}
                  type="button"
                  onClick={() => onExpand(node.id, side)}
                  className={cx(chip, focusRing)}
                  aria-label={`Expand ${side} of ${node.name} (${hidden} more)`}
                >
                  <Plus aria-hidden className="size-3" /> {hidden} {side}
                </button>
              );
            return null;
          })}
        </div>
      )}
    </div>
  );
}

const chip =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800";
