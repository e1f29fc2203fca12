// The runs of one history page. From the `md` breakpoint up a fixed-layout table (the SQL column
// gets what the others leave and truncates; below xl the table scrolls inside its box); on phones
// each row is a card — status and start time, the statement, engine, rows and duration, then the
// actions at full width — with explicit ARIA roles so the table semantics survive the change of
// display, as in the tokens and runs tables.
import { cx } from "@/components/lib/cx";
import { LocalTime } from "@/components/ui/local-time";
import { formatCount, formatDuration } from "../format";
import { HistoryRunActions } from "./history-run-actions";
import { RunStatusBadge } from "./run-status-badge";
import type { HistoryRun } from "./types";

const th = "px-4 py-2.5";
const td = "md:table-cell md:px-4 md:py-2.5";
/** A label shown in the phone card only (the table has column headers). */
const phoneLabel = "text-slate-500 md:hidden dark:text-slate-400";

export function HistoryRuns({ runs, engineLabel, showUser }: { runs: HistoryRun[]; engineLabel: (engineId: string) => string; showUser: boolean }) {
  return (
    <div className="relative md:overflow-x-auto">
      <table role="table" aria-label="Past runs" className="block w-full text-sm md:table md:min-w-[72rem] md:table-fixed">
        <thead
          role="rowgroup"
          className="hidden border-b border-slate-200 bg-slate-50 text-left text-xs font-medium text-slate-500 md:table-header-group dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400"
        >
          <tr role="row">
            <th role="columnheader" scope="col" className={cx(th, "w-32")}>
              Status
            </th>
            <th role="columnheader" scope="col" className={th}>
              SQL
            </th>
            <th role="columnheader" scope="col" className={cx(th, "w-52")}>
              Engine
            </th>
            <th role="columnheader" scope="col" className={cx(th, "w-24 text-right")}>
              Rows
            </th>
            <th role="columnheader" scope="col" className={cx(th, "w-24 text-right")}>
              Duration
            </th>
            <th role="columnheader" scope="col" className={cx(th, "w-48")}>
              Started
            </th>
            <th role="columnheader" scope="col" className={cx(th, "w-40")}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
          {runs.map((run) => (
            <tr
              key={run.id}
              role="row"
              className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1.5 px-4 py-3 md:table-row md:p-0 md:align-top md:hover:bg-slate-50/70 dark:md:hover:bg-slate-800/30"
            >
              <td role="cell" className={cx(td, "col-start-1 row-start-1")}>
                <RunStatusBadge status={run.status} />
              </td>
              <td role="cell" className={cx(td, "col-span-2 row-start-2 min-w-0")}>
                <code
                  className="line-clamp-3 font-mono text-xs break-all text-slate-800 md:line-clamp-none md:block md:truncate md:break-normal dark:text-slate-200"
                  title={run.sql.slice(0, 2_000)}
                >
                  {run.sql.replace(/\s+/g, " ").slice(0, 300)}
                </code>
                {run.errorMessage && run.status === "failed" && (
                  <p className="mt-0.5 line-clamp-2 text-xs break-words text-red-700 md:line-clamp-none md:truncate dark:text-red-400">{run.errorMessage}</p>
                )}
                {showUser && <p className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400">{run.user.email}</p>}
              </td>
              <td role="cell" className={cx(td, "col-span-2 row-start-3 min-w-0 truncate text-xs text-slate-600 md:text-sm dark:text-slate-400")}>
                {engineLabel(run.engineId)}
              </td>
              <td role="cell" className={cx(td, "col-start-1 row-start-4 text-xs whitespace-nowrap text-slate-700 tabular-nums md:text-right md:text-sm dark:text-slate-300")}>
                <span className={phoneLabel}>Rows </span>
                {run.rowCount === null ? "—" : formatCount(run.rowCount)}
                {run.truncated && (
                  <span className="ml-1 text-xs text-amber-700 dark:text-amber-400" title="Cut at the row limit">
                    +
                  </span>
                )}
              </td>
              <td
                role="cell"
                className={cx(td, "col-start-2 row-start-4 justify-self-end text-xs whitespace-nowrap text-slate-700 tabular-nums md:text-right md:text-sm dark:text-slate-300")}
              >
                <span className={phoneLabel}>Duration </span>
                {run.durationMs === null ? "—" : formatDuration(run.durationMs)}
              </td>
              <td role="cell" className={cx(td, "col-start-2 row-start-1 justify-self-end text-xs whitespace-nowrap text-slate-600 md:text-sm dark:text-slate-400")}>
                <LocalTime value={run.startedAt} />
              </td>
              <td role="cell" className={cx(td, "col-span-2 row-start-5 md:py-2")}>
                {/* Stacked in the table: two actions side by side would not fit the column. */}
                <HistoryRunActions run={run} className="-mx-2 flex-wrap md:mx-0 md:flex-col md:flex-nowrap md:items-end" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
