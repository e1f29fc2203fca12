"use client";
// A chart of the result: rows grouped by a column with count, sum, average, minimum or maximum,
// or a histogram of a numeric column — computed over every row, never a sample (see
// chart/use-chart-data.ts for where), drawn with recharts, and saved as a PNG.
import { useId, useMemo, useRef, useState } from "react";
import { ChartNoAxesColumn, ImageDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { AggregateSpec } from "@/server/sql/aggregate-schema";
import { useDarkMode } from "../editor/use-dark-mode";
import type { RowStore } from "../run/row-store";
import type { ResultColumn } from "../run/types";
import { formatCount, plural } from "../format";
import { columnKind } from "./grid/column-kind";
import { ChartControls, type ChartChoice } from "./chart/chart-controls";
import { ChartDrawing, type Theme } from "./chart/chart-drawing";
import { orderedGroups, pieSlices } from "./chart/chart-data";
import { useChartData, type ChartAnswer } from "./chart/use-chart-data";
import { saveBlob } from "@/components/lib/save-blob";
import { svgToPngBlob } from "./chart/png-export";

type Props = { columns: ResultColumn[]; rows: RowStore<unknown[]>; rowCount: number; finished: boolean; truncated: boolean; runId: string | null };

function initialChoice(columns: ResultColumn[]): ChartChoice {
  const numeric = columns.map((c, i) => ({ c, i })).filter(({ c }) => columnKind(c.type) === "number");
  const measure = numeric.at(-1)?.i ?? null;
  const key = columns.findIndex((c, i) => i !== measure && columnKind(c.type) !== "number");
  return { kind: "bar", key: key >= 0 ? key : 0, measure, fn: measure === null ? "count" : "sum", histogramColumn: numeric[0]?.i ?? 0, bins: 20 };
}

function specOf(columns: ResultColumn[], choice: ChartChoice): AggregateSpec {
  const ref = (index: number) => ({ index, name: columns[index]?.name ?? "" });
  if (choice.kind === "histogram") return { kind: "histogram", value: ref(choice.histogramColumn), bins: choice.bins };
  return {
    kind: "groups",
    key: ref(choice.key),
    measure: choice.fn === "count" || choice.measure === null ? null : ref(choice.measure),
    fn: choice.measure === null ? "count" : choice.fn,
  };
}

export function ResultsChart({ columns, rows, rowCount, finished, truncated, runId }: Props) {
  const dark = useDarkMode();
  const id = useId();
  const drawing = useRef<HTMLDivElement>(null);
  const [choice, setChoice] = useState(() => initialChoice(columns));
  const [exportError, setExportError] = useState<string | null>(null);
  const spec = useMemo(() => specOf(columns, choice), [columns, choice]);
  const data = useChartData({ columns, rows, rowCount, finished, truncated, runId, spec });

  const theme: Theme = {
    axis: dark ? "#94a3b8" : "#475569",
    grid: dark ? "#1e293b" : "#e2e8f0",
    color: dark ? "#38bdf8" : "#0284c7",
    tooltip: { backgroundColor: dark ? "#0f172a" : "#ffffff", borderColor: dark ? "#334155" : "#cbd5e1", color: dark ? "#e2e8f0" : "#0f172a", fontSize: 12 },
  };
  const xName = columns[choice.kind === "histogram" ? choice.histogramColumn : choice.key]?.name ?? "";
  const yName = spec.kind === "groups" ? (spec.measure ? `${spec.fn}(${spec.measure.name})` : "count") : "rows";
  const title = spec.kind === "histogram" ? `Histogram of ${xName}` : `${yName} by ${xName}`;

  const exportPng = async () => {
    setExportError(null);
    const svg = drawing.current?.querySelector<SVGSVGElement>("svg.recharts-surface");
    if (!svg) return;
    try {
      saveBlob(await svgToPngBlob(svg, dark ? "#020617" : "#ffffff"), `${title.replace(/[^\w.-]+/g, "_").slice(0, 80)}.png`);
    } catch (err) {
      setExportError(err instanceof Error ? err.message : "The chart could not be saved.");
    }
  };

  if (columns.length === 0) {
    return (
      <EmptyState icon={ChartNoAxesColumn} title="Nothing to chart">
        This result has no columns.
      </EmptyState>
    );
  }

  return (
    <div className="flex h-full flex-col gap-3 overflow-auto p-3">
      <div className="flex flex-wrap items-end gap-3">
        <ChartControls id={id} columns={columns} choice={choice} onChange={setChoice} />
        <Button size="sm" className="mb-px ml-auto" onClick={() => void exportPng()} disabled={data.status !== "done"}>
          <ImageDown aria-hidden className="size-4" />
          Save as PNG
        </Button>
      </div>
      <ChartStatus data={data} rowCount={rowCount} truncated={truncated} />
      {exportError && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {exportError}
        </p>
      )}
      <div ref={drawing} className="min-h-56 flex-1" role="img" aria-label={`${choice.kind} chart: ${title}`} data-testid="chart-drawing">
        <ChartBody data={data} choice={choice} columns={columns} theme={theme} xName={xName} yName={yName} />
      </div>
    </div>
  );
}

function ChartBody({
  data,
  choice,
  columns,
  theme,
  xName,
  yName,
}: {
  data: ReturnType<typeof useChartData>;
  choice: ChartChoice;
  columns: ResultColumn[];
  theme: Theme;
  xName: string;
  yName: string;
}) {
  const message = (text: string, tone: "muted" | "warn" = "muted") => (
    <p
      role={tone === "warn" ? "alert" : undefined}
      className={tone === "warn" ? "p-6 text-center text-sm text-amber-700 dark:text-amber-400" : "p-6 text-center text-sm text-slate-500 dark:text-slate-400"}
    >
      {text}
    </p>
  );
  if (data.status === "waiting") return message("The chart is drawn when the query has finished.");
  if (data.status === "refused") return message(data.message, "warn");
  if (data.status === "error") return message(`The chart could not be computed: ${data.message}`, "warn");
  if (data.status === "computing") return message(data.progress === null ? "Computing…" : `Computing… ${Math.round(data.progress * 100)}%`);
  const { answer } = data;
  if (answer.kind === "histogram") {
    if (answer.bins.length === 0) return message(`${xName} has no values (only NULLs).`);
    return <ChartDrawing kind="histogram" bins={answer.bins} xName={xName} theme={theme} />;
  }
  if (choice.kind === "histogram") return null; // the answer for the new choice is on its way
  const keyKind = columnKind(columns[choice.key]?.type ?? "");
  let points = orderedGroups(answer.groups, keyKind);
  if (choice.kind === "pie") points = pieSlices(points).slices;
  if (points.length === 0) return message("There is nothing to draw: every group's value is NULL or zero.");
  const numericX = keyKind === "number" && choice.kind !== "bar";
  return <ChartDrawing kind={choice.kind} data={points} numericX={numericX} xName={xName} yName={yName} theme={theme} />;
}

function ChartStatus({ data, rowCount, truncated }: { data: ReturnType<typeof useChartData>; rowCount: number; truncated: boolean }) {
  if (data.status !== "done") return null;
  const { answer } = data;
  const over =
    answer.source === "loaded"
      ? `Computed over all ${plural(rowCount, "row")} of the result.`
      : answer.source === "kept"
        ? "Computed on the server over every row of the kept result."
        : `Computed by the engine over the whole result${truncated ? ` (the grid holds only the first ${formatCount(rowCount)} rows)` : ""}.`;
  const groups = answer.kind === "groups" ? groupNote(answer) : "";
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="chart-status">
      {over}
      {groups}
    </p>
  );
}

function groupNote(answer: Extract<ChartAnswer, { kind: "groups" }>): string {
  const shown = Math.min(answer.groups.length, answer.groupCount);
  return shown < answer.groupCount ? ` ${formatCount(answer.groupCount)} groups; showing the ${formatCount(shown)} largest.` : ` ${plural(answer.groupCount, "group")}.`;
}
