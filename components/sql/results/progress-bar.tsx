"use client";
// The state of the current run: rows so far, elapsed time (ticking while it runs), the engine's
// state and its percentage when it reports one. Screen readers hear state changes only, not
// every tick.
import { useEffect, useState } from "react";
import { CircleCheck, CircleSlash, CircleX, LoaderCircle } from "lucide-react";
import { cx } from "@/components/lib/cx";
import type { RunSnapshot } from "../run/types";
import type { QueryRun } from "../run/query-run";
import { useRunSnapshot } from "../run/use-query-run";
import { formatDuration, plural } from "../format";

const LABELS: Record<RunSnapshot["status"], string> = {
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
  refused: "Not run",
  "needs-confirmation": "Waiting for confirmation",
};

export function ProgressBar({ run }: { run: QueryRun }) {
  const snapshot = useRunSnapshot(run)!;
  const running = snapshot.status === "running";
  const now = useTicker(running);
  const elapsed = (snapshot.finishedAt ?? now) - snapshot.startedAt;
  const percent = snapshot.progress?.percent ?? null;
  const rows = snapshot.updateCount !== null ? `${plural(snapshot.updateCount, "row")} changed` : plural(snapshot.rowCount, "row");
  const Icon = running ? LoaderCircle : snapshot.status === "succeeded" ? CircleCheck : snapshot.status === "cancelled" ? CircleSlash : CircleX;

  return (
    <div className="space-y-1.5" data-testid="run-progress" data-status={snapshot.status}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        <span
          className={cx(
            "inline-flex items-center gap-1.5 font-medium",
            running && "text-sky-700 dark:text-sky-300",
            snapshot.status === "succeeded" && "text-emerald-700 dark:text-emerald-400",
            (snapshot.status === "failed" || snapshot.status === "refused") && "text-red-700 dark:text-red-400",
            snapshot.status === "cancelled" && "text-amber-700 dark:text-amber-400",
          )}
        >
          <Icon aria-hidden className={cx("size-3.5", running && "animate-spin")} />
          <span role="status">{LABELS[snapshot.status]}</span>
        </span>
        <span className="tabular-nums" data-testid="row-count">
          {rows}
          {running && snapshot.updateCount === null ? " so far" : ""}
        </span>
        {snapshot.reopened ? (
          // A re-opened result took no engine time: say where it came from instead of a duration.
          (running || snapshot.status === "succeeded") && (
            <span data-testid="reopened-note">
              {running ? "Opening the kept result…" : `Kept result of an earlier run, not run again${snapshot.keptUntil ? ` (kept until ${formatTime(snapshot.keptUntil)})` : ""}`}
            </span>
          )
        ) : (
          <span className="tabular-nums">{formatDuration(elapsed)}</span>
        )}
        {running && snapshot.progress && <span className="uppercase">{snapshot.progress.state}</span>}
        {running && percent !== null && <span className="tabular-nums">{Math.round(percent)}%</span>}
      </div>
      {running && (
        <div
          role="progressbar"
          aria-label="Query progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={percent === null ? `${rows} so far` : undefined}
          className="h-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          {percent === null ? (
            <div className="h-full w-1/3 animate-[wb-indeterminate_1.2s_ease-in-out_infinite] rounded-full bg-sky-500" />
          ) : (
            <div className="h-full rounded-full bg-sky-500 transition-[width]" style={{ width: `${Math.max(2, percent)}%` }} />
          )}
        </div>
      )}
    </div>
  );
}

function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function formatTime(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : at.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}
