// When a job is expected to run next, from the cadence of its recent runs: the median gap between
// their scheduled (nominal) start times, or their actual starts when the producer sends no
// nominal time. The median, not the mean, so one manual re-run or one missed day does not move
// the estimate. Fewer than three runs give no cadence.

export type Cadence = { intervalMs: number; expectedNextAt: Date; late: boolean };

/** `times`: the recent runs' scheduled or actual start times, in any order. */
export function cadenceOf(times: Date[], now: Date = new Date()): Cadence | null {
  const sorted = [...new Set(times.map((t) => t.getTime()))].sort((a, b) => a - b);
  if (sorted.length < 3) return null;
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const intervalMs = gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  if (intervalMs <= 0) return null;
  const expectedNextAt = new Date(sorted[sorted.length - 1]! + intervalMs);
  // Late once a tenth of an interval (at least a minute) has passed without the run.
  const grace = Math.max(60_000, intervalMs / 10);
  return { intervalMs, expectedNextAt, late: now.getTime() > expectedNextAt.getTime() + grace };
}
