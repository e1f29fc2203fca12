// The two statements of a profile, in the SQL both engines read (DuckDB's and Trino's), over the
// table or its sample:
//   1. figures: count(*), and per column count (non-null), an approximate distinct count
//      (HyperLogLog: DuckDB approx_count_distinct, Trino approx_distinct), min and max, and the
//      min and max of its "measure" (the number; days or seconds since 1970) for the bins;
//   2. histograms in ONE scan: GROUPING SETS with one set per column — its bin number (from the
//      bounds of step 1) or its value as text — and the most frequent 20 groups of each set.
// Plain SELECTs: on DuckDB they pass the sandbox like any viewer's statement; on Trino they run
// as the user, under Trino's access control.
import { sqlQualifiedName } from "../names";
import { quoteIdentifier } from "../../../lib/sql/identifiers";
import type { EngineKind } from "../../engines/query-engine";
import { hasRange, hasTopValues, type ColumnKind } from "./profile-types";
import { percentText, SAMPLE_ROWS, type ProfilePlan } from "./profile-plan";

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 10;
/** Text longer than this is cut in min/max and top values (a profile is for glancing at). */
export const TEXT_CUT = 200;
/** DuckDB's sample seed: both statements of a profile keep the same rows. */
const SEED = 16;

export type ProfiledColumn = { name: string; type: string; kind: ColumnKind };
type Table = { catalog: string; schema: string; name: string };

const ident = quoteIdentifier;
/** A double as SQL text both engines read as a DOUBLE literal (Trino wants an upper-case E). */
export const doubleLiteral = (n: number) => n.toExponential().toUpperCase();

/** FROM clause: the table, a sample of it, or its first rows. */
export function sourceClause(engine: EngineKind, table: Table, plan: Pick<ProfilePlan, "sampling" | "percent">): string {
  const name = sqlQualifiedName(table);
  const p = percentText(plan.percent ?? 100);
  switch (plan.sampling) {
    case "full":
      return name;
    case "first":
      return `(SELECT * FROM ${name} LIMIT ${SAMPLE_ROWS}) AS first_rows`;
    case "bernoulli":
      return engine === "trino" ? `${name} TABLESAMPLE BERNOULLI (${p})` : `${name} TABLESAMPLE bernoulli(${p} PERCENT) REPEATABLE (${SEED})`;
    case "system":
      return engine === "trino" ? `${name} TABLESAMPLE SYSTEM (${p})` : `${name} TABLESAMPLE system(${p} PERCENT) REPEATABLE (${SEED})`;
  }
}

/** The number a column's bins are made of. */
export function measure(column: ProfiledColumn): string {
  const q = ident(column.name);
  if (column.kind === "date") return `date_diff('day', DATE '1970-01-01', ${q})`;
  if (column.kind === "timestamp") return `date_diff('second', TIMESTAMP '1970-01-01 00:00:00', CAST(${q} AS TIMESTAMP))`;
  return `CAST(${q} AS DOUBLE)`;
}

const cut = (expr: string) => `substr(CAST(${expr} AS VARCHAR), 1, ${TEXT_CUT})`;

/** Step 1. Output: a single row — rows, then per column nn, [distinct], [min, max], [measure min, max]. */
export function figuresSql(engine: EngineKind, source: string, columns: ProfiledColumn[]): string {
  const distinct = engine === "trino" ? "approx_distinct" : "approx_count_distinct";
  const parts = ["count(*) AS profiled_rows"];
  columns.forEach((c, i) => {
    const q = ident(c.name);
    parts.push(`count(${q}) AS nn${i}`);
    if (c.kind !== "other") parts.push(`${distinct}(${q}) AS d${i}`);
    if (hasRange(c.kind)) parts.push(`min(${q}) AS lo${i}`, `max(${q}) AS hi${i}`, `min(${measure(c)}) AS mlo${i}`, `max(${measure(c)}) AS mhi${i}`);
    else if (c.kind === "text") parts.push(`${cut(`min(${q})`)} AS lo${i}`, `${cut(`max(${q})`)} AS hi${i}`);
  });
  return `SELECT ${parts.join(", ")} FROM ${source}`;
}

/** Equal-width bins over [lo, hi] of a measure; integer measures get whole-number widths. */
export type Bins = { lo: number; width: number; count: number };

export function binsFor(kind: ColumnKind, lo: number, hi: number): Bins {
  if (!(hi > lo)) return { lo, width: 1, count: 1 };
  if (kind === "numeric") return { lo, width: (hi - lo) / HISTOGRAM_BINS, count: HISTOGRAM_BINS };
  const width = Math.max(1, Math.ceil((hi - lo + 1) / HISTOGRAM_BINS));
  return { lo, width, count: Math.floor((hi - lo) / width) + 1 };
}

export type HistogramSpec = { column: ProfiledColumn; bins: Bins | null };

/** Step 2 over the columns that have bins or top values. Output: h0…hk, n (one set per row). */
export function histogramsSql(source: string, specs: HistogramSpec[]): string {
  const values = specs.map(({ column, bins }, i) => {
    const q = ident(column.name);
    if (hasTopValues(column.kind) || !bins) return `${cut(q)} AS h${i}`;
    if (bins.count === 1) return `CASE WHEN ${q} IS NOT NULL THEN CAST(0 AS BIGINT) END AS h${i}`;
    const bin = `CAST(floor((${measure(column)} - ${doubleLiteral(bins.lo)}) / ${doubleLiteral(bins.width)}) AS BIGINT)`;
    return `least(${bin}, CAST(${bins.count - 1} AS BIGINT)) AS h${i}`;
  });
  const names = specs.map((_, i) => `h${i}`);
  const sets = names.map((h) => `(${h})`).join(", ");
  const anyValue = names.map((h) => `${h} IS NOT NULL`).join(" OR ");
  return [
    `WITH s AS (SELECT ${values.join(", ")} FROM ${source}),`,
    `g AS (SELECT grouping(${names.join(", ")}) AS set_id, ${names.join(", ")}, count(*) AS n FROM s GROUP BY GROUPING SETS (${sets}) HAVING ${anyValue}),`,
    `r AS (SELECT ${names.join(", ")}, n, row_number() OVER (PARTITION BY set_id ORDER BY n DESC) AS rn FROM g)`,
    `SELECT ${names.join(", ")}, n FROM r WHERE rn <= ${HISTOGRAM_BINS}`,
  ].join(" ");
}

/** The cheapest statement that needs the user's right to read every column (Trino checks it at analysis). */
export function probeSql(table: Table): string {
  return `SELECT * FROM ${sqlQualifiedName(table)} LIMIT 0`;
}

export function countSql(table: Table): string {
  return `SELECT count(*) FROM ${sqlQualifiedName(table)}`;
}
