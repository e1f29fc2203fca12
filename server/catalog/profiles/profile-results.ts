// The engines' answers to the two profile statements (profile-sql.ts) → ColumnProfile[].
// Values arrive JSON-safe (server/engines/query-engine.ts): wide integers and decimals may be
// strings, so every count and bound goes through Number().
import type { EngineColumn, EngineRow } from "../../engines/query-engine";
import { binsFor, HISTOGRAM_BINS, TOP_VALUES, type Bins, type HistogramSpec, type ProfiledColumn } from "./profile-sql";
import { hasRange, hasTopValues, type ColumnProfile } from "./profile-types";

type Result = { columns: EngineColumn[]; rows: EngineRow[] };

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A min/max as people should read it: numbers stay numbers when exact, the rest is text. */
function bound(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

export type Figures = { profiledRows: number; columns: ColumnProfile[]; specs: HistogramSpec[] };

/** Step 1's single row → the figures of each column, and what step 2 should bin. */
export function readFigures(result: Result, columns: ProfiledColumn[]): Figures {
  const row = result.rows[0] ?? [];
  const at = new Map(result.columns.map((c, i) => [c.name.toLowerCase(), i]));
  const get = (name: string) => {
    const i = at.get(name);
    return i === undefined ? null : row[i];
  };
  const profiledRows = num(get("profiled_rows")) ?? 0;
  const specs: HistogramSpec[] = [];
  const profiles = columns.map((c, i): ColumnProfile => {
    const nonNull = num(get(`nn${i}`)) ?? 0;
    const profile: ColumnProfile = {
      name: c.name,
      type: c.type,
      kind: c.kind,
      nullShare: profiledRows > 0 ? (profiledRows - nonNull) / profiledRows : 0,
      nonNull,
      distinct: c.kind === "other" ? null : Math.min(num(get(`d${i}`)) ?? 0, nonNull),
      min: bound(get(`lo${i}`)),
      max: bound(get(`hi${i}`)),
      histogram: null,
      topValues: null,
    };
    if (nonNull > 0 && hasRange(c.kind)) {
      const lo = num(get(`mlo${i}`));
      const hi = num(get(`mhi${i}`));
      if (lo !== null && hi !== null) specs.push({ column: c, bins: binsFor(c.kind, lo, hi) });
    } else if (nonNull > 0 && hasTopValues(c.kind)) specs.push({ column: c, bins: null });
    return profile;
  });
  return { profiledRows, columns: profiles, specs };
}

/** Step 2's rows (one non-null h<i> each) → bins and top values on the profiles. */
export function readHistograms(result: Result, specs: HistogramSpec[], profiles: ColumnProfile[]): void {
  const counts = specs.map(() => new Map<string, number>());
  for (const row of result.rows) {
    const n = num(row[row.length - 1]) ?? 0;
    const i = row.slice(0, specs.length).findIndex((v) => v !== null && v !== undefined);
    if (i === -1) continue;
    counts[i]!.set(String(row[i]), n);
  }
  specs.forEach((spec, i) => {
    const profile = profiles.find((p) => p.name === spec.column.name)!;
    if (spec.bins) profile.histogram = binsOf(spec.bins, counts[i]!);
    else
      profile.topValues = [...counts[i]!.entries()]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
        .slice(0, TOP_VALUES);
  });
}

function binsOf(bins: Bins, counts: Map<string, number>) {
  return Array.from({ length: Math.min(bins.count, HISTOGRAM_BINS) }, (_, b) => ({
    from: bins.lo + b * bins.width,
    to: bins.lo + (b + 1) * bins.width,
    count: counts.get(String(b)) ?? 0,
  }));
}
