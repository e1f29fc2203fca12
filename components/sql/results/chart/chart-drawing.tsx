"use client";
// The drawing itself (recharts), for data that is already aggregated: one point per group, or
// one bar per histogram bin. No animation: a chart appears at once and exports as it looks.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Line, LineChart, Pie, PieChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBin } from "@/server/sql/aggregate-schema";
import type { ChartKind } from "./chart-controls";
import type { ChartDatum } from "./chart-data";

const PIE_COLORS = ["#0284c7", "#f59e0b", "#10b981", "#e11d48", "#8b5cf6", "#14b8a6", "#f97316", "#6366f1", "#84cc16", "#ec4899", "#64748b", "#a16207"];
const compact = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

export type Theme = { axis: string; grid: string; color: string; tooltip: Record<string, string | number> };

type Props =
  | { kind: Exclude<ChartKind, "histogram">; data: ChartDatum[]; numericX: boolean; xName: string; yName: string; theme: Theme }
  | { kind: "histogram"; bins: HistogramBin[]; xName: string; theme: Theme };

export function ChartDrawing(props: Props) {
  const { theme } = props;
  const margin = { top: 8, right: 16, bottom: 8, left: 8 };
  const grid = <CartesianGrid stroke={theme.grid} vertical={false} />;
  const tooltip = <Tooltip contentStyle={theme.tooltip} cursor={{ fill: theme.grid }} formatter={(v) => (typeof v === "number" ? compact.format(v) : String(v))} />;
  const yAxis = <YAxis stroke={theme.axis} fontSize={11} tickFormatter={(v: number) => compact.format(v)} />;

  if (props.kind === "histogram") {
    const data = props.bins.map((b) => ({ label: `${compact.format(b.start)}–${compact.format(b.end)}`, y: b.count }));
    return (
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={margin} barCategoryGap={1}>
          {grid}
          <XAxis dataKey="label" stroke={theme.axis} fontSize={11} name={props.xName} />
          {yAxis}
          {tooltip}
          <Bar dataKey="y" name="rows" fill={theme.color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    );
  }
  const { kind, data, numericX, xName, yName } = props;
  const xAxis = <XAxis dataKey={numericX ? "x" : "label"} stroke={theme.axis} fontSize={11} name={xName} type={numericX ? "number" : "category"} domain={["auto", "auto"]} />;
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === "bar" ? (
        <BarChart data={data} margin={margin}>
          {grid}
          <XAxis dataKey="label" stroke={theme.axis} fontSize={11} name={xName} />
          {yAxis}
          {tooltip}
          <Bar dataKey="y" name={yName} fill={theme.color} isAnimationActive={false} />
        </BarChart>
      ) : kind === "line" ? (
        <LineChart data={data} margin={margin}>
          {grid}
          {xAxis}
          {yAxis}
          {tooltip}
          <Line dataKey="y" name={yName} stroke={theme.color} dot={data.length <= 60} strokeWidth={2} isAnimationActive={false} connectNulls />
        </LineChart>
      ) : kind === "area" ? (
        <AreaChart data={data} margin={margin}>
          {grid}
          {xAxis}
          {yAxis}
          {tooltip}
          <Area dataKey="y" name={yName} stroke={theme.color} fill={theme.color} fillOpacity={0.25} strokeWidth={2} isAnimationActive={false} connectNulls />
        </AreaChart>
      ) : kind === "scatter" ? (
        <ScatterChart margin={margin}>
          <CartesianGrid stroke={theme.grid} />
          {xAxis}
          <YAxis dataKey="y" stroke={theme.axis} fontSize={11} name={yName} type="number" domain={["auto", "auto"]} tickFormatter={(v: number) => compact.format(v)} />
          {tooltip}
          <Scatter data={data} fill={theme.color} isAnimationActive={false} />
        </ScatterChart>
      ) : (
        <PieChart margin={margin}>
          {tooltip}
          <Pie data={data} dataKey="y" nameKey="label" outerRadius="80%" label={({ name }: { name?: string }) => name ?? ""} fontSize={11} isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.label} fill={PIE_COLORS[i % PIE_COLORS.length]} />
            ))}
          </Pie>
        </PieChart>
      )}
    </ResponsiveContainer>
  );
}
