"use client";
// A dataset page's Lineage tab: the lineage view embedded, focused on the dataset (expand, path,
// impact, columns, as of; "Open full view" goes to /lineage with the same state), then where each
// of its columns comes from at a glance.
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { EmbeddedLineage } from "./embedded-lineage";

type Lineage = RouterOutputs["lineage"]["dataset"];

export function DatasetLineage({ datasetId }: { datasetId: string }) {
  const trpc = useTRPC();
  const focus = useQuery(trpc.lineage.catalogFocus.queryOptions({ datasetId }));
  // One step is enough for the column sources: they are the dataset's own column lineage.
  const lineage = useQuery(trpc.lineage.dataset.queryOptions({ datasetId, depth: 1 }));
  if (focus.isError) return <QueryError error={focus.error} onRetry={() => void focus.refetch()} compact />;
  if (!focus.data) return <Skeleton className="h-40 w-full" />;
  if (!focus.data.focusId) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No lineage recorded for this dataset yet. It appears when a pipeline that sends OpenLineage events (Airflow, dbt, Spark, Trino…) reads or writes it, or when a statement in
        the SQL workbench creates or fills it.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <EmbeddedLineage focus={focus.data.focusId} label="Lineage of this dataset" />
      {lineage.data?.known && <ColumnSources columns={lineage.data.columns} />}
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
