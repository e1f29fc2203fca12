// Pieces of an audit event shared by the table (md and up) and the phone cards: the subject by
// name (with what is stored under it) and the details as short key: value pairs.
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

export const none = <span className="text-slate-400 dark:text-slate-500">—</span>;

export function Subject({ event }: { event: AuditRow }) {
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

/** The details as short "key: value" pairs; ids are left to the tooltip with the full JSON. */
export function detailEntries(details: unknown): [string, string][] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return details == null ? [] : [["value", JSON.stringify(details)]];
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== "userId")
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return [key, text.length > 80 ? `${text.slice(0, 79)}…` : text];
    });
}

/** The details as chips (or a dash); the caller puts the full JSON in a tooltip. On phones long values break. */
export function DetailChips({ event }: { event: AuditRow }) {
  const details = detailEntries(event.details);
  if (!details.length) return none;
  return (
    <ul className="flex flex-wrap gap-1">
      {details.map(([key, value]) => (
        <li key={key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono break-all md:break-normal md:whitespace-nowrap dark:bg-slate-800">
          <span className="text-slate-500 dark:text-slate-400">{key}:</span> <span className="text-slate-800 dark:text-slate-200">{value}</span>
        </li>
      ))}
    </ul>
  );
}

/** Who acted: the signed-in user's email, or "system". */
export function Actor({ event }: { event: AuditRow }) {
  return (
    event.actorEmail ?? (
      <span className="text-slate-400 dark:text-slate-500" title="No signed-in user (a sign-in attempt or the system)">
        system
      </span>
    )
  );
}
