// "5 minutes ago", "yesterday", "3 months ago": how long ago, in words, for the home page's lists.
// Relative words need no time zone, so the server can render them (no client script).
const words = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

export function timeAgo(at: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - at.getTime()) / 1000);
  if (seconds < 60) return "just now";
  let value = seconds / 60;
  for (const [unit, size] of STEPS) {
    if (value < size) return words.format(-Math.floor(value), unit);
    value /= size;
  }
  return words.format(-Math.floor(value), "year");
}
