// From aggregated groups to what a chart draws: groups in the order of their key's type
// (numbers and dates by value, text by code unit, NULL last), and for pies only the largest
// slices — more than a dozen are unreadable, and the chart says how many were left out.
import type { GroupValue } from "@/server/sql/aggregate-schema";
import { numericKey, type ColumnKind } from "../grid/column-kind";

export type ChartDatum = { label: string; x: number | string; y: number | null };

export const MAX_PIE_SLICES = 12;

export function orderedGroups(groups: GroupValue[], kind: ColumnKind): ChartDatum[] {
  const numeric = kind === "number" || kind === "date";
  const data = groups.map((g) => {
    const label = g.key === null ? "NULL" : String(g.key);
    const n = numeric && g.key !== null ? numericKey(String(g.key), kind) : Number.NaN;
    return { label, sortKey: n, x: kind === "number" && !Number.isNaN(n) ? n : label, y: g.value, isNull: g.key === null };
  });
  data.sort((a, b) => {
    if (a.isNull !== b.isNull) return a.isNull ? 1 : -1;
    if (numeric && !Number.isNaN(a.sortKey) && !Number.isNaN(b.sortKey)) return a.sortKey - b.sortKey;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
  });
  return data.map(({ label, x, y }) => ({ label, x, y }));
}

export function pieSlices(data: ChartDatum[], max = MAX_PIE_SLICES): { slices: ChartDatum[]; left: number } {
  const positive = data.filter((d) => d.y !== null && d.y > 0);
  const slices = [...positive].sort((a, b) => b.y! - a.y!).slice(0, max);
  return { slices, left: data.length - slices.length };
}
