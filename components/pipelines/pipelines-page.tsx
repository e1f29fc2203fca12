"use client";
// The pipelines page: filters kept in the URL, runs per day by outcome, the last day's runs
// across pipelines on a timeline, and every pipeline with its tasks and their figures.
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ChevronRight, Clock, Workflow } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/form";
import { ListStates } from "@/components/ui/list-panel";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/server/api/root";
import { Section } from "./card";
import { formatDuration, formatPercent, shortTaskName } from "./format";
import { Gantt } from "./gantt";
import { jobPath, runPath } from "./paths";
import { PipelinesNav } from "./pipelines-nav";
import { Sparkline } from "./sparkline";
import { RunStateBadge } from "./state-badge";
import { useUrlState } from "@/components/lib/use-url-state";
import { defined, pipelinesViewFrom } from "./view-state";
import { FilterBar, FilterField, StateSelect } from "./filter-bar";

// recharts (about 100 KB gzipped) in a chunk of its own, fetched once the page is interactive
// (ssr: false, else Next would preload it with the page).
const OutcomesChart = dynamic(() => import("./outcomes-chart").then((m) => m.OutcomesChart), { ssr: false, loading: () => <Skeleton className="h-48" /> });

type Pipeline = RouterOutputs["pipelines"]["list"]["pipelines"][number];
type Job = Pipeline["tasks"][number];

export function PipelinesPage({ timelineFrom, timelineTo }: { timelineFrom: string; timelineTo: string }) {
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const view = pipelinesViewFrom(params);
  const list = useQuery(trpc.pipelines.list.queryOptions(defined(view)));
  const overview = useQuery(trpc.pipelines.overview.queryOptions({ window: view.window }));
  const timeline = useQuery(trpc.pipelines.timeline.queryOptions({ from: timelineFrom, to: timelineTo }));
  const filtered = Boolean(view.state || view.namespace || view.owner || view.q);

  return (
    <div className="space-y-5">
      <PipelinesNav title="Pipelines">
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Every producer&apos;s jobs from their OpenLineage runs: DAGs with their tasks, dbt projects with their models, lone jobs.
        </p>
      </PipelinesNav>

      <Filters view={view} namespaces={list.data?.namespaces ?? []} onChange={set} />

      <div className="grid gap-5 lg:grid-cols-2">
        <Section id="outcomes" title={`Runs per day, last ${view.window === "24h" ? "day" : view.window.replace("d", " days")}`}>
          {overview.isError && !overview.data ? (
            <QueryError error={overview.error} onRetry={() => void overview.refetch()} compact />
          ) : !overview.data ? (
            <Skeleton className="h-48 w-full" />
          ) : overview.data.runs === 0 ? (
            <p className="py-10 text-center text-sm text-slate-600 dark:text-slate-400">No runs in this window.</p>
          ) : (
            <>
              <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
                {overview.data.runs} runs, {overview.data.failed} failed or aborted (days in UTC)
              </p>
              <OutcomesChart days={overview.data.days} />
            </>
          )}
        </Section>
        <Section
          id="timeline"
          title="Last 24 hours across pipelines"
          actions={
            <Link href="/pipelines/runs?topLevel=1" className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-300">
              All runs
            </Link>
          }
        >
          {timeline.isError && !timeline.data ? (
            <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} compact />
          ) : !timeline.data ? (
            <Skeleton className="h-48 w-full" />
          ) : timeline.data.bars.length === 0 ? (
            <p className="py-10 text-center text-sm text-slate-600 dark:text-slate-400">No pipeline ran in the last 24 hours.</p>
          ) : (
            <div className="max-h-72 overflow-y-auto pr-1">
              <Gantt
                label="Pipeline runs in the last 24 hours"
                now={new Date(timelineTo)}
                from={new Date(timelineFrom)}
                to={new Date(timelineTo)}
                bars={timeline.data.bars.map((b) => ({
                  id: b.id,
                  label: b.job,
                  state: b.state,
                  start: new Date(b.startAt),
                  end: b.endAt ? new Date(b.endAt) : null,
                  href: runPath(b.id),
                }))}
              />
              {timeline.data.cut && <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Showing the newest {timeline.data.bars.length} runs.</p>}
            </div>
          )}
        </Section>
      </div>

      <ListStates
        query={list}
        pending={<SkeletonRows label="Loading pipelines" rows={4} height="h-24" />}
        isEmpty={(data) => data.pipelines.length === 0}
        empty={
          <div className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <EmptyState icon={Workflow} title={filtered ? "No pipeline matches these filters" : "No pipeline has reported a run yet"}>
              {filtered
                ? "Clear a filter to see more."
                : "Runs appear here as soon as a producer (Airflow, dbt, Spark, the portal's demo pipeline) sends OpenLineage events to /api/v1/lineage."}
            </EmptyState>
          </div>
        }
      >
        {(data) => (
          <div className="space-y-3">
            <ul aria-label="Pipelines" className="space-y-3">
              {data.pipelines.map((p) => (
                <PipelineCard key={p.id} pipeline={p} window={view.window} />
              ))}
            </ul>
            <nav aria-label="Pipelines pages" className="flex items-center justify-between gap-3">
              {view.cursor ? (
                <Button size="sm" onClick={() => set({ cursor: undefined })}>
                  First page
                </Button>
              ) : (
                <span />
              )}
              {data.nextCursor && (
                <Button size="sm" onClick={() => set({ cursor: data.nextCursor ?? undefined }, { keepCursor: true })}>
                  Next page <ChevronRight aria-hidden className="size-4" />
                </Button>
              )}
            </nav>
          </div>
        )}
      </ListStates>
    </div>
  );
}

function Filters({
  view,
  namespaces,
  onChange,
}: {
  view: ReturnType<typeof pipelinesViewFrom>;
  namespaces: string[];
  onChange: (patch: Record<string, string | undefined>) => void;
}) {
  const [q, setQ] = useState(view.q ?? "");
  const [owner, setOwner] = useState(view.owner ?? "");
  const options = useMemo(() => (view.namespace && !namespaces.includes(view.namespace) ? [view.namespace, ...namespaces] : namespaces), [namespaces, view.namespace]);
  return (
    <FilterBar label="Filter pipelines" columns="sm:grid-cols-3 lg:grid-cols-7" onSubmit={() => onChange({ q: q.trim() || undefined, owner: owner.trim() || undefined })}>
      <FilterField label="Name" className="col-span-2 sm:col-span-1 lg:col-span-2">
        <Input className="mt-1" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Pipeline or task" />
      </FilterField>
      <FilterField label="Owner">
        <Input className="mt-1" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="e-mail or team" />
      </FilterField>
      <FilterField label="Last run">
        <StateSelect value={view.state ?? ""} anyLabel="Any state" onChange={(state) => onChange({ state })} />
      </FilterField>
      <FilterField label="Namespace">
        <Select className="mt-1" value={view.namespace ?? ""} onChange={(e) => onChange({ namespace: e.target.value || undefined })}>
          <option value="">All</option>
          {options.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField label="Window">
        <Select className="mt-1" value={view.window} onChange={(e) => onChange({ window: e.target.value === "7d" ? undefined : e.target.value })}>
          <option value="24h">24 hours</option>
          <option value="7d">7 days</option>
          <option value="30d">30 days</option>
        </Select>
      </FilterField>
      <FilterField label="Sort">
        <Select className="mt-1" value={view.sort} onChange={(e) => onChange({ sort: e.target.value === "name" ? undefined : e.target.value })}>
          <option value="name">Name</option>
          <option value="recent">Last run</option>
          <option value="success">Lowest success rate</option>
          <option value="duration">Longest median</option>
        </Select>
      </FilterField>
      <button type="submit" className="sr-only">
        Apply filters
      </button>
    </FilterBar>
  );
}

function PipelineCard({ pipeline, window }: { pipeline: Pipeline; window: string }) {
  return (
    <li className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <JobRow job={pipeline} window={window} lead />
      {pipeline.tasks.length > 0 && (
        <details className="border-t border-slate-100 dark:border-slate-800">
          <summary className="cursor-pointer px-4 py-2 text-xs font-medium text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
            {pipeline.taskCount} {pipeline.taskCount === 1 ? "task" : "tasks"}
            {pipeline.tasks.some((t) => t.stats.lastRun?.state === "FAIL") ? " · a task failed last time" : ""}
          </summary>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {pipeline.tasks.map((t) => (
              <JobRow key={t.id} job={t} window={window} parentName={pipeline.name} />
            ))}
          </ul>
          {pipeline.taskCount > pipeline.tasks.length && (
            <p className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400">
              Showing {pipeline.tasks.length} of {pipeline.taskCount} tasks:{" "}
              <Link href={jobPath(pipeline.namespace, pipeline.name)} className="text-sky-700 hover:underline dark:text-sky-300">
                open the pipeline
              </Link>
              .
            </p>
          )}
        </details>
      )}
    </li>
  );
}

function JobRow({ job, window, lead = false, parentName }: { job: Job; window: string; lead?: boolean; parentName?: string }) {
  const s = job.stats;
  const Wrapper = lead ? "div" : "li";
  return (
    <Wrapper
      className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-4 ${lead ? "py-3" : "py-2.5 pl-6 text-sm"} md:grid-cols-[minmax(0,1fr)_7rem_6rem_6rem_7rem_9rem]`}
    >
      <div className="min-w-0">
        <Link
          href={jobPath(job.namespace, job.name)}
          className={`block truncate ${lead ? "font-semibold" : "font-medium"} text-slate-900 hover:underline dark:text-slate-100`}
          title={job.name}
        >
          {parentName ? shortTaskName(job.name, parentName) : job.name}
        </Link>
        <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={job.namespace}>
          {[job.namespace, job.integration, job.jobType].filter(Boolean).join(" · ")}
        </p>
        {s.outputCount > 0 && (
          <p className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400">
            Writes {s.outputCount} {s.outputCount === 1 ? "dataset" : "datasets"}
            {s.staleOutputs > 0 ? <span className="font-medium text-amber-700 dark:text-amber-300"> · {s.staleOutputs} stale</span> : null}
          </p>
        )}
      </div>
      <div className="justify-self-end md:justify-self-start">
        {s.lastRun ? (
          <Link href={runPath(s.lastRun.id)} aria-label={`Last run of ${job.name}`} className="rounded-full focus-visible:outline-2 focus-visible:outline-sky-600">
            <RunStateBadge state={s.lastRun.state} />
          </Link>
        ) : (
          <RunStateBadge state={null} />
        )}
      </div>
      <Figure label={`Success, ${window}`} value={formatPercent(s.successRate)} />
      <Figure label="Median" value={formatDuration(s.medianSeconds)} />
      <div className="hidden md:block">
        <Sparkline runs={s.recent} />
      </div>
      <div className="col-span-2 text-xs text-slate-600 md:col-span-1 dark:text-slate-400">
        {s.expectedNextAt ? (
          <span className={`inline-flex items-center gap-1 ${s.late ? "font-medium text-amber-700 dark:text-amber-300" : ""}`}>
            <Clock aria-hidden className="size-3.5" />
            {s.late ? "Late: due " : "Next "}
            <LocalTime value={s.expectedNextAt} />
          </span>
        ) : (
          <span className="text-slate-400 dark:text-slate-500">No cadence yet</span>
        )}
      </div>
    </Wrapper>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
      <span className="md:sr-only">{label}: </span>
      <span className="font-medium text-slate-800 dark:text-slate-200">{value}</span>
    </p>
  );
}
