"use client";
// /lineage: a search of datasets and jobs to start from, then the view around the pick. All of
// the view's state is in the URL (components/lineage/view-state.ts).
import { useCallback } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { Network } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { LineageExplorer } from "./lineage-explorer";
import { LineageSearch } from "./lineage-search";
import { focusedOn, viewHref, viewStateFrom, type LineageViewState } from "./view-state";

export function LineagePage() {
  const params = useSearchParams();
  const router = useRouter();
  const state = viewStateFrom(params);
  // The browser's own history (Next keeps useSearchParams in step with it): router.replace would
  // fetch the dynamic page from the server on every change, and a second change made before that
  // answer arrived (Esc, then a tab) was applied to the old state and undid the first.
  const go = useCallback((next: LineageViewState) => window.history.replaceState(null, "", viewHref(next)), []);
  const pick = (id: string) => router.push(viewHref(focusedOn(state, id)));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900 dark:text-white">Lineage</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Where a table comes from, and what breaks if it breaks.</p>
        </div>
        {state.focus && (
          <div className="w-full sm:w-80">
            <LineageSearch onPick={pick} compact />
          </div>
        )}
      </div>
      {state.focus ? (
        <LineageExplorer key={state.focus} state={state} onChange={go} />
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <EmptyState icon={Network} title="Start from a dataset or a job">
            Pick one below, or press / to search. The view shows what feeds it (upstream), what it feeds (downstream) and what changed over time.
          </EmptyState>
          <LineageSearch onPick={pick} autoFocus />
        </div>
      )}
    </div>
  );
}
