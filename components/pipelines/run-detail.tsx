"use client";
// A run's page: its state (polled while it is not terminal), the error with its stack trace, its
// child runs as a Gantt, its state history, inputs and outputs (catalog, lineage, bucket links),
// the job's SQL and source, nominal time, processing engine and the other facets as sent.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, FileText, GitFork, Network, TriangleAlert } from "lucide-react";
import { datasetPath } from "@/components/catalog/paths";
import { objectHref } from "@/components/buckets/paths";
import { useTRPC } from "@/components/trpc/react";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { isTerminal } from "@/lib/pipelines/run-states";
import type { RouterOutputs } from "@/server/api/root";
import { Fact, Section } from "./card";
import { formatDuration, shortTaskName } from "./format";
import { Gantt } from "./gantt";
import { jobLineagePath, jobPath, runPath } from "./paths";
import { PipelinesNav } from "./pipelines-nav";
import { SqlBlock } from "./sql-block";
import { RunImpactPanel } from "@/components/alerts/run-impact-panel";
import { EmbeddedLineage, jobFocus } from "@/components/lineage/embedded-lineage";
import { AirflowPanel } from "./airflow-panel";
import { RunStateBadge, stateLabel } from "./state-badge";

type Run = RouterOutputs["pipelines"]["run"];

/** How often a run that is still going is read again. */
export const LIVE_POLL_MS = 3_000;

const link = "font-medium text-sky-700 hover:underline dark:text-sky-300";

export function RunDetailView({ runId, canNotify = false }: { runId: string; /** Editors may notify the owners of stale downstream data. */ canNotify?: boolean }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.pipelines.run.queryOptions({ runId }),
    // Live while the run or one of its children is not finished; stops once all are terminal.
    refetchInterval: (q) => {
      const run = q.state.data;
      return run && isTerminal(run.state) && run.children.every((c) => isTerminal(c.state)) ? false : LIVE_POLL_MS;
    },
  });
  if (query.isError && !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const run = query.data;
  if (!run)
    return (
      <div className="space-y-4" aria-busy>
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  return <RunView run={run} canNotify={canNotify} />;
}

function RunView({ run, canNotify }: { run: Run; canNotify: boolean }) {
  const now = new Date();
  const live = !isTerminal(run.state);
  const inputs = run.datasets.filter((d) => d.direction === "input");
  const outputs = run.datasets.filter((d) => d.direction === "output");
  return (
    <div className="space-y-5">
      <PipelinesNav title="Run">
        <Link href="/pipelines/runs" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
          <ArrowLeft aria-hidden className="size-4" /> All runs
        </Link>
      </PipelinesNav>

      <header className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="flex flex-wrap items-center gap-2">
          <RunStateBadge state={run.state} />
          {live && (
            <span className="text-xs text-sky-700 dark:text-sky-300" aria-live="polite">
              Live: updates every few seconds
            </span>
          )}
        </div>
        <p className="mt-2 text-lg font-semibold break-words text-slate-900 dark:text-white">
          <Link href={jobPath(run.job.namespace, run.job.name)} className="hover:underline">
            {run.job.name}
          </Link>
        </p>
        <p className="text-xs break-all text-slate-500 dark:text-slate-400">
          {run.job.namespace} · run <code>{run.id}</code>
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Fact label="Started">
            <LocalTime value={run.startedAt} format="precise" />
          </Fact>
          <Fact label="Ended">{run.endedAt ? <LocalTime value={run.endedAt} format="precise" /> : live ? "Still running" : "—"}</Fact>
          <Fact label="Duration">{formatDuration(run.durationSeconds ?? (run.startedAt && live ? (now.getTime() - new Date(run.startedAt).getTime()) / 1000 : null))}</Fact>
          <Fact label="Scheduled for">{run.nominal ? <LocalTime value={run.nominal.start} /> : "—"}</Fact>
          <Fact label="Job type">{[run.job.integration, run.job.jobType, run.job.processingType].filter(Boolean).join(" · ") || "—"}</Fact>
          <Fact label="Processing engine">{run.engine ? [run.engine.name, run.engine.version].filter(Boolean).join(" ") || "—" : "—"}</Fact>
          <Fact label="Parent run">
            {run.parent ? (
              run.parent.known ? (
                <Link href={runPath(run.parent.id)} className={link}>
                  {run.parent.job ?? run.parent.id}
                </Link>
              ) : (
                <span title="The parent run has not been reported (yet)">{run.parent.job ?? run.parent.id} (not reported)</span>
              )
            ) : (
              "—"
            )}
          </Fact>
          <Fact label="Lineage">
            <Link href={jobLineagePath(run.job.namespace, run.job.name)} className={`${link} inline-flex items-center gap-1`}>
              <Network aria-hidden className="size-3.5" /> Lineage view
            </Link>
          </Fact>
        </dl>
      </header>

      {run.error && (
        <section aria-labelledby="run-error-title" className="rounded-xl border border-red-200 bg-red-50 p-4 dark:border-red-900/60 dark:bg-red-950/40">
          <h2 id="run-error-title" className="flex items-center gap-2 text-sm font-semibold text-red-800 dark:text-red-200">
            <TriangleAlert aria-hidden className="size-4" /> Error{run.error.language ? ` (${run.error.language})` : ""}
          </h2>
          <p className="mt-2 text-sm break-words whitespace-pre-wrap text-red-900 dark:text-red-100">{run.error.message || "The producer reported a failure without a message."}</p>
          {run.error.stackTrace && (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium text-red-800 dark:text-red-200">Stack trace</summary>
              <pre
                tabIndex={0}
                className="mt-2 max-h-96 overflow-auto rounded bg-white/70 p-3 font-mono text-xs whitespace-pre-wrap text-red-950 dark:bg-black/30 dark:text-red-100"
              >
                {run.error.stackTrace}
              </pre>
            </details>
          )}
        </section>
      )}

      {run.childCount > 0 && (
        <Section id="run-children" title={`Task runs (${run.childCount})`}>
          <Gantt
            label="Task runs over time"
            now={now}
            bars={run.children.map((c) => ({
              id: c.id,
              label: shortTaskName(c.job, run.job.name),
              state: c.state,
              start: new Date(c.startedAt ?? c.createdAt),
              end: c.endedAt ? new Date(c.endedAt) : isTerminal(c.state) ? new Date(c.createdAt) : null,
              href: runPath(c.id),
            }))}
          />
          {run.childCount > run.children.length && (
            <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
              Showing the first {run.children.length} of {run.childCount} task runs by start time.
            </p>
          )}
        </Section>
      )}

      <AirflowPanel runId={run.id} canAct={canNotify} />

      {(run.state === "FAIL" || run.state === "ABORT") && <RunImpactPanel target={{ runId: run.id }} canNotify={canNotify} />}

      {/* ── Lineage (12E): the lineage view embedded, focused on this run's job (components/lineage) ── */}
      <EmbeddedLineage focus={jobFocus(run.job.namespace, run.job.name)} label="Lineage of this run's job" heading="Lineage of this job" />
      {/* ── end of Lineage ── */}

      <div className="grid gap-5 lg:grid-cols-2">
        <Section id="run-datasets" title="Inputs and outputs">
          {run.datasets.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">This run named no datasets.</p>
          ) : (
            <div className="space-y-4">
              <DatasetList title="Reads" datasets={inputs} />
              <DatasetList title="Writes" datasets={outputs} />
            </div>
          )}
        </Section>
        <Section id="run-states" title="State history">
          <ol className="space-y-2 text-sm">
            {run.states.map((s, i) => (
              <li key={i} className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium text-slate-800 dark:text-slate-200">{s.eventType === "OTHER" ? "Other event" : stateLabel(s.eventType)}</span>
                <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                  <LocalTime value={s.eventTime} format="precise" />
                </span>
              </li>
            ))}
          </ol>
        </Section>
      </div>

      {run.sql && (
        <Section id="run-sql" title={`SQL${run.sql.dialect ? ` (${run.sql.dialect})` : ""}`}>
          <SqlBlock sql={run.sql.query} label="The job's SQL" />
        </Section>
      )}

      {run.source && (
        <Section id="run-source" title="Source code">
          <dl className="grid gap-3 sm:grid-cols-3">
            <Fact label="Location">
              {run.source.url && /^https?:\/\//.test(run.source.url) ? (
                <a href={run.source.url} className={`${link} inline-flex items-center gap-1 break-all`} rel="noreferrer noopener" target="_blank">
                  <FileText aria-hidden className="size-3.5 shrink-0" /> {run.source.url}
                </a>
              ) : (
                (run.source.url ?? "—")
              )}
            </Fact>
            <Fact label="Path">{run.source.path ?? "—"}</Fact>
            <Fact label="Version">{run.source.version ?? "—"}</Fact>
          </dl>
        </Section>
      )}

      {Object.keys(run.otherFacets).length > 0 && (
        <Section id="run-facets" title="Other facets">
          <details>
            <summary className="cursor-pointer text-sm text-slate-700 dark:text-slate-300">{Object.keys(run.otherFacets).join(", ")}</summary>
            <pre
              tabIndex={0}
              className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap text-slate-800 dark:bg-slate-950 dark:text-slate-200"
            >
              {JSON.stringify(run.otherFacets, null, 2)}
            </pre>
          </details>
        </Section>
      )}
    </div>
  );
}

function DatasetList({ title, datasets }: { title: string; datasets: Run["datasets"] }) {
  if (datasets.length === 0) return null;
  return (
    <div>
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h3>
      <ul className="mt-1.5 space-y-2">
        {datasets.map((d) => (
          <li key={`${d.namespace} ${d.name}`} className="min-w-0 text-sm">
            <span className="flex items-start gap-1.5">
              <GitFork aria-hidden className="mt-0.5 size-3.5 shrink-0 text-slate-400" />
              <span className="min-w-0">
                {d.catalog ? (
                  <Link href={datasetPath(d.catalog)} className={`${link} break-all`}>
                    {d.name}
                  </Link>
                ) : d.object ? (
                  <Link href={objectHref(d.object.bucket, d.object.key)} className={`${link} break-all`}>
                    {d.name}
                  </Link>
                ) : (
                  <span className="break-all text-slate-800 dark:text-slate-200">{d.name}</span>
                )}
                <span className="block text-xs break-all text-slate-500 dark:text-slate-400">
                  {d.namespace}
                  {d.catalog ? " · in the catalog" : d.object ? ` · object in ${d.object.bucket}` : ""}
                </span>
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
