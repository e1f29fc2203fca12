// The SQL of a chart's aggregate, over any relation: the kept result loaded into DuckDB, or the
// user's statement as a subquery on its engine. Plain SQL that DuckDB and Trino both run (the
// window count gives the number of groups in the same pass).
import { MAX_CHART_GROUPS, type AggregateFunction } from "./aggregate-schema";

export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function groupsSql(source: string, key: string, measure: string | null, fn: AggregateFunction, maxGroups = MAX_CHART_GROUPS): string {
  const value = fn === "count" || measure === null ? "count(*)" : `${fn}(CAST(${measure} AS DOUBLE))`;
  return [
    `SELECT group_key, group_value, count(*) OVER () AS group_count FROM (`,
    `  SELECT ${key} AS group_key, ${value} AS group_value FROM ${source} GROUP BY 1`,
    `) AS grouped ORDER BY group_value DESC NULLS LAST, group_key NULLS LAST LIMIT ${maxGroups}`,
  ].join("\n");
}

/** Equal-width bins between the least and the greatest value, the greatest in the last bin; NULLs are left out. */
export function histogramSql(source: string, value: string, bins: number): string {
  return [
    `WITH v AS (SELECT CAST(${value} AS DOUBLE) AS v FROM ${source} WHERE ${value} IS NOT NULL),`,
    `b AS (SELECT min(v) AS lo, max(v) AS hi FROM v)`,
    `SELECT CASE WHEN b.hi = b.lo THEN 0 ELSE least(CAST(floor((v.v - b.lo) / ((b.hi - b.lo) / ${bins})) AS BIGINT), ${bins - 1}) END AS bin,`,
    `  count(*) AS n, min(b.lo) AS lo, min(b.hi) AS hi`,
    `FROM v CROSS JOIN b GROUP BY 1 ORDER BY 1`,
  ].join("\n");
}
