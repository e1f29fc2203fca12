"use client";
// How often the dataset was queried in the SQL workbench, by whom, and recently.
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@/components/ui/query-error";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { formatCount, plural } from "../format";

export function UsageTab({ datasetId }: { datasetId: string }) {
  const catalog = useTRPC().catalog;
  const usage = useQuery(catalog.usage.queryOptions({ datasetId }));
  if (usage.isError) return <QueryError error={usage.error} onRetry={() => void usage.refetch()} compact />;
  if (!usage.data) return <Skeleton className="h-32 w-full" />;
  const u = usage.data;
  if (u.total === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">Nobody has queried this dataset in the SQL workbench yet.</p>;
  const max = Math.max(1, ...u.daily.map((d) => d.runs));
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-3 gap-3">
        {[
          ["Queries", u.total],
          ["Last 30 days", u.last30Days],
          ["People", u.users],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="text-xl font-semibold text-slate-900 tabular-nums dark:text-white">{formatCount(value as number)}</dd>
          </div>
        ))}
      </dl>
      <figure>
        <figcaption className="mb-1 text-xs text-slate-500 dark:text-slate-400">Queries per day, last 30 days</figcaption>
        <div className="flex h-16 items-end gap-0.5" role="img" aria-label={`Queries per day over the last 30 days: ${u.daily.map((d) => d.runs).join(", ")}`}>
          {u.daily.map((d) => (
            <div
              key={d.day}
              title={`${d.day}: ${d.runs}`}
              className="flex-1 rounded-t bg-sky-500/80 dark:bg-sky-400/70"
              style={{ height: `${d.runs ? Math.max(6, (d.runs / max) * 100) : 2}%`, opacity: d.runs ? 1 : 0.3 }}
            />
          ))}
        </div>
      </figure>
      <div className="grid gap-5 md:grid-cols-2">
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Top users</h3>
          <ul className="space-y-1 text-sm">
            {u.topUsers.map((user) => (
              <li key={user.email} className="flex justify-between gap-2">
                <span className="min-w-0 truncate text-slate-800 dark:text-slate-200" title={user.email}>
                  {user.name}
                </span>
                <span className="shrink-0 text-slate-500 tabular-nums dark:text-slate-400">{plural(user.runs, "query", "queries")}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Recently</h3>
          <ul className="space-y-2 text-sm">
            {u.recent.map((r, i) => (
              <li key={i}>
                <span className="text-slate-800 dark:text-slate-200">{r.userName}</span>{" "}
                <span className="text-slate-500 dark:text-slate-400">
                  · <LocalTime value={r.at} />
                </span>
                {r.sql && (
                  <code className="mt-0.5 block truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300" title={r.sql}>
                    {r.sql}
                  </code>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
