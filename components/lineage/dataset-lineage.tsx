"use client";
// A dataset page's lineage: what feeds it (upstream, nearest first), what it feeds (downstream),
// and where each column comes from. Datasets the catalog knows link to their pages; jobs show
// their latest run. The whole graph, deeper and "as of", is the lineage API (and its own page).
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Database, Network, Workflow } from "lucide-react";
import { QueryError } from "@/components/ui/query-error";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { datasetPath } from "@/components/catalog/paths";
import { lineageHref } from "@/lib/lineage/view-paths";
import type { RouterOutputs } from "@/server/api/root";

type Lineage = RouterOutputs["lineage"]["dataset"];
type Level = Lineage["upstream"][number];
type PanelNode = Level["nodes"][number];

const DEPTHS = [1, 2, 3, 5] as const;

export function DatasetLineage({ datasetId }: { datasetId: string }) {
  const [depth, setDepth] = useState<(typeof DEPTHS)[number]>(2);
  const trpc = useTRPC();
  const lineage = useQuery(trpc.lineage.dataset.queryOptions({ datasetId, depth }));
  const focus = useQuery(trpc.lineage.catalogFocus.queryOptions({ datasetId }));
  if (lineage.isError) return <QueryError error={lineage.error} onRetry={() => void lineage.refetch()} compact />;
  if (!lineage.data) return <Skeleton className="h-40 w-full" />;
  const l = lineage.data;
  if (!l.known) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No lineage recorded for this dataset yet. It appears when a pipeline that sends OpenLineage events (Airflow, dbt, Spark, Trino…) reads or writes it, or when a statement in
        the SQL workbench creates or fills it.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Jobs and datasets connected to this one, by number of steps.{" "}
          {focus.data?.focusId && (
            <Link href={lineageHref(focus.data.focusId)} className="inline-flex items-center gap-1 font-medium text-sky-700 hover:underline dark:text-sky-400">
              <Network aria-hidden className="size-3.5" /> Open in the lineage view (impact, columns, as of)
            </Link>
          )}
        </p>
        <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          Steps
          <select
            value={depth}
            onChange={(e) => setDepth(Number(e.target.value) as (typeof DEPTHS)[number])}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Direction
          title="Upstream"
          hint="what this dataset is made from"
          icon={<ArrowUp className="size-4" aria-hidden />}
          levels={l.upstream}
          empty="Nothing upstream: no job writes it."
        />
        <Direction
          title="Downstream"
          hint="what is made from it"
          icon={<ArrowDown className="size-4" aria-hidden />}
          levels={l.downstream}
          empty="Nothing downstream: no job reads it."
        />
      </div>
      <ColumnSources columns={l.columns} />
    </div>
  );
}

function Direction({ title, hint, icon, levels, empty }: { title: string; hint: string; icon: React.ReactNode; levels: Level[]; empty: string }) {
  return (
    // min-w-0: a grid item may shrink below its content, so long names truncate instead of overflowing on phones.
    <section aria-label={title} className="min-w-0">
      <h3 className="mb-2 flex items-center gap-1.5 text-sm font-semibold text-slate-900 dark:text-white">
        {icon}
        {title} <span className="font-normal text-slate-500 dark:text-slate-400">— {hint}</span>
      </h3>
      {levels.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>
      ) : (
        <ol className="space-y-3">
          {levels.map((level) => (
            <li key={level.depth}>
              <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">
                {level.depth} {level.depth === 1 ? "step" : "steps"} away
              </p>
              <ul className="space-y-1">
                {level.nodes.map((node) => (
                  <li key={`${node.kind}:${node.namespace}:${node.name}`}>
                    <NodeRow node={node} />
                  </li>
                ))}
                {level.more > 0 && <li className="text-xs text-slate-500 dark:text-slate-400">and {level.more} more (see the lineage API)</li>}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const RUN_STATE_STYLE: Record<string, string> = {
  COMPLETE: "bg-emerald-50 text-emerald-800 dark:bg-emerald-400/10 dark:text-emerald-300",
  FAIL: "bg-red-50 text-red-800 dark:bg-red-400/10 dark:text-red-300",
  ABORT: "bg-amber-50 text-amber-900 dark:bg-amber-400/10 dark:text-amber-200",
};
const RUN_STATE_LABEL: Record<string, string> = { START: "running", RUNNING: "running", COMPLETE: "succeeded", FAIL: "failed", ABORT: "aborted" };

function NodeRow({ node }: { node: PanelNode }) {
  const box = "flex min-w-0 items-center gap-2 rounded-md border border-slate-200 px-2 py-1.5 text-sm dark:border-slate-800";
  if (node.kind === "job") {
    return (
      <div className={`${box} flex-wrap`}>
        <Workflow className="size-4 shrink-0 text-violet-500" aria-label="job" />
        {/* Job names are long dotted paths (dag.task): wrap them rather than cut them. */}
        <span className="min-w-0 font-medium break-all text-slate-800 dark:text-slate-200" title={node.namespace}>
          {node.name}
        </span>
        {node.lastRun && (
          <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs ${RUN_STATE_STYLE[node.lastRun.state] ?? "bg-sky-50 text-sky-800 dark:bg-sky-400/10 dark:text-sky-300"}`}>
            {RUN_STATE_LABEL[node.lastRun.state] ?? node.lastRun.state.toLowerCase()} <LocalTime value={node.lastRun.at} />
          </span>
        )}
      </div>
    );
  }
  const label = (
    <>
      <Database className="size-4 shrink-0 text-sky-500" aria-label="dataset" />
      <span className="truncate font-mono text-xs" title={`${node.namespace} · ${node.name}`}>
        {node.name}
      </span>
    </>
  );
  return node.catalog ? (
    <Link href={datasetPath(node.catalog)} className={`${box} text-sky-700 hover:bg-slate-50 dark:text-sky-300 dark:hover:bg-slate-800/60`}>
      {label}
    </Link>
  ) : (
    <div className={`${box} text-slate-700 dark:text-slate-300`} title="Not in the catalog">
      {label}
      <span className="ml-auto shrink-0 text-xs text-slate-400">{node.namespace}</span>
    </div>
  );
}

function ColumnSources({ columns }: { columns: Lineage["columns"] }) {
  if (columns.length === 0) return null;
  return (
    <section aria-label="Column lineage">
      <h3 className="mb-2 text-sm font-semibold text-slate-900 dark:text-white">Where the columns come from</h3>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th className="py-1 pr-4 font-medium">Column</th>
              <th className="py-1 pr-4 font-medium">From</th>
              <th className="py-1 font-medium">How</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {columns.flatMap((c) =>
              c.inputs.map((input, i) => (
                <tr key={`${c.field}-${input.namespace}-${input.dataset}-${input.field}-${input.type}-${input.subtype}`}>
                  <td className="py-1 pr-4 font-mono text-xs text-slate-900 dark:text-white">
                    {i > 0 ? "" : c.field === "" ? <span className="font-sans text-slate-500 italic dark:text-slate-400">which rows (all columns)</span> : c.field}
                  </td>
                  <td className="py-1 pr-4 font-mono text-xs text-slate-700 dark:text-slate-300">
                    {input.dataset}.{input.field}
                  </td>
                  <td className="py-1 text-xs text-slate-500 dark:text-slate-400">{[input.type, input.subtype].filter(Boolean).join(" · ").toLowerCase() || "—"}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
