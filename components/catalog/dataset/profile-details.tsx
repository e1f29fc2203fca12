"use client";
// One column's profile in full: its figures, the histogram with labelled bins (recharts, loaded
// only when a details panel opens) or its most frequent values, how and when it was computed,
// and Refresh for this column alone.
import dynamic from "next/dynamic";
import { errorCode, errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCount } from "../format";
import { boundText, percent, profileAge, samplingText } from "./profile-format";
import type { ColumnProfileEntry } from "./use-column-profiles";

const ProfileChart = dynamic(() => import("./profile-chart").then((m) => m.ProfileChart), { ssr: false, loading: () => <Skeleton className="h-44 w-full" /> });

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-mono text-sm break-all text-slate-900 dark:text-slate-100">{value}</dd>
    </div>
  );
}

export function ProfileDetails({
  open,
  onClose,
  entry,
  onRefresh,
  refreshing,
  error,
}: {
  open: boolean;
  onClose: () => void;
  entry: ColumnProfileEntry;
  onRefresh: (confirmed: boolean) => void;
  refreshing: boolean;
  error: unknown;
}) {
  const { column, from } = entry;
  const asked = error !== null && errorCode(error) === "PRECONDITION_FAILED";
  const topTotal = column.topValues?.reduce((sum, t) => sum + t.count, 0) ?? 0;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={
        <span className="font-mono">
          {column.name} <span className="font-sans text-sm font-normal text-violet-700 dark:text-violet-300">{column.type}</span>
        </span>
      }
      description={`Profiled ${profileAge(from.computedAt)} by ${from.computedBy} on ${samplingText(from)}.`}
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" pending={refreshing} onClick={() => onRefresh(asked)}>
            {asked ? "Run the profile" : "Refresh this column"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {from.stale && <Alert tone="info">The columns changed since this profile was computed: Refresh to see the current ones.</Alert>}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label="Null" value={`${percent(column.nullShare)} (${formatCount(from.sampledRows - column.nonNull)} rows)`} />
          <Figure label="Not null" value={formatCount(column.nonNull)} />
          <Figure label="Distinct (approximate)" value={column.distinct === null ? "not counted for this type" : `≈ ${formatCount(column.distinct)}`} />
          {column.kind !== "other" && column.kind !== "boolean" && (
            <>
              <Figure label="Min" value={boundText(column.min)} />
              <Figure label="Max" value={boundText(column.max)} />
            </>
          )}
        </dl>
        {column.histogram && column.histogram.length > 0 && <ProfileChart kind={column.kind} bins={column.histogram} name={column.name} />}
        {column.topValues && column.topValues.length > 0 && (
          <div>
            <h3 className="mb-1.5 text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Most frequent values</h3>
            <ul className="space-y-1">
              {column.topValues.map((t) => (
                <li key={t.value} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 text-sm">
                  <span className="relative min-w-0 truncate rounded px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:text-slate-200" title={t.value}>
                    <span
                      className="absolute inset-y-0 left-0 rounded bg-sky-100 dark:bg-sky-900/50"
                      style={{ width: `${(t.count / Math.max(1, column.topValues![0]!.count)) * 100}%` }}
                      aria-hidden
                    />
                    <span className="relative">{t.value === "" ? "(empty text)" : t.value}</span>
                  </span>
                  <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
                    {formatCount(t.count)} · {percent(t.count / Math.max(1, from.sampledRows))}
                  </span>
                </li>
              ))}
            </ul>
            {column.nonNull > topTotal && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{formatCount(column.nonNull - topTotal)} rows hold other values.</p>}
          </div>
        )}
        {column.kind === "other" && <p className="text-sm text-slate-500 dark:text-slate-400">Values of this type ({column.type}) get a null share only.</p>}
        {error !== null && <Alert tone={asked ? "info" : "error"}>{errorMessage(error)}</Alert>}
      </div>
    </Dialog>
  );
}
