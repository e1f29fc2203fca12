"use client";
// One column's profile in the columns table: a bar of its null share and a small histogram (or
// the share of its most frequent values), drawn as plain SVG so the page loads no chart library;
// a click opens the details. Columns past the cap get a button that profiles them alone.
import { useState } from "react";
import { cx } from "@/components/lib/cx";
import { errorCode, errorMessage } from "@/components/lib/trpc-errors";
import { Button, focusRing } from "@/components/ui/button";
import { percent, type ColumnProfile } from "./profile-format";
import { ProfileDetails } from "./profile-details";
import type { ColumnProfiles } from "./use-column-profiles";

function MiniHistogram({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = 64;
  const gap = values.length > 12 ? 0.5 : 1;
  const bar = width / Math.max(1, values.length);
  return (
    <svg viewBox={`0 0 ${width} 20`} className="h-5 w-16 text-sky-600 dark:text-sky-400" role="img" aria-label={label}>
      {values.map((v, i) => {
        const h = v === 0 ? 0 : Math.max(1, (v / max) * 20);
        return <rect key={i} x={i * bar + gap / 2} y={20 - h} width={Math.max(0.5, bar - gap)} height={h} className="fill-current" />;
      })}
    </svg>
  );
}

export function ProfileSummary({ column }: { column: ColumnProfile }) {
  const shape = column.histogram?.map((b) => b.count) ?? column.topValues?.map((t) => t.count) ?? null;
  return (
    <span className="flex items-center gap-2">
      <span className="flex w-20 shrink-0 flex-col gap-1">
        <span className="h-1.5 w-full overflow-hidden rounded-full bg-emerald-500/80 dark:bg-emerald-500/60" aria-hidden>
          <span className="block h-full bg-slate-300 dark:bg-slate-600" style={{ width: `${column.nullShare * 100}%` }} />
        </span>
        <span className="text-[11px] leading-none text-slate-500 tabular-nums dark:text-slate-400">{percent(column.nullShare)} null</span>
      </span>
      {shape && shape.length > 0 ? (
        <MiniHistogram values={shape} label={column.histogram ? `Histogram of ${column.name}` : `Most frequent values of ${column.name}`} />
      ) : (
        <span className="w-16 text-[11px] text-slate-400 dark:text-slate-500">{column.kind === "other" ? "no histogram" : "no values"}</span>
      )}
    </span>
  );
}

export function ProfileCell({ datasetId, name, index, profiles }: { datasetId: string; name: string; index: number; profiles: ColumnProfiles }) {
  const [open, setOpen] = useState(false);
  const entry = profiles.byColumn.get(name);
  const { compute, read } = profiles;
  const pendingHere = compute.isPending && compute.variables?.column === name;
  if (!read.data) return <span className="text-slate-400 dark:text-slate-500">—</span>;
  if (!entry) {
    // Past the cap (or added since): this column alone.
    if (!profiles.main || index < read.data.maxColumns) return <span className="text-slate-400 dark:text-slate-500">—</span>;
    const failed = compute.isError && compute.variables?.column === name;
    // A large Trino table answers "Please confirm: …" with what it will read; a second click agrees.
    const asked = failed && errorCode(compute.error) === "PRECONDITION_FAILED";
    return (
      <span className="flex flex-col items-start gap-1">
        <Button size="sm" variant="ghost" pending={pendingHere} disabled={compute.isPending} onClick={() => compute.mutate({ datasetId, column: name, confirmed: asked })}>
          {asked ? "Run the profile" : "Profile"}
        </Button>
        {failed && <span className={cx("max-w-xs text-xs", asked ? "text-slate-600 dark:text-slate-300" : "text-red-700 dark:text-red-300")}>{errorMessage(compute.error)}</span>}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Profile of ${name}: ${percent(entry.column.nullShare)} null. Show details`}
        className={cx("-m-1 rounded p-1 hover:bg-slate-100 dark:hover:bg-slate-800", focusRing, entry.from.stale && "opacity-60")}
      >
        <ProfileSummary column={entry.column} />
      </button>
      <ProfileDetails
        open={open}
        onClose={() => setOpen(false)}
        entry={entry}
        onRefresh={(confirmed) => compute.mutate({ datasetId, column: name, confirmed })}
        refreshing={pendingHere}
        error={compute.isError && compute.variables?.column === name ? compute.error : null}
      />
    </>
  );
}
