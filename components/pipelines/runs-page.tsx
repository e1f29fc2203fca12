"use client";
// Runs across all jobs: filters in the URL, newest first, "Load more" follows the keyset cursor.
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ListOrdered } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { PipelinesNav } from "./pipelines-nav";
import { RunsTable } from "./runs-table";
import { useUrlState } from "@/components/lib/use-url-state";
import { defined, runsViewFrom } from "./view-state";
import { FilterBar, FilterField, StateSelect } from "./filter-bar";

const card = "overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900";

export function RunsPage() {
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const view = defined(runsViewFrom(params));
  const runs = useInfiniteQuery(trpc.pipelines.runs.infiniteQueryOptions(view, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const all = runs.data?.pages.flatMap((p) => p.runs);
  const filtered = Object.keys(view).some((k) => k !== "topLevel") || view.topLevel;
  return (
    <div className="space-y-5">
      <PipelinesNav title="Runs">
        <p className="text-sm text-slate-600 dark:text-slate-400">Every run of every job, newest first.</p>
      </PipelinesNav>
      <RunFilters params={params} onChange={set} />
      <div className={card}>
        {runs.isError && !all ? (
          <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
        ) : !all ? (
          <SkeletonRows label="Loading runs" rows={6} height="h-12" />
        ) : all.length === 0 ? (
          <EmptyState icon={ListOrdered} title={filtered ? "No run matches these filters" : "No run has been reported yet"}>
            {filtered ? "Widen the time range or clear a filter." : "Runs appear as producers send OpenLineage events."}
          </EmptyState>
        ) : (
          <>
            <RunsTable runs={all} />
            {runs.data?.pages[0]?.jobsCut && (
              <p className="border-t border-slate-200 px-4 py-2 text-xs text-amber-700 dark:border-slate-800 dark:text-amber-300">
                The name matches more than 1,000 jobs: only runs of the first 1,000 are listed. Type more of the name.
              </p>
            )}
            <div className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
              <span className="text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
                {all.length} runs shown
              </span>
              {runs.hasNextPage && (
                <Button size="sm" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                  {runs.isFetchingNextPage ? "Loading…" : "Load more"}
                </Button>
              )}
            </div>
          </>
        )}
      </div>
      {runs.isError && all && <QueryError error={runs.error} onRetry={() => void runs.refetch()} compact />}
    </div>
  );
}

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function RunFilters({ params, onChange }: { params: URLSearchParams | { get(k: string): string | null }; onChange: (patch: Record<string, string | undefined>) => void }) {
  const [q, setQ] = useState(params.get("q") ?? "");
  const [namespace, setNamespace] = useState(params.get("namespace") ?? "");
  const [from, setFrom] = useState(toLocalInput(params.get("from")));
  const [to, setTo] = useState(toLocalInput(params.get("to")));
  const [minMinutes, setMin] = useState(params.get("minMinutes") ?? "");
  const [maxMinutes, setMax] = useState(params.get("maxMinutes") ?? "");
  const iso = (v: string) => (v ? new Date(v).toISOString() : undefined);
  return (
    <FilterBar
      label="Filter runs"
      columns="sm:grid-cols-4 lg:grid-cols-8"
      onSubmit={() =>
        onChange({
          q: q.trim() || undefined,
          namespace: namespace.trim() || undefined,
          from: iso(from),
          to: iso(to),
          minMinutes: minMinutes || undefined,
          maxMinutes: maxMinutes || undefined,
        })
      }
    >
      <FilterField label="Job" className="col-span-2">
        <Input className="mt-1" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Part of a job's name" />
      </FilterField>
      <FilterField label="State">
        <StateSelect value={params.get("state") ?? ""} anyLabel="Any" onChange={(state) => onChange({ state })} />
      </FilterField>
      <FilterField label="Namespace">
        <Input className="mt-1" value={namespace} onChange={(e) => setNamespace(e.target.value)} placeholder="e.g. portal" />
      </FilterField>
      <FilterField label="From">
        <Input className="mt-1" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </FilterField>
      <FilterField label="To">
        <Input className="mt-1" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </FilterField>
      <FilterField label="Min. minutes">
        <Input className="mt-1" type="number" min={0} step="any" inputMode="decimal" value={minMinutes} onChange={(e) => setMin(e.target.value)} />
      </FilterField>
      <FilterField label="Max. minutes">
        <Input className="mt-1" type="number" min={0} step="any" inputMode="decimal" value={maxMinutes} onChange={(e) => setMax(e.target.value)} />
      </FilterField>
      <label className="col-span-2 flex items-center gap-2 text-sm text-slate-700 sm:col-span-2 dark:text-slate-300">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300"
          checked={params.get("topLevel") === "1"}
          onChange={(e) => onChange({ topLevel: e.target.checked ? "1" : undefined })}
        />
        Pipelines only (no task runs)
      </label>
      <div className="col-span-2 flex items-end gap-2 sm:col-span-2 lg:col-span-6 lg:justify-end">
        <Button type="submit" variant="primary" size="sm">
          Apply
        </Button>
        <Button
          type="button"
          size="sm"
          onClick={() => {
            setQ("");
            setNamespace("");
            setFrom("");
            setTo("");
            setMin("");
            setMax("");
            onChange({ q: undefined, namespace: undefined, from: undefined, to: undefined, minMinutes: undefined, maxMinutes: undefined, state: undefined, topLevel: undefined });
          }}
        >
          Clear
        </Button>
      </div>
    </FilterBar>
  );
}
