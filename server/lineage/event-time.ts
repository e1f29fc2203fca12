// OpenLineage times are RFC 3339 date-times with 0 to 9 fractional digits (Java producers send
// nanoseconds, Python ones microseconds, Marquez's fixtures milliseconds). PostgreSQL keeps
// microseconds, so times are cut (not rounded: a rounded time could move past the next event's)
// to microseconds and written in UTC. A time without a zone names no instant, so it is refused.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** An instant at microsecond precision: `iso` for PostgreSQL, `micros` since the epoch for ordering. */
export type EventTime = { iso: string; micros: bigint };

export function parseEventTime(text: string): EventTime | { error: string } {
  const m = RFC3339.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return { error: `has no time zone ("${text}"); add Z or an offset such as +02:00` };
    return { error: `is not an RFC 3339 date-time ("${clip(text)}"), e.g. 2024-08-06T13:26:49.980Z` };
  }
  const [, y, mo, d, h, mi, s, fraction = "", z, sign, oh = "0", om = "0"] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-30 over into March; a time that does not round-trip is not a real one.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { error: `is not a valid date-time ("${clip(text)}")` };
  }
  if (Number(oh) > 23 || Number(om) > 59) return { error: `has an invalid time zone offset ("${clip(text)}")` };
  const offsetMinutes = z ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const micros = BigInt(ms - offsetMinutes * 60_000) * 1000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  return { iso: isoOfMicros(micros), micros };
}

export function isoOfMicros(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const sub = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  return `${new Date(Number(ms)).toISOString().slice(0, 19)}.${sub.toString().padStart(6, "0")}Z`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
