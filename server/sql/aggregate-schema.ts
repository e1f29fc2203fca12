// Input of sql.aggregate: a chart's numbers computed over one of the user's runs, never by
// sampling rows. A column is named by its position and its name (the engine path refers to it
// by name inside the wrapped statement; the kept path checks both against the kept header).
import { z } from "zod";

export const AGGREGATE_FUNCTIONS = ["count", "sum", "avg", "min", "max"] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

/** The most groups a chart gets back (the largest by value); more would not be readable. */
export const MAX_CHART_GROUPS = 1_000;
export const MAX_HISTOGRAM_BINS = 200;

const columnRef = z.strictObject({ index: z.number().int().min(0).max(100_000), name: z.string().min(1).max(1_000) });

export const aggregateSpec = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("groups"), key: columnRef, measure: columnRef.nullable(), fn: z.enum(AGGREGATE_FUNCTIONS, "must be count, sum, avg, min or max") }),
  z.strictObject({ kind: z.literal("histogram"), value: columnRef, bins: z.number().int().min(1).max(MAX_HISTOGRAM_BINS) }),
]);
export type AggregateSpec = z.infer<typeof aggregateSpec>;

export const aggregateInput = z.strictObject({ runId: z.uuid("must be a run id"), spec: aggregateSpec });
export type AggregateInput = z.infer<typeof aggregateInput>;

export type GroupValue = { key: string | number | boolean | null; value: number | null };
export type HistogramBin = { start: number; end: number; count: number };

export type AggregateAnswer =
  /** `groupCount`: how many groups there are; at most MAX_CHART_GROUPS (the largest by value) are returned. */
  { kind: "groups"; source: AggregateSource; groups: GroupValue[]; groupCount: number } | { kind: "histogram"; source: AggregateSource; bins: HistogramBin[] };
/** "kept": DuckDB over the kept result; "engine": the run's engine over the statement (the result was cut at the row limit). */
export type AggregateSource = "kept" | "engine";
