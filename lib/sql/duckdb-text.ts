// Dates and timestamps written as DuckDB writes them ("2001-01-01", "2001-01-01 00:01:00.5"), by
// arithmetic instead of a Date and BigInt per value. Shared by the server's row readers
// (server/engines/duckdb/chunk-rows.ts) and the column pages' decoder (column-page.ts), which
// run on the server and in the browser, so both show the same text for the same value.

export const MICROS_PER_DAY = 86_400_000_000;
/** The days (since 1970-01-01) of 1000-01-01 and 9999-12-31: the years DuckDB writes with four digits. */
export const FOUR_DIGIT_YEAR_DAYS = { first: -354_285, last: 2_932_896 } as const;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** "YYYY-MM-DD" for days since 1970 in the years 1000–9999 (else null: DuckDB's own formatting applies). */
export function plainDateString(days: number): string | null {
  if (days < FOUR_DIGIT_YEAR_DAYS.first || days > FOUR_DIGIT_YEAR_DAYS.last) return null;
  const date = new Date(days * 86_400_000);
  return `${date.getUTCFullYear()}-${TWO_DIGITS[date.getUTCMonth() + 1]}-${TWO_DIGITS[date.getUTCDate()]}`;
}

/** "HH:MM:SS[.ffffff]" (trailing zeros of the fraction dropped), as DuckDB writes a time of day. */
export function timeOfDayString(micros: number): string {
  const fraction = micros % 1_000_000;
  const seconds = (micros - fraction) / 1_000_000;
  const text = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  return fraction === 0 ? text : `${text}.${String(fraction).padStart(6, "0").replace(/0+$/, "")}`;
}

/**
 * Formats TIMESTAMP microseconds (exact as a double: within ±2^53 µs of 1970, the years
 * 1685–2255); rows of a result often share a day, so the last day's text is reused.
 */
export function timestampFormatter(): (micros: number) => string {
  let lastDay = Number.NaN;
  let lastDayText = "";
  return (micros) => {
    const day = Math.floor(micros / MICROS_PER_DAY);
    if (day !== lastDay) {
      lastDay = day;
      lastDayText = plainDateString(day)!;
    }
    return `${lastDayText} ${timeOfDayString(micros - day * MICROS_PER_DAY)}`;
  };
}
