"use client";
// A job's duration per UTC day: the p50–p90 band and the p50 line (recharts), the figures also
// in a visually hidden table.
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDarkMode } from "@/components/sql/editor/use-dark-mode";
import type { RouterOutputs } from "@/server/api/root";
import { formatDuration } from "./format";

type Point = RouterOutputs["pipelines"]["job"]["durationTrend"][number];

export function DurationTrend({ points }: { points: Point[] }) {
  const dark = useDarkMode();
  const axis = dark ? "#94a3b8" : "#64748b";
  const data = points.map((p) => ({ ...p, band: p.p50 !== null && p.p90 !== null ? [p.p50, p.p90] : null }));
  return (
    <div>
      <div className="h-56 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={dark ? "#1e293b" : "#e2e8f0"} vertical={false} />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fill: axis, fontSize: 11 }} minTickGap={12} />
            <YAxis tickFormatter={(v: number) => formatDuration(v)} tick={{ fill: axis, fontSize: 11 }} width={64} />
            <Tooltip
              formatter={(value) => (Array.isArray(value) ? value.map((v) => formatDuration(Number(v))).join(" – ") : formatDuration(Number(value)))}
              contentStyle={{ background: dark ? "#0f172a" : "#fff", border: `1px solid ${dark ? "#334155" : "#e2e8f0"}`, fontSize: 12 }}
            />
            <Area dataKey="band" name="p50–p90" stroke="none" fill="#0ea5e9" fillOpacity={0.2} isAnimationActive={false} connectNulls />
            <Line dataKey="p50" name="Median (p50)" stroke="#0284c7" strokeWidth={2} dot={points.length < 3} isAnimationActive={false} connectNulls />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {/* The wrapper hides it: a table would not shrink to sr-only's 1px itself and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>Duration per day (UTC)</caption>
          <thead>
            <tr>
              <th>Day</th>
              <th>Runs</th>
              <th>Median</th>
              <th>90th percentile</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <td>{p.day}</td>
                <td>{p.runs}</td>
                <td>{formatDuration(p.p50)}</td>
                <td>{formatDuration(p.p90)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
