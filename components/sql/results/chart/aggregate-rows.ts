// A chart's numbers over the rows in the browser, when they are the whole result (not cut at
// the row limit): exact, every row, in time slices (see ../grid/sliced.ts). The same answers as
// sql.aggregate computes on the server (DuckDB or the run's engine) for results that are not all
// here. Group keys are given back as text, as the server's kept path does; ordering them by the
// column's type is chart-data.ts's job.
import type { AggregateFunction, GroupValue, HistogramBin } from "@/server/sql/aggregate-schema";
import type { RowSource } from "../grid/row-view";
import { textKey } from "../grid/column-kind";
import type { Progress } from "../grid/sliced";
import { toNumber } from "../cell-format";

const YIELD_EVERY = 8_192;
/** As the server's MAX_CHART_GROUPS (a value the browser bundle cannot import from server/). */
export const MAX_GROUPS = 1_000;

export class NotNumericError extends Error {
  constructor(
    readonly column: string,
    readonly sample: string,
  ) {
    super(`${column} holds text such as ${JSON.stringify(sample.slice(0, 40))}`);
    this.name = "NotNumericError";
  }
}

type Acc = { count: number; n: number; sum: number; min: number; max: number };

export function* groupRows(
  rows: RowSource,
  rowCount: number,
  key: number,
  measure: { index: number; name: string } | null,
  fn: AggregateFunction,
): Generator<Progress, { groups: GroupValue[]; groupCount: number }> {
  const numeric = measure !== null && fn !== "count";
  const groups = new Map<string | null, Acc>();
  for (let i = 0; i < rowCount; i++) {
    const row = rows.get(i);
    if (!row) continue;
    const k = textKey(row[key]);
    let acc = groups.get(k);
    if (!acc) {
      acc = { count: 0, n: 0, sum: 0, min: Infinity, max: -Infinity };
      groups.set(k, acc);
    }
    acc.count++;
    if (numeric) {
      const raw = row[measure.index];
      const v = toNumber(raw);
      if (v === null) {
        if (raw !== null && raw !== undefined) throw new NotNumericError(measure.name, textKey(raw) ?? "");
      } else {
        acc.n++;
        acc.sum += v;
        if (v < acc.min) acc.min = v;
        if (v > acc.max) acc.max = v;
      }
    }
    if (i % YIELD_EVERY === 0) yield i / rowCount;
  }
  const out: GroupValue[] = [];
  for (const [k, acc] of groups) out.push({ key: k, value: valueOf(acc, numeric ? fn : "count") });
  // Like the server: only the largest groups are drawn (a million bars would freeze the page).
  if (out.length > MAX_GROUPS) out.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)).length = MAX_GROUPS;
  return { groups: out, groupCount: groups.size };
}

function valueOf(acc: Acc, fn: AggregateFunction): number | null {
  if (fn === "count") return acc.count;
  if (acc.n === 0) return null; // as SQL: sum/avg/min/max of no values is NULL
  if (fn === "sum") return acc.sum;
  if (fn === "avg") return acc.sum / acc.n;
  return fn === "min" ? acc.min : acc.max;
}

/** Equal-width bins from the least to the greatest value (the greatest in the last bin); NULLs left out. */
export function* histogramRows(rows: RowSource, rowCount: number, column: { index: number; name: string }, bins: number): Generator<Progress, HistogramBin[]> {
  const values = new Float64Array(rowCount);
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < rowCount; i++) {
    const raw = rows.get(i)?.[column.index];
    const v = toNumber(raw);
    if (v === null) {
      if (raw !== null && raw !== undefined) throw new NotNumericError(column.name, textKey(raw) ?? "");
    } else {
      values[n++] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (i % YIELD_EVERY === 0) yield (i / rowCount) * 0.7;
  }
  if (n === 0) return [];
  const count = lo === hi ? 1 : bins;
  const width = lo === hi ? 0 : (hi - lo) / count;
  const counts = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i++) {
    const bin = width === 0 ? 0 : Math.min(count - 1, Math.floor((values[i]! - lo) / width));
    counts[bin]!++;
    if (i % YIELD_EVERY === 0) yield 0.7 + (i / n) * 0.3;
  }
  return counts.map((c, i) => ({ start: lo + i * width, end: i === count - 1 ? hi : lo + (i + 1) * width, count: c }));
}
