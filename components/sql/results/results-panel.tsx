"use client";
// The lower half of the workbench: what the last run of this tab produced (grid or chart), how
// many rows, whether the row limit cut it short, and downloads of the whole result.
import { useState, type ReactNode } from "react";
import dynamic from "next/dynamic";
import { ChartNoAxesColumn, CornerDownLeft, Sheet, TableProperties, TriangleAlert } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { RunSnapshot } from "../run/types";
import type { QueryRun } from "../run/query-run";
import { useRunSnapshot } from "../run/use-query-run";
import { formatCount, plural } from "../format";
import { ResultsGrid } from "./results-grid";
import { DownloadButtons } from "./download-buttons";

// recharts (about 100 KB gzipped) is fetched when someone opens the chart view, not with the page.
const ResultsChart = dynamic(() => import("./results-chart").then((m) => m.ResultsChart), { ssr: false, loading: () => <Skeleton className="m-4 h-64" /> });

type View = "grid" | "chart";

export function ResultsPanel({ run, modKey, onDownloadError }: { run: QueryRun | undefined; modKey: string; onDownloadError: (message: string) => void }) {
  const snapshot = useRunSnapshot(run);
  const [view, setView] = useState<View>("grid");
  const hasColumns = !!snapshot?.columns?.length;
  const finished = snapshot?.status === "succeeded";

  return (
    <section
      aria-label="Results"
      className={cx(
        // Fills the rest of the viewport on larger screens, so the grid scrolls, not the page.
        "flex h-[70vh] min-h-[22rem] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white sm:h-[calc(100dvh-34rem)] dark:border-slate-800 dark:bg-slate-950",
        // The grid is the focusable element, but its rows would paint over an outline of its own.
        "has-[[role=table]:focus-visible]:outline-2 has-[[role=table]:focus-visible]:outline-offset-2 has-[[role=table]:focus-visible]:outline-sky-600 dark:has-[[role=table]:focus-visible]:outline-sky-400",
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-slate-50 px-2 py-1.5 dark:border-slate-800 dark:bg-slate-900/60">
        <div role="tablist" aria-label="Result view" className="flex gap-1">
          <ViewTab selected={view === "grid"} onSelect={() => setView("grid")} icon={TableProperties} label="Results" />
          <ViewTab selected={view === "chart"} onSelect={() => setView("chart")} icon={ChartNoAxesColumn} label="Chart" disabled={!hasColumns} />
        </div>
        {snapshot?.truncated && (
          <p className="inline-flex items-center gap-1 text-xs font-medium text-amber-700 dark:text-amber-400" data-testid="truncated-notice">
            <TriangleAlert aria-hidden className="size-3.5" />
            Truncated at {formatCount(snapshot.request.limit)} rows: raise the row limit, or download the whole result.
          </p>
        )}
        {snapshot && finished && hasColumns && snapshot.statementKind === "read" && snapshot.runId && (
          <div className="ml-auto">
            <DownloadButtons runId={snapshot.runId} kept={!!snapshot.keptUntil && !snapshot.truncated} onError={onDownloadError} />
          </div>
        )}
      </div>
      <div className="min-h-0 flex-1" role="tabpanel" aria-label={view === "grid" ? "Results" : "Chart"}>
        <ResultsBody snapshot={snapshot} view={view} modKey={modKey} />
      </div>
    </section>
  );
}

function ResultsBody({ snapshot, view, modKey }: { snapshot: RunSnapshot | null; view: View; modKey: string }) {
  if (!snapshot) return <EmptyResults modKey={modKey} />;
  const { columns, status } = snapshot;
  if (!columns?.length) {
    if (status === "running") {
      return (
        <div className="space-y-2 p-4" aria-hidden>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-5" />
          ))}
        </div>
      );
    }
    const text =
      status === "cancelled"
        ? "Cancelled before any rows arrived."
        : status !== "succeeded"
          ? "No result: see the message above."
          : snapshot.updateCount !== null
            ? `Done: ${plural(snapshot.updateCount, "row")} changed.`
            : "Done: the statement ran and returned no result set.";
    return <p className="p-6 text-sm text-slate-600 dark:text-slate-400">{text}</p>;
  }
  if (view === "chart")
    return (
      <ResultsChart
        key={snapshot.startedAt}
        columns={columns}
        rows={snapshot.rows}
        rowCount={snapshot.rowCount}
        finished={status === "succeeded"}
        truncated={snapshot.truncated}
        runId={snapshot.runId}
      />
    );
  return (
    <div className="relative h-full">
      {/* A new run starts a new grid: column widths and scroll position belong to one result. */}
      <ResultsGrid
        key={snapshot.startedAt}
        columns={columns}
        rows={snapshot.rows}
        rowCount={snapshot.rowCount}
        maxRows={snapshot.request.limit}
        finished={status !== "running"}
        truncated={snapshot.truncated}
      />
      {snapshot.rowCount === 0 && status !== "running" && (
        <p className="pointer-events-none absolute inset-x-0 top-20 text-center text-sm text-slate-500 dark:text-slate-400">The query returned no rows.</p>
      )}
    </div>
  );
}

function ViewTab({ selected, onSelect, icon: Icon, label, disabled }: { selected: boolean; onSelect: () => void; icon: typeof Sheet; label: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      disabled={disabled}
      onClick={onSelect}
      className={cx(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50",
        focusRing,
        selected
          ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:text-white dark:ring-slate-700"
          : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
      )}
    >
      <Icon aria-hidden className="size-3.5" />
      {label}
    </button>
  );
}

function EmptyResults({ modKey }: { modKey: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center" data-testid="results-empty">
      <span className="flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <CornerDownLeft aria-hidden className="size-5" />
      </span>
      <p className="text-sm font-medium text-slate-800 dark:text-slate-200">
        Press <Kbd>{modKey}</Kbd> + <Kbd>Enter</Kbd> to run
      </p>
      <p className="max-w-sm text-xs text-slate-500 dark:text-slate-400">
        Runs the selection, or else the statement under the cursor. Results stream in as they arrive; up to {formatCount(1_000_000)} rows scroll smoothly.
      </p>
    </div>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] font-medium text-slate-700 shadow-[0_1px_0_rgb(0_0_0/0.08)] dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200">
      {children}
    </kbd>
  );
}
