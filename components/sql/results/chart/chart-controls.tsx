"use client";
// The chart's choices: kind, what to group by, what to measure and how, or a histogram's column
// and bins. Plain labelled selects (keyboard and screen readers work as for any form).
import type { ReactNode } from "react";
import { Select } from "@/components/ui/form";
import type { AggregateFunction } from "@/server/sql/aggregate-schema";
import type { ResultColumn } from "../../run/types";

export type ChartKind = "bar" | "line" | "area" | "scatter" | "pie" | "histogram";
export type ChartChoice = { kind: ChartKind; key: number; measure: number | null; fn: AggregateFunction; histogramColumn: number; bins: number };

const KINDS: [ChartKind, string][] = [
  ["bar", "Bar"],
  ["line", "Line"],
  ["area", "Area"],
  ["scatter", "Scatter"],
  ["pie", "Pie"],
  ["histogram", "Histogram"],
];
const FUNCTIONS: [AggregateFunction, string][] = [
  ["count", "Count"],
  ["sum", "Sum"],
  ["avg", "Average"],
  ["min", "Minimum"],
  ["max", "Maximum"],
];
const BINS = [5, 10, 20, 50, 100];

export function ChartControls({ id, columns, choice, onChange }: { id: string; columns: ResultColumn[]; choice: ChartChoice; onChange: (next: ChartChoice) => void }) {
  const set = (patch: Partial<ChartChoice>) => onChange({ ...choice, ...patch });
  const options = columns.map((c, i) => (
    <option key={i} value={i}>
      {c.name}
    </option>
  ));
  return (
    <>
      <Labelled id={`${id}-kind`} label="Chart">
        <Select id={`${id}-kind`} value={choice.kind} onChange={(e) => set({ kind: e.target.value as ChartKind })} className="h-8 w-32 text-sm">
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Labelled>
      {choice.kind === "histogram" ? (
        <>
          <Labelled id={`${id}-column`} label="Column">
            <Select id={`${id}-column`} value={choice.histogramColumn} onChange={(e) => set({ histogramColumn: Number(e.target.value) })} className="h-8 w-44 text-sm">
              {options}
            </Select>
          </Labelled>
          <Labelled id={`${id}-bins`} label="Bins">
            <Select id={`${id}-bins`} value={choice.bins} onChange={(e) => set({ bins: Number(e.target.value) })} className="h-8 w-24 text-sm">
              {BINS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Labelled>
        </>
      ) : (
        <>
          <Labelled id={`${id}-key`} label="Group by">
            <Select id={`${id}-key`} value={choice.key} onChange={(e) => set({ key: Number(e.target.value) })} className="h-8 w-44 text-sm">
              {options}
            </Select>
          </Labelled>
          <Labelled id={`${id}-fn`} label="Function">
            <Select id={`${id}-fn`} value={choice.fn} onChange={(e) => set({ fn: e.target.value as AggregateFunction })} className="h-8 w-32 text-sm">
              {FUNCTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Labelled>
          <Labelled id={`${id}-measure`} label="Of">
            <Select
              id={`${id}-measure`}
              value={choice.fn === "count" ? "" : (choice.measure ?? "")}
              disabled={choice.fn === "count"}
              onChange={(e) => set({ measure: e.target.value === "" ? null : Number(e.target.value) })}
              className="h-8 w-44 text-sm"
            >
              {choice.fn === "count" && <option value="">rows</option>}
              {choice.fn !== "count" && choice.measure === null && <option value="">choose a column</option>}
              {options}
            </Select>
          </Labelled>
        </>
      )}
    </>
  );
}

function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <label className="space-y-1 text-xs font-medium text-slate-600 dark:text-slate-400" htmlFor={id}>
      <span className="block">{label}</span>
      {children}
    </label>
  );
}
