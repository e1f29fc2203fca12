"use client";
// A quick chart of the result: bar, line or scatter of one column against another. Drawn once
// the run has finished (redrawing thousands of points on every streamed page would be wasted
// work), from at most MAX_CHART_POINTS evenly sampled rows.
import { useId, useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartNoAxesColumn } from "lucide-react";
import { Select } from "@/components/ui/form";
import { EmptyState } from "@/components/ui/empty-state";
import { useDarkMode } from "../editor/use-dark-mode";
import type { RowStore } from "../run/row-store";
import type { ResultColumn } from "../run/types";
import { chartPoints, MAX_CHART_POINTS } from "./chart-sample";
import { isNumericType } from "./cell-format";
import { formatCount } from "../format";

type ChartKind = "bar" | "line" | "scatter";

export function ResultsChart({ columns, rows, rowCount, finished }: { columns: ResultColumn[]; rows: RowStore<unknown[]>; rowCount: number; finished: boolean }) {
  const dark = useDarkMode();
  const id = useId();
  const numericColumns = columns.map((c, i) => ({ c, i })).filter(({ c }) => isNumericType(c.type));
  const defaultY = numericColumns.at(-1)?.i ?? -1;
  const defaultX = columns.findIndex((c, i) => i !== defaultY && !isNumericType(c.type));
  const [kind, setKind] = useState<ChartKind>("bar");
  const [xIndex, setX] = useState(defaultX >= 0 ? defaultX : 0);
  const [yIndex, setY] = useState(defaultY);
  const numericX = isNumericType(columns[xIndex]?.type ?? "");

  const data = useMemo(
    () => (finished && yIndex >= 0 ? chartPoints(rows, rowCount, xIndex, yIndex, kind === "scatter" || (kind === "line" && numericX)) : null),
    [finished, rows, rowCount, xIndex, yIndex, kind, numericX],
  );

  if (numericColumns.length === 0) {
    return (
      <EmptyState icon={ChartNoAxesColumn} title="Nothing to chart">
        Charts need at least one numeric column; this result has none.
      </EmptyState>
    );
  }

  const axis = dark ? "#94a3b8" : "#475569";
  const grid = dark ? "#1e293b" : "#e2e8f0";
  const color = dark ? "#38bdf8" : "#0284c7";
  const tooltipStyle = { backgroundColor: dark ? "#0f172a" : "#ffffff", borderColor: dark ? "#334155" : "#cbd5e1", color: dark ? "#e2e8f0" : "#0f172a", fontSize: 12 };
  const xName = columns[xIndex]?.name ?? "";
  const yName = columns[yIndex]?.name ?? "";

  return (
    <div className="flex h-full flex-col gap-3 p-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="space-y-1 text-xs font-medium text-slate-600 dark:text-slate-400" htmlFor={`${id}-kind`}>
          <span className="block">Chart</span>
          <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ChartKind)} className="h-8 w-32 text-sm">
            <option value="bar">Bar</option>
            <option value="line">Line</option>
            <option value="scatter">Scatter</option>
          </Select>
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-600 dark:text-slate-400" htmlFor={`${id}-x`}>
          <span className="block">X axis</span>
          <Select id={`${id}-x`} value={xIndex} onChange={(e) => setX(Number(e.target.value))} className="h-8 w-44 text-sm">
            {columns.map((c, i) => (
              <option key={i} value={i}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-600 dark:text-slate-400" htmlFor={`${id}-y`}>
          <span className="block">Y axis</span>
          <Select id={`${id}-y`} value={yIndex} onChange={(e) => setY(Number(e.target.value))} className="h-8 w-44 text-sm">
            {numericColumns.map(({ c, i }) => (
              <option key={i} value={i}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
        {data?.sampled && (
          <p className="pb-1.5 text-xs text-amber-700 dark:text-amber-400">
            Showing {formatCount(data.points.length)} of {formatCount(rowCount)} rows (every {formatCount(data.step)}th row; at most {formatCount(MAX_CHART_POINTS)} points).
          </p>
        )}
      </div>
      <div className="min-h-0 flex-1" role="img" aria-label={`${kind} chart of ${yName} by ${xName}`}>
        {!data ? (
          <p className="p-6 text-center text-sm text-slate-500 dark:text-slate-400">The chart is drawn when the query has finished.</p>
        ) : data.points.length === 0 ? (
          <p className="p-6 text-center text-sm text-slate-500 dark:text-slate-400">No rows with a number in {kind === "scatter" ? `${xName} and ${yName}` : yName}.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {kind === "bar" ? (
              <BarChart data={data.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid stroke={grid} vertical={false} />
                <XAxis dataKey="x" stroke={axis} fontSize={11} name={xName} />
                <YAxis stroke={axis} fontSize={11} name={yName} />
                <Tooltip contentStyle={tooltipStyle} cursor={{ fill: grid }} />
                <Bar dataKey="y" name={yName} fill={color} isAnimationActive={false} />
              </BarChart>
            ) : kind === "line" ? (
              <LineChart data={data.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid stroke={grid} vertical={false} />
                <XAxis dataKey="x" stroke={axis} fontSize={11} name={xName} type={numericX ? "number" : "category"} domain={["auto", "auto"]} />
                <YAxis stroke={axis} fontSize={11} name={yName} />
                <Tooltip contentStyle={tooltipStyle} />
                <Line dataKey="y" name={yName} stroke={color} dot={false} strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            ) : (
              <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid stroke={grid} />
                <XAxis dataKey="x" stroke={axis} fontSize={11} name={xName} type="number" domain={["auto", "auto"]} />
                <YAxis dataKey="y" stroke={axis} fontSize={11} name={yName} type="number" domain={["auto", "auto"]} />
                <Tooltip contentStyle={tooltipStyle} cursor={{ strokeDasharray: "3 3" }} />
                <Scatter data={data.points} fill={color} isAnimationActive={false} />
              </ScatterChart>
            )}
          </ResponsiveContainer>
        )}
      </div>
    </div>
  );
}
