"use client";
// Where a chart's numbers come from, never a sample of rows:
//   - the run has finished and every row is here → computed in the browser over all of them;
//   - the result was cut at the row limit → sql.aggregate, computed on the server over the kept
//     result or by the run's engine over the whole statement.
// Text where numbers are needed is refused up front (by the column's type) with the reason.
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import type { AggregateAnswer, AggregateSpec } from "@/server/sql/aggregate-schema";
import type { RowStore } from "../../run/row-store";
import type { ResultColumn } from "../../run/types";
import { columnKind } from "../grid/column-kind";
import { CancelledError, runSliced } from "../grid/sliced";
import { groupRows, histogramRows, NotNumericError } from "./aggregate-rows";

export type ChartData =
  | { status: "waiting" }
  | { status: "refused"; message: string }
  | { status: "computing"; progress: number | null; where: "browser" | "server" }
  | { status: "error"; message: string }
  /** `source`: "loaded" (the browser, every row), or the server's "kept" / "engine". */
  | { status: "done"; answer: ChartAnswer; where: "browser" | "server" };

export type ChartAnswer = (Omit<Extract<AggregateAnswer, { kind: "groups" }>, "source"> | Omit<Extract<AggregateAnswer, { kind: "histogram" }>, "source">) & {
  source: AggregateAnswer["source"] | "loaded";
};

type Args = { columns: ResultColumn[]; rows: RowStore<unknown[]>; rowCount: number; finished: boolean; truncated: boolean; runId: string | null; spec: AggregateSpec };

/** Why this spec cannot be drawn from these columns, or null. */
export function refusal(columns: ResultColumn[], spec: AggregateSpec): string | null {
  const numericNeeded = spec.kind === "histogram" ? spec.value : spec.fn !== "count" ? spec.measure : null;
  if (!numericNeeded) return null;
  const column = columns[numericNeeded.index];
  if (!column || columnKind(column.type) === "number") return null;
  const what = spec.kind === "histogram" ? "A histogram" : `${spec.fn === "avg" ? "An average" : spec.fn === "sum" ? "A sum" : `The ${spec.fn}imum`}`;
  return `${what} needs numbers, and ${column.name} is ${column.type}. Choose a numeric column${spec.kind === "groups" ? ", or count the rows of each group" : ""}.`;
}

export function useChartData({ columns, rows, rowCount, finished, truncated, runId, spec }: Args): ChartData {
  const trpc = useTRPC();
  const refused = useMemo(() => refusal(columns, spec), [columns, spec]);
  const local = finished && !truncated && !refused;
  const remote = finished && truncated && !refused && !!runId;
  const query = useQuery({ ...trpc.sql.aggregate.queryOptions({ runId: runId ?? "", spec }), enabled: remote, staleTime: Infinity, retry: false });
  const [computed, setComputed] = useState<{ key: string; data: ChartData } | null>(null);
  const key = JSON.stringify(spec) + rowCount;

  useEffect(() => {
    if (!local) return;
    const controller = new AbortController();
    const work = spec.kind === "groups" ? groupRows(rows, rowCount, spec.key.index, spec.measure, spec.fn) : histogramRows(rows, rowCount, spec.value, spec.bins);
    // Progress is shown only if the work takes longer than a slice or two.
    runSliced<unknown>(work, { signal: controller.signal, onProgress: (progress) => setComputed({ key, data: { status: "computing", progress, where: "browser" } }) }).then(
      (result) => {
        const answer: ChartAnswer =
          spec.kind === "groups"
            ? { kind: "groups", source: "loaded", ...(result as Pick<Extract<AggregateAnswer, { kind: "groups" }>, "groups" | "groupCount">) }
            : { kind: "histogram", source: "loaded", bins: result as Extract<AggregateAnswer, { kind: "histogram" }>["bins"] };
        setComputed({ key, data: { status: "done", answer, where: "browser" } });
      },
      (err: unknown) => {
        if (err instanceof CancelledError) return;
        const data: ChartData =
          err instanceof NotNumericError
            ? { status: "refused", message: `${err.message}: ${spec.kind === "histogram" ? "a histogram" : `${spec.kind === "groups" ? spec.fn : ""}`} needs numbers.` }
            : { status: "error", message: err instanceof Error ? err.message : String(err) };
        setComputed({ key, data });
      },
    );
    return () => controller.abort();
  }, [local, rows, rowCount, spec, key]);

  if (refused) return { status: "refused", message: refused };
  if (!finished) return { status: "waiting" };
  if (local) return computed?.key === key ? computed.data : { status: "computing", progress: null, where: "browser" };
  if (!runId) return { status: "error", message: "This result was cut at the row limit and has no run to aggregate on the server; raise the row limit and run it again." };
  if (query.error) return { status: "error", message: query.error.message };
  if (query.data) return { status: "done", answer: query.data, where: "server" };
  return { status: "computing", progress: null, where: "server" };
}
