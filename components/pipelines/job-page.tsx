"use client";
// A job's page: what it is, its figures over the window, its duration trend with p50/p90 bands,
// a year of runs per day, its tasks (for a DAG) and its runs, newest first.
import dynamic from "next/dynamic";
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowLeft, Network } from "lucide-react";
import { EmbeddedLineage, jobFocus } from "@/components/lineage/embedded-lineage";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import type { Window } from "@/lib/pipelines/run-states";
import { CalendarHeatmap } from "./calendar-heatmap";
import { Fact, Section } from "./card";
import { formatDuration, formatPercent, shortTaskName } from "./format";
import { jobLineagePath, jobPath } from "./paths";
import { PipelinesNav } from "./pipelines-nav";
import { RunsTable } from "./runs-table";
import { SqlBlock } from "./sql-block";
import { RunStateBadge } from "./state-badge";
import { useUrlState } from "@/components/lib/use-url-state";
import { AirflowNextRun } from "./airflow-panel";

// recharts (about 100 KB gzipped) in a chunk of its own, fetched once the page is interactive
// (ssr: false, else Next would preload it with the page).
const DurationTrend = dynamic(() => import("./duration-trend").then((m) => m.DurationTrend), { ssr: false, loading: () => <Skeleton className="h-48" /> });

const link = "font-medium text-sky-700 hover:underline dark:text-sky-300";

export function JobPage({ namespace, name }: { namespace: string; name: string }) {
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const window = (["24h", "7d", "30d"].includes(params.get("window") ?? "") ? params.get("window") : "30d") as Window;
  const job = useQuery(trpc.pipelines.job.queryOptions({ namespace, name, window }));
  const runs = useInfiniteQuery(trpc.pipelines.runs.infiniteQueryOptions({ job: { namespace, name }, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  if (job.isError && !job.data) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  return (
    <div className="space-y-5">
      <PipelinesNav title={j?.parent ? shortTaskName(name, j.parent.name) : name}>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <Link href="/pipelines" className="inline-flex items-center gap-1 text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
            <ArrowLeft aria-hidden className="size-4" /> All pipelines
          </Link>
          {j?.parent && (
            <span className="text-slate-600 dark:text-slate-400">
              Task of{" "}
              <Link href={jobPath(j.parent.namespace, j.parent.name)} className={link}>
                {j.parent.name}
              </Link>
            </span>
          )}
          <Link href={jobLineagePath(namespace, name)} className={`${link} inline-flex items-center gap-1`}>
            <Network aria-hidden className="size-3.5" /> Lineage view
          </Link>
        </div>
      </PipelinesNav>

      {!j ? (
        <Skeleton className="h-40 w-full" />
      ) : (
        <>
          <header className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <p className="text-xs break-all text-slate-500 dark:text-slate-400">
              {namespace} · <span className="text-slate-700 dark:text-slate-300">{name}</span>
            </p>
            {j.description && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{j.description}</p>}
            <AirflowNextRun namespace={namespace} name={name} />
            <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
              <dl className="grid grow grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
                <Fact label="Last run">
                  <RunStateBadge state={j.stats.lastRun?.state} />
                </Fact>
                <Fact label={`Success (${window})`}>{formatPercent(j.stats.successRate)}</Fact>
                <Fact label={`Median (${window})`}>{formatDuration(j.stats.medianSeconds)}</Fact>
                <Fact label={`Runs (${window})`}>
                  {j.stats.runs} ({j.stats.failed} failed)
                </Fact>
                <Fact label={j.stats.late ? "Late: was due" : "Next run expected"}>
                  <span className={j.stats.late ? "font-medium text-amber-700 dark:text-amber-300" : undefined}>
                    <LocalTime value={j.stats.expectedNextAt} empty="No cadence yet" />
                  </span>
                </Fact>
                <Fact label="Type">{[j.integration, j.jobType, j.processingType].filter(Boolean).join(" · ") || "—"}</Fact>
              </dl>
              <label className="text-xs font-medium text-slate-600 dark:text-slate-400">
                Window
                <Select className="mt-1 w-32" value={window} onChange={(e) => set({ window: e.target.value === "30d" ? undefined : e.target.value })}>
                  <option value="24h">24 hours</option>
                  <option value="7d">7 days</option>
                  <option value="30d">30 days</option>
                </Select>
              </label>
            </div>
          </header>

          <div className="grid gap-5 lg:grid-cols-2">
            <Section id="duration" title="Duration per day (p50 and p90)">
              {j.durationTrend.some((p) => p.p50 !== null) ? (
                <DurationTrend points={j.durationTrend} />
              ) : (
                <p className="py-8 text-center text-sm text-slate-600 dark:text-slate-400">No finished run in this window.</p>
              )}
            </Section>
            <Section id="calendar" title="Runs per day">
              <CalendarHeatmap days={j.heatmap} today={new Date()} />
            </Section>
          </div>

          {j.tasks.length > 0 && (
            <Section id="tasks" title={`Tasks (${j.tasks.length})`}>
              <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {j.tasks.map((t) => (
                  <li key={t.name} className="flex min-w-0 items-center justify-between gap-2 rounded-lg border border-slate-100 px-3 py-2 dark:border-slate-800">
                    <Link href={jobPath(t.namespace, t.name)} className="truncate text-sm font-medium text-slate-900 hover:underline dark:text-slate-100" title={t.name}>
                      {shortTaskName(t.name, name)}
                    </Link>
                    <RunStateBadge state={t.lastState} />
                  </li>
                ))}
              </ul>
            </Section>
          )}

          {(j.stats.outputCount > 0 || j.sql) && (
            <div className="grid gap-5 lg:grid-cols-2">
              {j.stats.outputCount > 0 && (
                <Section id="outputs" title="Writes">
                  <ul className="space-y-2 text-sm">
                    {j.stats.outputs.map((o) => (
                      <li key={`${o.namespace} ${o.name}`} className="flex flex-wrap items-center justify-between gap-2">
                        <span className="min-w-0 break-all text-slate-800 dark:text-slate-200">{o.name}</span>
                        <span className={`text-xs ${o.stale ? "font-medium text-amber-700 dark:text-amber-300" : "text-slate-500 dark:text-slate-400"}`}>
                          {o.lastChangeAt ? (
                            <>
                              {o.stale ? "Stale, changed " : "Changed "}
                              <LocalTime value={o.lastChangeAt} />
                            </>
                          ) : (
                            "Not in the catalog"
                          )}
                        </span>
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
              {j.sql && (
                <Section id="sql" title={`SQL${j.sql.dialect ? ` (${j.sql.dialect})` : ""}`}>
                  <SqlBlock sql={j.sql.query} label="The job's SQL" />
                </Section>
              )}
            </div>
          )}
        </>
      )}

      {/* ── Lineage (12E): the lineage view embedded, focused on this job (components/lineage) ── */}
      <EmbeddedLineage focus={jobFocus(namespace, name)} label="Lineage of this job" heading="Lineage" />
      {/* ── end of Lineage ── */}

      <section aria-labelledby="job-runs-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="job-runs-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900 dark:border-slate-800 dark:text-slate-100">
          Runs
        </h2>
        {runs.isError && !runs.data ? (
          <QueryError error={runs.error} onRetry={() => void runs.refetch()} compact />
        ) : !runs.data ? (
          <SkeletonRows label="Loading runs" rows={4} height="h-12" />
        ) : runs.data.pages[0]?.runs.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600 dark:text-slate-400">No runs yet.</p>
        ) : (
          <>
            <RunsTable runs={runs.data.pages.flatMap((p) => p.runs)} showJob={false} />
            {runs.hasNextPage && (
              <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">
                <Button size="sm" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                  {runs.isFetchingNextPage ? "Loading…" : "Load more"}
                </Button>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
