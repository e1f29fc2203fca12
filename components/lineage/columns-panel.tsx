"use client";
// The column view's panel: pick a column of the dataset, then read where it comes from and what
// is computed from it, each link with its transformation (IDENTITY, AGGREGATION, FILTER…).
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Columns = RouterOutputs["lineage"]["columns"];

export function ColumnPicker({ fields, value, onChange }: { fields: string[]; value: string | null; onChange(field: string | null): void }) {
  if (fields.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">Lineage knows no columns of this dataset yet.</p>;
  return (
    <label className="flex flex-col gap-1 text-sm text-slate-700 dark:text-slate-300">
      Column
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <option value="">Pick a column…</option>
        {fields.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ColumnLinks({ columns }: { columns: Columns }) {
  const upstream = columns.links.filter((l) => l.to.field === columns.field && columns.datasetId.endsWith(`:${l.to.dataset}`));
  return (
    <section aria-label="Related columns" className="space-y-2">
      {columns.links.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No column lineage recorded for {columns.field}: no producer said which columns it comes from or feeds.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {upstream.length} direct {upstream.length === 1 ? "source" : "sources"}, {columns.links.length} {columns.links.length === 1 ? "link" : "links"} in all.
          </p>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
            {columns.links.map((l, i) => (
              <li key={i} className="px-2.5 py-1.5 break-all">
                <span className="font-mono text-slate-800 dark:text-slate-200">
                  {l.from.dataset}.{l.from.field}
                </span>{" "}
                →{" "}
                <span className="font-mono text-slate-800 dark:text-slate-200">
                  {l.to.dataset}.{l.to.field}
                </span>{" "}
                <span className="text-xs font-medium text-violet-700 dark:text-violet-300">{l.transformations.join(", ")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {columns.truncated && <p className="text-xs text-amber-800 dark:text-amber-300">{columns.truncated}</p>}
    </section>
  );
}

/** The column answer for the picked column (shared by the drawing and the panel through the query cache). */
export function useColumns(dataset: string | null, field: string | null, asOf: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.lineage.columns.queryOptions({ dataset: dataset ?? "dataset:x:x", field: field ?? "x", ...(asOf ? { asOf: new Date(asOf) } : {}) }),
    enabled: Boolean(dataset && field),
  });
}

export function ColumnsPanel({
  dataset,
  fields,
  field,
  asOf,
  onPick,
}: {
  dataset: string;
  fields: string[];
  field: string | null;
  asOf: string | null;
  onPick(f: string | null): void;
}) {
  const columns = useColumns(dataset, field, asOf);
  return (
    <div className="space-y-3">
      <ColumnPicker fields={fields} value={field} onChange={onPick} />
      {field &&
        (columns.isError ? (
          <QueryError error={columns.error} onRetry={() => void columns.refetch()} compact />
        ) : !columns.data ? (
          <SkeletonRows label="Loading the column's lineage" rows={3} height="h-8" />
        ) : (
          <ColumnLinks columns={columns.data} />
        ))}
    </div>
  );
}
