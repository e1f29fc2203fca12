// Sorting and filtering the loaded rows without copying them: the result is the list of row
// numbers to show, in order (a Uint32Array: 4 MB for 1,000,000 rows), or null for "all rows as
// they came". The work is a generator (see sliced.ts) so the page stays responsive.
//
// Sorting is type-aware: numbers and dates by value (dates read as UTC), text by code unit, and
// NULLs last in both directions. It is stable: equal keys keep the order the engine sent.
import { formatCell } from "../cell-format";
import { dateMs, numericKey, textKey, type ColumnKind } from "./column-kind";
import type { Progress } from "./sliced";

export type SortSpec = { column: number; direction: "asc" | "desc" };
export type ColumnFilter =
  | { column: number; op: "contains"; text: string }
  | { column: number; op: "equals"; text: string }
  /** Inclusive; an empty bound is open. */
  | { column: number; op: "range"; min: string; max: string };
export type ViewSpec = { sort: SortSpec | null; filters: ColumnFilter[]; quick: string };

export const EMPTY_VIEW: ViewSpec = { sort: null, filters: [], quick: "" };

export type RowSource = { get(index: number): unknown[] | undefined };

/** Yields every this many rows or comparisons: often enough for 12 ms slices, rarely enough to cost nothing. */
const YIELD_EVERY = 8_192;
/** Runs sorted with the engine's own sort before merging. */
const RUN = 1_024;

export function isIdentity(spec: ViewSpec): boolean {
  return !spec.sort && activeFilters(spec).length === 0 && spec.quick.trim() === "";
}

/** Filters whose inputs say something (an empty "contains" filters nothing). */
export function activeFilters(spec: ViewSpec): ColumnFilter[] {
  return spec.filters.filter((f) => (f.op === "range" ? f.min.trim() !== "" || f.max.trim() !== "" : f.text !== ""));
}

export function* buildRowView(rows: RowSource, rowCount: number, kinds: ColumnKind[], spec: ViewSpec): Generator<Progress, Uint32Array | null> {
  if (isIdentity(spec)) return null;
  const filters = activeFilters(spec);
  const quick = spec.quick.trim().toLowerCase();
  const filterShare = filters.length || quick ? (spec.sort ? 0.3 : 1) : 0;

  let indices: Uint32Array;
  if (filterShare > 0) {
    const predicates = filters.map((f) => ({ column: f.column, test: predicate(f, kinds[f.column] ?? "text") }));
    const matches = new Uint32Array(rowCount);
    let n = 0;
    for (let i = 0; i < rowCount; i++) {
      const row = rows.get(i);
      if (row && predicates.every((p) => p.test(row[p.column])) && (!quick || row.some((v) => displayText(v).toLowerCase().includes(quick)))) matches[n++] = i;
      if (i % YIELD_EVERY === 0) yield (i / rowCount) * filterShare;
    }
    indices = matches.slice(0, n);
  } else {
    indices = new Uint32Array(rowCount);
    for (let i = 0; i < rowCount; i++) indices[i] = i;
  }
  if (!spec.sort) return indices;
  const sort = spec.sort;
  const kind = kinds[sort.column] ?? "text";
  const compare = yield* comparator(rows, indices, sort, kind, (p) => filterShare + p * 0.2 * (1 - filterShare));
  return yield* mergeSort(indices, compare, (p) => filterShare + (0.2 + 0.8 * p) * (1 - filterShare));
}

function displayText(value: unknown): string {
  return formatCell(value).text;
}

function predicate(filter: ColumnFilter, kind: ColumnKind): (value: unknown) => boolean {
  if (filter.op === "contains") {
    const text = filter.text.toLowerCase();
    return (v) => displayText(v).toLowerCase().includes(text);
  }
  if (filter.op === "equals") {
    if (kind === "number" || kind === "date") {
      const wanted = kind === "date" ? dateMs(filter.text.trim()) : Number(filter.text.trim());
      const text = filter.text.trim();
      return (v) => numericKey(v, kind) === wanted || displayText(v) === text;
    }
    return (v) => displayText(v) === filter.text;
  }
  if (kind === "number" || kind === "date") {
    const bound = (s: string, open: number) => (s.trim() === "" ? open : kind === "date" ? dateMs(s.trim()) : Number(s.trim()));
    const min = bound(filter.min, -Infinity);
    const max = bound(filter.max, Infinity);
    return (v) => {
      const key = numericKey(v, kind);
      return key >= min && key <= max; // NaN (NULL, unparseable) is in no range
    };
  }
  const { min, max } = filter;
  return (v) => {
    const key = textKey(v);
    return key !== null && (min === "" || key >= min) && (max === "" || key <= max);
  };
}

type Compare = (a: number, b: number) => number;

/** Reads the sort column once into a key array (row lookups are far slower than array reads). */
function* comparator(rows: RowSource, indices: Uint32Array, sort: SortSpec, kind: ColumnKind, progress: (p: number) => number): Generator<Progress, Compare> {
  const sign = sort.direction === "asc" ? 1 : -1;
  const count = indices.length;
  const maxIndex = count ? indices[count - 1]! + 1 : 0; // indices ascend before sorting
  if (kind === "number" || kind === "date" || kind === "boolean") {
    const keys = new Float64Array(maxIndex);
    for (let i = 0; i < count; i++) {
      const r = indices[i]!;
      keys[r] = numericKey(rows.get(r)?.[sort.column], kind);
      if (i % YIELD_EVERY === 0) yield progress(i / count);
    }
    return (a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      const nullA = ka !== ka; // NaN
      const nullB = kb !== kb;
      if (nullA || nullB) return nullA === nullB ? a - b : nullA ? 1 : -1;
      return ka === kb ? a - b : ka < kb ? -sign : sign;
    };
  }
  const keys: (string | null)[] = new Array<string | null>(maxIndex);
  for (let i = 0; i < count; i++) {
    const r = indices[i]!;
    keys[r] = textKey(rows.get(r)?.[sort.column]);
    if (i % YIELD_EVERY === 0) yield progress(i / count);
  }
  return (a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    return ka === kb ? a - b : ka < kb ? -sign : sign;
  };
}

/** Bottom-up merge sort of row numbers; ties are broken by row number, so the order is stable. */
function* mergeSort(input: Uint32Array, compare: Compare, progress: (p: number) => number): Generator<Progress, Uint32Array> {
  const n = input.length;
  let from: Uint32Array = input;
  let to: Uint32Array = new Uint32Array(n);
  const passes = Math.max(1, Math.ceil(Math.log2(Math.max(1, n / RUN))));
  const total = n * (passes + 1);
  let done = 0;
  for (let start = 0; start < n; start += RUN) {
    from.subarray(start, Math.min(n, start + RUN)).sort(compare);
    done += RUN;
    if ((start / RUN) % 8 === 0) yield progress(done / total);
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        to[k++] = compare(from[i]!, from[j]!) <= 0 ? from[i++]! : from[j++]!;
        if ((k & (YIELD_EVERY - 1)) === 0) yield progress((done + k - lo) / total);
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
      done += hi - lo;
    }
    [from, to] = [to, from];
  }
  return from;
}
