// The audit events table: time, actor, action, the subject by name (with what is stored under
// it), outcome, address and details. Skeleton rows under the same header while the first page
// loads. From the `md` breakpoint up a normal table (scrolling inside its box below 60rem); on
// phones each event is a card — action and outcome, then time, actor, subject, address and
// details — with explicit ARIA roles so the table semantics survive the change of display, as in
// the tokens and runs tables.
import { cx } from "@/components/lib/cx";
import { OutcomeBadge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Actor, DetailChips, none, Subject } from "./audit-parts";
import type { AuditRow } from "./types";

const td = "md:table-cell md:px-4 md:py-2.5";
const card = "grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-3 gap-y-1 px-4 py-3 md:table-row md:p-0";
/** A label shown in the phone card only (the table has column headers). */
const phoneLabel = "text-slate-500 md:hidden dark:text-slate-400";

export function AuditTable({ events }: { events: AuditRow[] | undefined }) {
  return (
    <div className="relative md:overflow-x-auto">
      <table role="table" aria-busy={!events || undefined} className="block w-full text-left text-sm md:table md:min-w-[60rem]">
        <caption className="sr-only">Audit events</caption>
        <thead
          role="rowgroup"
          className="hidden border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase md:table-header-group dark:border-slate-800 dark:bg-slate-900/80 dark:text-slate-400"
        >
          <tr role="row">
            {["Time", "Actor", "Action", "Subject", "Outcome", "IP", "Details"].map((h) => (
              <th key={h} role="columnheader" scope="col" className="px-4 py-3 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
          {!events ? Array.from({ length: 8 }, (_, i) => <SkeletonRow key={i} />) : events.map((event) => <EventRow key={event.id} event={event} />)}
        </tbody>
      </table>
    </div>
  );
}

function EventRow({ event }: { event: AuditRow }) {
  return (
    <tr role="row" className={cx(card, "md:align-top md:hover:bg-slate-50/60 dark:md:hover:bg-slate-800/30")}>
      <td role="cell" className={cx(td, "col-span-2 row-start-2 text-xs whitespace-nowrap text-slate-600 tabular-nums md:text-sm dark:text-slate-400")}>
        <LocalTime value={event.at} format="precise" />
      </td>
      <td role="cell" className={cx(td, "col-span-2 row-start-3 min-w-0 truncate text-slate-800 md:max-w-52 dark:text-slate-200")} title={event.actorEmail ?? undefined}>
        <span className={phoneLabel}>By </span>
        <Actor event={event} />
      </td>
      <td role="cell" className={cx(td, "col-start-1 row-start-1 min-w-0 font-mono text-xs break-all text-slate-800 md:break-normal md:whitespace-nowrap dark:text-slate-200")}>
        {event.action}
      </td>
      <td role="cell" className={cx(td, "col-span-2 row-start-4 min-w-0 text-slate-800 md:max-w-72 md:truncate dark:text-slate-200")}>
        <Subject event={event} />
      </td>
      <td role="cell" className={cx(td, "col-start-2 row-start-1")}>
        <OutcomeBadge outcome={event.outcome} />
      </td>
      <td role="cell" className={cx(td, "col-span-2 row-start-5 text-xs whitespace-nowrap text-slate-600 tabular-nums md:text-sm dark:text-slate-400")}>
        <span className={phoneLabel}>IP </span>
        {event.ip ?? none}
      </td>
      <td role="cell" className={cx(td, "col-span-2 row-start-6 text-xs text-slate-600 dark:text-slate-400")} title={event.details ? JSON.stringify(event.details) : undefined}>
        <DetailChips event={event} />
      </td>
    </tr>
  );
}

function SkeletonRow() {
  return (
    <tr role="row" className={card}>
      {["w-36", "w-40", "w-28", "w-40", "w-16", "w-20", "w-32"].map((w, i) => (
        <td key={i} role="cell" className={cx(td, "md:py-3", i > 3 && "hidden")}>
          <Skeleton className={`h-4 ${w}`} />
        </td>
      ))}
    </tr>
  );
}
