// The audit events table: time, actor, action, the subject by name (with what is stored under
// it), outcome, address and details. Skeleton rows under the same header while the first page loads.
import { OutcomeBadge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import type { AuditRow } from "./types";

const KIND_LABELS: Record<string, string> = {
  dataset: "Dataset",
  team: "Team",
  "alert-rule": "Alert rule",
  "alert-channel": "Alert channel",
  query: "Saved query",
  connection: "Connection",
  user: "User",
};

export function AuditTable({ events }: { events: AuditRow[] | undefined }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[60rem] text-left text-sm">
        <caption className="sr-only">Audit events</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:bg-slate-900/80 dark:text-slate-400">
          <tr>
            {["Time", "Actor", "Action", "Subject", "Outcome", "IP", "Details"].map((h) => (
              <th key={h} scope="col" className="px-4 py-3 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {!events ? Array.from({ length: 8 }, (_, i) => <SkeletonRow key={i} />) : events.map((event) => <EventRow key={event.id} event={event} />)}
        </tbody>
      </table>
    </div>
  );
}

const none = <span className="text-slate-400 dark:text-slate-500">—</span>;

function Subject({ event }: { event: AuditRow }) {
  const info = event.subjectInfo;
  if (!event.subject) return none;
  if (!info) return <span title={event.subject}>{event.subject}</span>;
  if (info.kind === "user") {
    return (
      <span title={event.subject}>
        {event.subject}
        {info.label && info.label !== event.subject && <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{info.label}</span>}
      </span>
    );
  }
  return (
    <span title={event.subject}>
      <span className="text-xs text-slate-500 dark:text-slate-400">{KIND_LABELS[info.kind] ?? info.kind} </span>
      {info.gone ? (
        <>
          <span className="font-mono text-xs">{event.subject.slice(event.subject.search(/[0-9a-f]{8}-/i))}</span>{" "}
          <span className="text-xs text-amber-700 italic dark:text-amber-400">(deleted)</span>
        </>
      ) : (
        <span className="font-medium">{info.label}</span>
      )}
    </span>
  );
}

function EventRow({ event }: { event: AuditRow }) {
  const details = detailEntries(event.details);
  return (
    <tr className="align-top hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
      <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">
        <LocalTime value={event.at} format="precise" />
      </td>
      <td className="max-w-52 truncate px-4 py-2.5 text-slate-800 dark:text-slate-200" title={event.actorEmail ?? undefined}>
        {event.actorEmail ?? (
          <span className="text-slate-400 dark:text-slate-500" title="No signed-in user (a sign-in attempt or the system)">
            system
          </span>
        )}
      </td>
      <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap text-slate-800 dark:text-slate-200">{event.action}</td>
      <td className="max-w-72 truncate px-4 py-2.5 text-slate-800 dark:text-slate-200">
        <Subject event={event} />
      </td>
      <td className="px-4 py-2.5">
        <OutcomeBadge outcome={event.outcome} />
      </td>
      <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">{event.ip ?? none}</td>
      <td className="px-4 py-2.5 text-xs text-slate-600 dark:text-slate-400" title={event.details ? JSON.stringify(event.details) : undefined}>
        {details.length ? (
          <ul className="flex flex-wrap gap-1">
            {details.map(([key, value]) => (
              <li key={key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono whitespace-nowrap dark:bg-slate-800">
                <span className="text-slate-500 dark:text-slate-400">{key}:</span> <span className="text-slate-800 dark:text-slate-200">{value}</span>
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </td>
    </tr>
  );
}

/** The details as short "key: value" pairs; ids are left to the tooltip with the full JSON. */
function detailEntries(details: unknown): [string, string][] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return details == null ? [] : [["value", JSON.stringify(details)]];
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== "userId")
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return [key, text.length > 80 ? `${text.slice(0, 79)}…` : text];
    });
}

function SkeletonRow() {
  return (
    <tr>
      {["w-36", "w-40", "w-28", "w-40", "w-16", "w-20", "w-32"].map((w, i) => (
        <td key={i} className="px-4 py-3">
          <Skeleton className={`h-4 ${w}`} />
        </td>
      ))}
    </tr>
  );
}
