// The as-of picker's value. <input type="datetime-local"> holds a wall-clock time without a zone
// ("2026-12-03T10:00" or "…T10:00:05"; Chrome drops ":00" seconds), read in the browser's time
// zone; the view's state holds the instant (ISO, UTC). Both directions go through the local
// calendar fields, never through string slicing of an ISO time (that would read UTC as local and
// move the instant by the zone's offset).

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** The picker's text for an instant, in local time, to the second (milliseconds are dropped from the text, not from the state). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * The instant a picker's text names (ISO), or null while it is incomplete or not a real time.
 * A local time a daylight-saving jump skips (02:30 on the spring-forward night) does not exist:
 * it is refused rather than moved an hour.
 */
export function fromLocalInput(value: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", ms = "0"] = m;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const date = new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], Number(ms.padEnd(3, "0")));
  const roundTrips =
    date.getFullYear() === parts[0] &&
    date.getMonth() === parts[1] - 1 &&
    date.getDate() === parts[2] &&
    date.getHours() === parts[3] &&
    date.getMinutes() === parts[4] &&
    date.getSeconds() === parts[5];
  return roundTrips ? date.toISOString() : null;
}

/** Whether the picker's text still names the state's instant (to the second), so a re-render need not overwrite what the user is typing. */
export function sameSecond(value: string, iso: string | null): boolean {
  const picked = fromLocalInput(value);
  if (!picked || !iso) return !picked && !iso && value === "";
  return Math.floor(Date.parse(picked) / 1000) === Math.floor(Date.parse(iso) / 1000);
}
