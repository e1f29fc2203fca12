"use client";
// Runs as a table from the `md` breakpoint up and as small cards on phones (explicit ARIA roles
// keep the table semantics when CSS changes display), as the tokens table does.
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { RouterOutputs } from "@/server/api/root";
import { formatDuration } from "./format";
import { jobPath, runPath } from "./paths";
import { RunStateBadge } from "./state-badge";

type Run = RouterOutputs["pipelines"]["runs"]["runs"][number];

const th = "px-4 py-3 font-medium";
const td = "md:table-cell md:px-4 md:py-3 md:align-middle";

export function RunsTable({ runs, showJob = true }: { runs: Run[]; showJob?: boolean }) {
  return (
    <table role="table" aria-label="Runs" className="block w-full text-left text-sm md:table">
      <thead
        role="rowgroup"
        className="hidden border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase md:table-header-group dark:border-slate-800 dark:bg-slate-900/80 dark:text-slate-400"
      >
        <tr role="row">
          <th role="columnheader" scope="col" className={th}>
            State
          </th>
          {showJob && (
            <th role="columnheader" scope="col" className={th}>
              Job
            </th>
          )}
          <th role="columnheader" scope="col" className={th}>
            Started
          </th>
          <th role="columnheader" scope="col" className={th}>
            Duration
          </th>
          <th role="columnheader" scope="col" className={th}>
            Run
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup" className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
        {runs.map((run) => (
          <tr
            role="row"
            key={run.id}
            className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 px-4 py-3 md:table-row md:p-0 md:hover:bg-slate-50/60 dark:md:hover:bg-slate-800/30"
          >
            <td role="cell" className={`${td} order-2 justify-self-end md:order-none`}>
              <RunStateBadge state={run.state} />
            </td>
            {showJob && (
              <td role="cell" className={`${td} order-1 min-w-0 md:order-none md:max-w-md`}>
                <Link href={jobPath(run.namespace, run.job)} className="block truncate font-medium text-slate-900 hover:underline dark:text-slate-100" title={run.job}>
                  {run.job}
                </Link>
                <span className="block truncate text-xs text-slate-500 dark:text-slate-400" title={run.namespace}>
                  {run.namespace}
                  {run.parentRunId ? " · task run" : ""}
                </span>
                {run.errorMessage && (
                  <span className="block truncate text-xs text-red-700 dark:text-red-300" title={run.errorMessage}>
                    {run.errorMessage}
                  </span>
                )}
              </td>
            )}
            <td role="cell" className={`${td} order-3 text-xs text-slate-600 md:order-none md:text-sm dark:text-slate-400`}>
              <LocalTime value={run.startedAt ?? run.createdAt} />
            </td>
            <td role="cell" className={`${td} order-4 justify-self-end text-xs text-slate-600 tabular-nums md:order-none md:justify-self-auto md:text-sm dark:text-slate-400`}>
              {run.durationSeconds !== null ? formatDuration(run.durationSeconds) : run.endedAt ? "—" : "running"}
            </td>
            <td role="cell" className={`${td} order-5 col-span-2 md:order-none`}>
              <Link href={runPath(run.id)} className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-300" aria-label={`Run ${run.id} of ${run.job}`}>
                Open run
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
