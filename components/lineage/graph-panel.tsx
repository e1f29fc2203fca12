"use client";
// The drawing of the view (12A's LineageGraph, loaded in the browser only: it lays out in a Web
// Worker and draws on a canvas), or the same nodes as a list by step: the user picks.
import dynamic from "next/dynamic";
import { List, Network } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { LineageHighlight, LineageSide, LineageViewGraph } from "@/lib/lineage/graph-view";
import { GraphList } from "./graph-list";

const LineageGraph = dynamic(() => import("@/components/lineage-graph/lineage-graph").then((m) => m.LineageGraph), {
  ssr: false,
  loading: () => <Skeleton className="h-[28rem] w-full" />,
});

type Props = {
  graph: LineageViewGraph;
  focusId: string;
  selectedId: string | null;
  highlight: LineageHighlight;
  layout: "graph" | "list";
  onLayout(layout: "graph" | "list"): void;
  onSelect(id: string | null): void;
  onOpen(id: string): void;
  onExpand?(id: string, side: LineageSide): void;
  onCollapse?(id: string, side: LineageSide): void;
  expanded: { id: string; side: LineageSide }[];
  /** Embedded in another page: a shorter drawing. */
  compact?: boolean;
};

export function GraphPanel(props: Props) {
  const { layout, onLayout } = props;
  return (
    <div className="space-y-2">
      <div role="radiogroup" aria-label="Show as" className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700">
        {(
          [
            ["graph", "Graph", Network],
            ["list", "List", List],
          ] as const
        ).map(([key, label, Icon]) => (
          <button
            key={key}
            type="button"
            role="radio"
            aria-checked={layout === key}
            onClick={() => onLayout(key)}
            className={cx(
              "inline-flex items-center gap-1 rounded px-2 py-0.5 text-sm",
              layout === key ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "text-slate-700 dark:text-slate-300",
              focusRing,
            )}
          >
            <Icon aria-hidden className="size-3.5" /> {label}
          </button>
        ))}
      </div>
      {layout === "graph" ? (
        <LineageGraph
          graph={props.graph}
          focusId={props.focusId}
          selectedId={props.selectedId}
          onSelect={props.onSelect}
          onOpen={props.onOpen}
          onExpand={props.onExpand}
          onCollapse={props.onCollapse}
          expanded={props.expanded}
          highlight={props.highlight}
          className={cx("w-full rounded-lg border border-slate-200 dark:border-slate-800", props.compact ? "h-[22rem] sm:h-[26rem]" : "h-[28rem] sm:h-[36rem]")}
          aria-label="Lineage graph"
        />
      ) : (
        <GraphList
          graph={props.graph}
          focusId={props.focusId}
          selectedId={props.selectedId}
          highlight={props.highlight}
          onSelect={(id) => props.onSelect(id)}
          onExpand={props.onExpand}
          onCollapse={props.onCollapse}
          expanded={props.expanded}
        />
      )}
    </div>
  );
}
