"use client";
// Above the columns: whether the columns have a profile (its age, who ran it, on which rows,
// stale after a schema change), the button that computes or refreshes it, and on Trino what it
// will read — with a confirmation first when that is a lot or unknown.
import { useEffect, useState } from "react";
import { BarChart3, RefreshCw } from "lucide-react";
import { errorCode, errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { profileAge, samplingText } from "./profile-format";
import type { ColumnProfiles } from "./use-column-profiles";

/** Seconds since `since` while `running` (a profile is one request: its progress is its age). */
function useElapsed(running: boolean, since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return running ? Math.max(0, Math.floor((now - since) / 1000)) : 0;
}

export function ProfileStatus({ datasetId, profiles, engineLabel }: { datasetId: string; profiles: ColumnProfiles; engineLabel: string }) {
  const { read, compute, main } = profiles;
  const [confirming, setConfirming] = useState<string | null>(null);
  const elapsed = useElapsed(compute.isPending && compute.variables?.column === undefined, compute.submittedAt);

  if (read.isError) {
    return (
      <Alert
        tone="error"
        title="No column profile"
        className="mb-3"
        action={
          <div className="pt-1">
            <Button size="sm" onClick={() => void read.refetch()}>
              Try again
            </Button>
          </div>
        }
      >
        {errorMessage(read.error)}
      </Alert>
    );
  }
  if (!read.data) return <Skeleton className="mb-3 h-9 w-full" />;

  const plan = read.data.plan;
  const run = (confirmed: boolean) =>
    compute.mutate(
      { datasetId, confirmed },
      {
        onSuccess: () => setConfirming(null),
        onError: (err) => {
          // The plan changed since the page read it (or was never shown): ask with the server's words.
          if (errorCode(err) === "PRECONDITION_FAILED") setConfirming(errorMessage(err).replace(/^Please confirm: /, ""));
        },
      },
    );
  const start = () => (plan?.needsConfirmation ? setConfirming(plan.summary) : run(false));
  const capped = read.data.totalColumns > read.data.maxColumns;
  const pendingAll = compute.isPending && compute.variables?.column === undefined;
  const failedAll = compute.isError && compute.variables?.column === undefined && errorCode(compute.error) !== "PRECONDITION_FAILED";

  return (
    <div className="mb-3 space-y-2" data-testid="profile-status">
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-950/40">
        <p className="min-w-0 flex-1 text-slate-700 dark:text-slate-300" role="status">
          {pendingAll ? (
            <>
              Profiling the columns through {engineLabel}… {elapsed > 0 && <span className="tabular-nums">{elapsed} s</span>}
            </>
          ) : main ? (
            <>
              Profiled {profileAge(main.computedAt)} by {main.computedBy} on {samplingText(main)}
              {capped && ` · the first ${main.columns.length} of ${read.data.totalColumns} columns`}
              {main.stale && (
                <span title="The columns changed since this profile was computed">
                  <Badge tone="amber" className="ml-2">
                    Stale: the schema changed
                  </Badge>
                </span>
              )}
            </>
          ) : (
            <>No profile yet: null share, distinct count, min/max and a histogram per column, computed through {engineLabel} as you.</>
          )}
        </p>
        <Button size="sm" variant={main ? "secondary" : "primary"} pending={pendingAll} disabled={compute.isPending} onClick={start}>
          {main ? <RefreshCw aria-hidden className="size-4" /> : <BarChart3 aria-hidden className="size-4" />}
          {main ? "Refresh" : "Profile columns"}
        </Button>
      </div>
      {plan && !pendingAll && <p className="text-xs text-slate-500 dark:text-slate-400">What it reads: {plan.summary}</p>}
      {capped && !main && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          This table has {read.data.totalColumns} columns: the first {read.data.maxColumns} are profiled together; profile any other one from its row.
        </p>
      )}
      {failedAll && <Alert tone="error">{errorMessage(compute.error)}</Alert>}
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title="Profile a large table?"
        confirmLabel="Run the profile"
        pending={compute.isPending}
        error={compute.isError && errorCode(compute.error) !== "PRECONDITION_FAILED" ? errorMessage(compute.error) : null}
        onConfirm={() => run(true)}
      >
        <p>{confirming}</p>
        <p className="mt-2">It runs as you, with your engine permissions and a time limit.</p>
      </ConfirmDialog>
    </div>
  );
}
