"use client";
// Runs per day by outcome (succeeded, failed, other), stacked bars (recharts), with the same
// figures in a visually hidden table for screen readers (daily-chart.tsx).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/server/api/root";
import { DailyChart, useChartTheme, type DailyColumn } from "./daily-chart";
import { STATE_COLOURS } from "./state-badge";

type Day = RouterOutputs["pipelines"]["overview"]["days"][number];

const COLUMNS: DailyColumn<Day>[] = [
  { label: "Succeeded", value: (d) => d.succeeded },
  { label: "Failed or aborted", value: (d) => d.failed },
  { label: "Other", value: (d) => d.other },
];

export function OutcomesChart({ days }: { days: Day[] }) {
  const theme = useChartTheme();
  return (
    <DailyChart height="h-48" caption="Runs per day (UTC)" rows={days} columns={COLUMNS}>
      <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
        <CartesianGrid {...theme.grid} />
        <XAxis {...theme.dayAxis} />
        <YAxis allowDecimals={false} tick={theme.tick} />
        <Tooltip cursor={theme.cursor} contentStyle={theme.tooltip} />
        <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill={STATE_COLOURS.COMPLETE} isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed or aborted" stackId="runs" fill={STATE_COLOURS.FAIL} isAnimationActive={false} />
        <Bar dataKey="other" name="Running or reported" stackId="runs" fill={STATE_COLOURS.NEW} isAnimationActive={false} />
      </BarChart>
    </DailyChart>
  );
}
