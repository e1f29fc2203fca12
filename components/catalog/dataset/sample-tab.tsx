"use client";
// 50 rows read through the engine as the signed-in user (their engine permissions apply).
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";

function cell(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function SampleTab({ datasetId }: { datasetId: string }) {
  const catalog = useTRPC().catalog;
  const sample = useQuery({ ...catalog.sample.queryOptions({ datasetId }), staleTime: 5 * 60_000, retry: false });
  if (sample.isError) {
    return (
      <Alert
        tone="error"
        title="No sample rows"
        action={
          <div className="pt-1">
            <Button size="sm" onClick={() => void sample.refetch()}>
              Try again
            </Button>
          </div>
        }
      >
        {errorMessage(sample.error)}
      </Alert>
    );
  }
  if (!sample.data) return <Skeleton className="h-48 w-full" />;
  const { columns, rows } = sample.data;
  if (rows.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">The dataset is empty.</p>;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500 dark:text-slate-400">The first {rows.length} rows the engine returned, read as you.</p>
      <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full text-left font-mono text-xs">
          <thead className="sticky top-0 bg-slate-50 dark:bg-slate-950">
            <tr>
              {columns.map((c) => (
                <th
                  key={c.name}
                  scope="col"
                  className="border-b border-slate-200 px-3 py-2 font-semibold whitespace-nowrap text-slate-700 dark:border-slate-800 dark:text-slate-300"
                >
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row, i) => (
              <tr key={i} className="odd:bg-white even:bg-slate-50/50 dark:odd:bg-slate-900 dark:even:bg-slate-900/60">
                {row.map((value, j) => (
                  <td
                    key={j}
                    title={cell(value)}
                    className={`max-w-[16rem] truncate px-3 py-1.5 whitespace-nowrap ${value === null ? "text-slate-400 italic dark:text-slate-500" : "text-slate-800 dark:text-slate-200"}`}
                  >
                    {cell(value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
