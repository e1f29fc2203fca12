"use client";
// What the per-day charts (a job's duration trend, runs per day by outcome) share: colours for
// light and dark, the UTC-day axis and grid, the tooltip's look, and the frame — the chart in a
// fixed-height responsive box hidden from screen readers, the same figures in a visually hidden
// table for them.
import type { ReactElement, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { useDarkMode } from "@/components/sql/editor/use-dark-mode";

export function useChartTheme() {
  const dark = useDarkMode();
  const axis = dark ? "#94a3b8" : "#64748b";
  return {
    grid: { strokeDasharray: "3 3", stroke: dark ? "#1e293b" : "#e2e8f0", vertical: false },
    /** The x axis: UTC days shown as MM-DD. */
    dayAxis: { dataKey: "day", tickFormatter: (d: string) => d.slice(5), tick: { fill: axis, fontSize: 11 }, minTickGap: 12 },
    tick: { fill: axis, fontSize: 11 },
    tooltip: { background: dark ? "#0f172a" : "#fff", border: `1px solid ${dark ? "#334155" : "#e2e8f0"}`, fontSize: 12 },
    cursor: { fill: dark ? "#1e293b" : "#f1f5f9" },
  };
}

export type DailyColumn<R> = { label: string; value: (row: R) => ReactNode };

export function DailyChart<R extends { day: string }>({
  height,
  caption,
  rows,
  columns,
  children,
}: {
  /** Tailwind height class of the chart box. */
  height: string;
  caption: string;
  rows: R[];
  columns: DailyColumn<R>[];
  /** One recharts chart (ResponsiveContainer takes a single child). */
  children: ReactElement;
}) {
  return (
    <div>
      <div className={`${height} w-full`} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      {/* The wrapper hides it: a table would not shrink to sr-only's 1px itself and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th>Day</th>
              {columns.map((c) => (
                <th key={c.label}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.day}>
                <td>{r.day}</td>
                {columns.map((c) => (
                  <td key={c.label}>{c.value(r)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
