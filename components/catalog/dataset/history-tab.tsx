"use client";
// The schema history as a diff per crawl that saw a change: + added, − removed, ~ retyped.
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@/components/ui/query-error";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";

const DATASET_EVENTS: Record<string, string> = {
  dataset_added: "First seen by the crawler",
  dataset_removed: "Gone from the engine (kept in the catalog)",
  dataset_restored: "Back in the engine",
};

export function HistoryTab({ datasetId }: { datasetId: string }) {
  const catalog = useTRPC().catalog;
  const history = useQuery(catalog.history.queryOptions({ datasetId }));
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} compact />;
  if (!history.data) return <Skeleton className="h-32 w-full" />;
  if (history.data.versions.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No changes recorded yet.</p>;
  return (
    <ol className="space-y-4">
      {history.data.versions.map((version, i) => (
        <li key={`${version.crawlRunId}-${i}`} className="relative border-l-2 border-slate-200 pl-4 dark:border-slate-800">
          <span aria-hidden className="absolute top-1.5 -left-[5px] size-2 rounded-full bg-slate-400 dark:bg-slate-500" />
          <p className="text-sm font-medium text-slate-900 dark:text-white">
            <LocalTime value={version.at} />
          </p>
          <ul className="mt-1 space-y-0.5 font-mono text-xs">
            {version.changes.map((c) => {
              if (DATASET_EVENTS[c.change]) {
                return (
                  <li key={String(c.id)} className="font-sans text-sm text-slate-600 dark:text-slate-400">
                    {DATASET_EVENTS[c.change]}
                  </li>
                );
              }
              if (c.change === "column_added") {
                return (
                  <li key={String(c.id)} className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-800 dark:bg-emerald-400/10 dark:text-emerald-300">
                    <span aria-label="added">+</span> {c.columnName} <span className="opacity-75">{c.newType}</span>
                  </li>
                );
              }
              if (c.change === "column_removed") {
                return (
                  <li key={String(c.id)} className="rounded bg-red-50 px-2 py-0.5 text-red-800 dark:bg-red-400/10 dark:text-red-300">
                    <span aria-label="removed">−</span> {c.columnName} <span className="opacity-75">{c.oldType}</span>
                  </li>
                );
              }
              return (
                <li key={String(c.id)} className="rounded bg-amber-50 px-2 py-0.5 text-amber-900 dark:bg-amber-400/10 dark:text-amber-200">
                  <span aria-label="retyped">~</span> {c.columnName} <span className="opacity-75">{c.oldType}</span> → {c.newType}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
      {history.data.truncated && <li className="text-xs text-slate-500">Older changes are not shown.</li>}
    </ol>
  );
}
