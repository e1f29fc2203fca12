"use client";
// A job's duration per UTC day: the p50–p90 band and the p50 line (recharts), the figures also
// in a visually hidden table (daily-chart.tsx).
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/server/api/root";
import { DailyChart, useChartTheme, type DailyColumn } from "./daily-chart";
import { formatDuration } from "./format";

type Point = RouterOutputs["pipelines"]["job"]["durationTrend"][number];

const COLUMNS: DailyColumn<Point>[] = [
  { label: "Runs", value: (p) => p.runs },
  { label: "Median", value: (p) => formatDuration(p.p50) },
  { label: "90th percentile", value: (p) => formatDuration(p.p90) },
];

export function DurationTrend({ points }: { points: Point[] }) {
  const theme = useChartTheme();
  const data = points.map((p) => ({ ...p, band: p.p50 !== null && p.p90 !== null ? [p.p50, p.p90] : null }));
  return (
    <DailyChart height="h-56" caption="Duration per day (UTC)" rows={points} columns={COLUMNS}>
      <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid {...theme.grid} />
        <XAxis {...theme.dayAxis} />
        <YAxis tickFormatter={(v: number) => formatDuration(v)} tick={theme.tick} width={64} />
        <Tooltip
          formatter={(value) => (Array.isArray(value) ? value.map((v) => formatDuration(Number(v))).join(" – ") : formatDuration(Number(value)))}
          contentStyle={theme.tooltip}
        />
        <Area dataKey="band" name="p50–p90" stroke="none" fill="#0ea5e9" fillOpacity={0.2} isAnimationActive={false} connectNulls />
        <Line dataKey="p50" name="Median (p50)" stroke="#0284c7" strokeWidth={2} dot={points.length < 3} isAnimationActive={false} connectNulls />
      </ComposedChart>
    </DailyChart>
  );
}
