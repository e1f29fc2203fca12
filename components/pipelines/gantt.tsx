"use client";
// Runs on a time axis: one row per run, a bar from its start to its end (to now while it runs).
// Serves a run's child runs (its Gantt) and the cross-pipeline timeline. Plain positioned divs in
// percentages, so it fits any width without horizontal scrolling; on phones the label sits above
// its bar. Each bar is a link to its run, with its times and state in its accessible name.
import Link from "next/link";
import { formatTime } from "@/components/ui/local-time";
import { formatDuration } from "./format";
import { STATE_COLOURS, stateLabel } from "./state-badge";

export type GanttBar = { id: string; label: string; state: string; start: Date; end: Date | null; href: string };

export function Gantt({ bars, now, label, from, to }: { bars: GanttBar[]; now: Date; label: string; from?: Date; to?: Date }) {
  if (bars.length === 0) return null;
  const start = from?.getTime() ?? Math.min(...bars.map((b) => b.start.getTime()));
  const end = to?.getTime() ?? Math.max(...bars.map((b) => (b.end ?? now).getTime()));
  const span = Math.max(1, end - start);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => new Date(start + f * span));
  const sameDay = ticks[0]!.toDateString() === ticks[4]!.toDateString();
  return (
    <figure aria-label={label} className="space-y-1 text-xs">
      <div className="grid grid-cols-1 gap-x-3 sm:grid-cols-[minmax(0,12rem)_1fr]">
        <span className="hidden sm:block" />
        <div aria-hidden className="relative h-5 border-b border-slate-200 text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {ticks.map((t, i) => (
            <span
              key={i}
              suppressHydrationWarning
              className={`absolute top-0 whitespace-nowrap tabular-nums ${i === 0 ? "" : i === 4 ? "-translate-x-full" : "-translate-x-1/2"} ${i % 2 ? (sameDay ? "hidden sm:inline" : "hidden") : ""}`}
              style={{ left: `${i * 25}%` }}
            >
              {t.toLocaleString(undefined, sameDay ? { timeStyle: "short" } : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}
            </span>
          ))}
        </div>
      </div>
      <ul className="space-y-1.5 sm:space-y-1">
        {bars.map((bar) => {
          const s = Math.max(bar.start.getTime(), start);
          const e = Math.min((bar.end ?? now).getTime(), end);
          const left = ((s - start) / span) * 100;
          const width = Math.max(0.6, ((e - s) / span) * 100);
          const seconds = ((bar.end ?? now).getTime() - bar.start.getTime()) / 1000;
          const running = !bar.end;
          const name = `${bar.label}: ${stateLabel(bar.state)}, from ${formatTime(bar.start, "precise")}${bar.end ? ` to ${formatTime(bar.end, "precise")}` : ", still running"} (${formatDuration(seconds)})`;
          return (
            <li key={bar.id} className="grid grid-cols-1 items-center gap-x-3 sm:grid-cols-[minmax(0,12rem)_1fr]">
              <span className="truncate text-slate-700 dark:text-slate-300" title={bar.label}>
                {bar.label}
              </span>
              <div className="relative h-4 rounded bg-slate-100 dark:bg-slate-800/70">
                <Link
                  href={bar.href}
                  aria-label={name}
                  title={name}
                  className={`absolute inset-y-0 rounded focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600 ${running ? "animate-pulse" : ""}`}
                  style={{
                    left: `${Math.min(left, 99.4)}%`,
                    width: `${Math.min(width, 100 - Math.min(left, 99.4))}%`,
                    backgroundColor: STATE_COLOURS[bar.state] ?? STATE_COLOURS.NEW,
                  }}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
