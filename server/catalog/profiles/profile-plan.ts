// How a profile reads the table: whole, or a sample, and what that costs. Decided from the row
// count before anything runs, so the page can say what will be scanned (on Trino: before the
// user agrees to it) and a profile of a huge table is never a full scan by surprise.
import type { EngineKind } from "../../engines/query-engine";

/** At most this many rows are profiled whole; above it, a sample of about SAMPLE_ROWS. */
export const FULL_MAX_ROWS = 1_000_000;
export const SAMPLE_ROWS = 500_000;
/**
 * Trino's BERNOULLI sampling still reads every row (it keeps each with probability p); above this
 * many rows the profile samples whole splits instead (SYSTEM), which reads about p of the data.
 */
export const TRINO_SYSTEM_ABOVE_ROWS = 100_000_000;
/** Trino tables above these (or of unknown size) need the user's explicit confirmation. */
export const TRINO_CONFIRM_ROWS = 10_000_000;
export const TRINO_CONFIRM_BYTES = 10 * 1024 ** 3;
/** Wide tables: the first this many columns are profiled together; any other one on its own. */
export const MAX_PROFILE_COLUMNS = 40;
/** A profile query stops after this long (or the role's SQL time limit, if shorter). */
export const PROFILE_TIME_LIMIT_SECONDS = 120;

export type Sampling = "full" | "bernoulli" | "system" | "first";

export type ProfilePlan = {
  engineKind: EngineKind;
  sampling: Sampling;
  /** Percent of rows (bernoulli) or splits (system) kept; null for full and first. */
  percent: number | null;
  /** The table's row count the plan was made from (null: the engine does not say). */
  tableRows: number | null;
  sizeBytes: number | null;
  /** Rows the profile expects to read into its figures. */
  expectedRows: number | null;
  /** Whether the user must confirm before it runs. */
  needsConfirmation: boolean;
  /** What it will read, for people. */
  summary: string;
};

const count = (n: number) => Math.round(n).toLocaleString("en-US");

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${count(value)} bytes` : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** A percentage as SQL text without an exponent (the sampling clause's argument). */
export function percentText(percent: number): string {
  return percent.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
}

export function planProfile(engineKind: EngineKind, tableRows: number | null, sizeBytes: number | null, columns: number): ProfilePlan {
  const base = { engineKind, tableRows, sizeBytes };
  const size = sizeBytes !== null ? ` (${formatBytes(sizeBytes)})` : "";
  const of = `${columns} column${columns === 1 ? "" : "s"}`;
  if (tableRows === null) {
    // DuckDB counts its rows before it plans (a local count), so only Trino gets here.
    return {
      ...base,
      sampling: "first",
      percent: null,
      expectedRows: SAMPLE_ROWS,
      needsConfirmation: engineKind === "trino",
      summary: `The engine reports no row count for this ${size ? "table" : "dataset"}: the profile reads ${of} of the first ${count(SAMPLE_ROWS)} rows it returns (not a random sample), in two queries.`,
    };
  }
  const bigOnTrino = engineKind === "trino" && (tableRows > TRINO_CONFIRM_ROWS || (sizeBytes ?? 0) > TRINO_CONFIRM_BYTES);
  if (tableRows <= FULL_MAX_ROWS) {
    return {
      ...base,
      sampling: "full",
      percent: null,
      expectedRows: tableRows,
      needsConfirmation: bigOnTrino,
      summary: `The profile reads all ${count(tableRows)} rows${size} of ${of}, in two queries.`,
    };
  }
  const percent = Math.max(0.000001, Math.min(100, (SAMPLE_ROWS / tableRows) * 100));
  const system = engineKind === "trino" && tableRows > TRINO_SYSTEM_ABOVE_ROWS;
  const p = `${percentText(percent)}%`;
  const summary = system
    ? `The table has ${count(tableRows)} rows${size}: Trino reads a ${p} sample of its splits (about ${count(SAMPLE_ROWS)} rows${sizeBytes !== null ? `, ${formatBytes((sizeBytes * percent) / 100)}` : ""}) of ${of}, twice. Whole splits are kept or skipped, so the sample is coarser than a row sample.`
    : engineKind === "trino"
      ? `The table has ${count(tableRows)} rows${size}: Trino reads all of them, twice, keeping a ${p} random sample (about ${count(SAMPLE_ROWS)} rows) of ${of}.`
      : `The table has ${count(tableRows)} rows${size}: the profile keeps a ${p} random sample (about ${count(SAMPLE_ROWS)} rows) of ${of}.`;
  return { ...base, sampling: system ? "system" : "bernoulli", percent, expectedRows: SAMPLE_ROWS, needsConfirmation: bigOnTrino, summary };
}
