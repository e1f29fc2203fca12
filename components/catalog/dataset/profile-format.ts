// Words and labels of column profiles: the age of a profile, how its rows were chosen, and the
// edges of a histogram bin in the column's own terms (dates, times, numbers).
import type { RouterOutputs } from "@/server/api/root";
import { formatCount } from "../format";

export type StoredProfile = RouterOutputs["catalog"]["profile"]["profiles"][number];
export type ColumnProfile = StoredProfile["columns"][number];
export type HistogramBin = NonNullable<ColumnProfile["histogram"]>[number];

export function profileAge(at: Date | string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(at).getTime()) / 1000));
  if (seconds < 60) return "just now";
  const [n, unit] = seconds < 3600 ? [Math.floor(seconds / 60), "minute"] : seconds < 86_400 ? [Math.floor(seconds / 3600), "hour"] : [Math.floor(seconds / 86_400), "day"];
  return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
}

/** "all 2,000 rows", "a 41.7% sample: 500,123 of 1,200,000 rows", … */
export function samplingText(p: Pick<StoredProfile, "sampling" | "samplePercent" | "sampledRows" | "tableRows">): string {
  const pct = p.samplePercent === null ? "" : `${p.samplePercent >= 1 ? p.samplePercent.toFixed(1) : Number(p.samplePercent.toPrecision(2))}%`;
  const of = p.tableRows === null ? "" : ` of ${formatCount(p.tableRows)}`;
  switch (p.sampling) {
    case "full":
      return `all ${formatCount(p.sampledRows)} rows`;
    case "bernoulli":
      return `a ${pct} random sample: ${formatCount(p.sampledRows)}${of} rows`;
    case "system":
      return `a ${pct} sample of whole splits: ${formatCount(p.sampledRows)}${of} rows`;
    case "first":
      return `the first ${formatCount(p.sampledRows)} rows the engine returned (not a random sample)`;
  }
}

export const percent = (share: number) => (share === 0 ? "0%" : share < 0.001 ? "<0.1%" : share > 0.999 && share < 1 ? ">99.9%" : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`);

const number = new Intl.NumberFormat("en", { maximumSignificantDigits: 4 });

/** A measure value (days or seconds since 1970, or the number) as the column's own kind of value. */
function edge(kind: ColumnProfile["kind"], value: number): string {
  if (kind === "date") return new Date(value * 86_400_000).toISOString().slice(0, 10);
  if (kind === "timestamp") return new Date(value * 1000).toISOString().slice(0, 16).replace("T", " ");
  return number.format(value);
}

/** "10–19" for integers (the upper edge is exclusive), "2024-01-01 – 2024-01-02", "0.5–1.25". */
export function binLabel(kind: ColumnProfile["kind"], bin: HistogramBin): string {
  if (kind === "integer" || kind === "date") {
    const last = bin.to - 1;
    return last <= bin.from ? edge(kind, bin.from) : `${edge(kind, bin.from)} – ${edge(kind, last)}`;
  }
  return `${edge(kind, bin.from)} – ${edge(kind, bin.to)}`;
}

export function boundText(value: string | number | null): string {
  if (value === null) return "—";
  return typeof value === "number" ? number.format(value) : value;
}
