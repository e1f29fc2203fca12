"use client";
// An engine's crawl: the last run's outcome, live progress while one runs (stored on the run
// row, so it shows whichever replica runs it), and "Crawl now" for editors.
import { useEffect, useRef } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, LoaderCircle, RefreshCw } from "lucide-react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useTRPC } from "@/components/trpc/react";
import { formatCount } from "../format";

export function CrawlPanel({ engineId, canCrawl, compact = false }: { engineId: string; canCrawl: boolean; compact?: boolean }) {
  const catalog = useTRPC().catalog;
  const queryClient = useQueryClient();
  const runs = useQuery({
    ...catalog.crawl.runs.queryOptions({ engineId, limit: 1 }),
    // Poll while a crawl runs; stop when it ends.
    refetchInterval: (query) => (query.state.data?.[0]?.status === "running" ? 1_000 : false),
  });
  const start = useMutation(catalog.crawl.start.mutationOptions({ onSuccess: () => void runs.refetch() }));
  const run = runs.data?.[0];

  // When a crawl ends, everything the catalog shows may have changed.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (run?.status === "running") wasRunning.current = true;
    else if (wasRunning.current && run) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: catalog.pathKey() });
    }
  }, [run, queryClient, catalog]);

  const running = run?.status === "running";
  const percent = running && run.tablesSeen > 0 ? Math.round((run.tablesDone / run.tablesSeen) * 100) : null;

  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        {!run ? (
          <span className="text-slate-600 dark:text-slate-400">{runs.isLoading ? "Checking the last crawl…" : "Never crawled."}</span>
        ) : running ? (
          <span className="flex items-center gap-1.5 font-medium text-sky-800 dark:text-sky-300" role="status">
            <LoaderCircle aria-hidden className="size-4 animate-spin" />
            Crawling… {formatCount(run.tablesDone)} of {formatCount(run.tablesSeen)} tables listed so far · schema {Math.min(run.schemasDone + 1, run.schemasTotal)} of{" "}
            {formatCount(run.schemasTotal)}
          </span>
        ) : run.status === "succeeded" ? (
          <span className="flex items-center gap-1.5 text-slate-700 dark:text-slate-300">
            <CircleCheck aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" />
            <span>
              Crawled <LocalTime value={run.finishedAt} />: {formatCount(run.tablesDone)} tables
              {!compact && (
                <span className="text-slate-500 dark:text-slate-400">
                  {" "}
                  ({formatCount(run.added)} new, {formatCount(run.changed)} changed, {formatCount(run.removed)} removed)
                </span>
              )}
            </span>
          </span>
        ) : (
          <span className="flex items-center gap-1.5 text-red-700 dark:text-red-300">
            <CircleAlert aria-hidden className="size-4" />
            Last crawl failed <LocalTime value={run.finishedAt} />
          </span>
        )}
        {canCrawl && (
          <Button size="sm" onClick={() => start.mutate({ engineId })} pending={start.isPending} disabled={running}>
            {!start.isPending && <RefreshCw aria-hidden className="size-4" />}
            Crawl now
          </Button>
        )}
      </div>
      {running && (
        <div
          className="h-1.5 w-full max-w-md overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
          role="progressbar"
          aria-label="Crawl progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
        >
          <div className="h-full rounded-full bg-sky-600 transition-[width] dark:bg-sky-400" style={{ width: `${percent ?? 5}%` }} />
        </div>
      )}
      {run?.status === "failed" && !compact && (
        <Alert tone="error" title={`The crawl of ${engineId} failed${run.errorWhere ? ` at ${run.errorWhere}` : ""}`}>
          {run.errorMessage} The catalog still shows what the previous crawl found.
        </Alert>
      )}
      {start.isError && (
        <Alert tone="error" onDismiss={() => start.reset()}>
          {errorMessage(start.error)}
        </Alert>
      )}
    </div>
  );
}
