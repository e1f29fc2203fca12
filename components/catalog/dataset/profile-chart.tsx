"use client";
// A column's histogram with axes and tooltips (recharts), loaded lazily by profile-details.tsx so
// the dataset page's first load carries no chart library; the same bins in a visually hidden
// table for screen readers.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useChartTheme } from "@/components/pipelines/daily-chart";
import { formatCount } from "../format";
import { binLabel, type ColumnProfile, type HistogramBin } from "./profile-format";

export function ProfileChart({ kind, bins, name }: { kind: ColumnProfile["kind"]; bins: HistogramBin[]; name: string }) {
  const theme = useChartTheme();
  const data = bins.map((b) => ({ label: binLabel(kind, b), count: b.count }));
  return (
    <figure>
      <figcaption className="mb-1.5 text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Histogram ({bins.length} equal-width bins)</figcaption>
      <div className="h-44 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -12 }} barCategoryGap={1}>
            <CartesianGrid {...theme.grid} />
            <XAxis dataKey="label" tick={theme.tick} minTickGap={16} />
            <YAxis allowDecimals={false} tick={theme.tick} tickFormatter={(v: number) => formatCount(v)} />
            <Tooltip cursor={theme.cursor} contentStyle={theme.tooltip} formatter={(v) => [formatCount(Number(v)), "rows"]} />
            <Bar dataKey="count" name="rows" fill="#0284c7" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Histogram of {name}</caption>
        <thead>
          <tr>
            <th scope="col">Values</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <td>{d.label}</td>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
