// The background timer shared by the result sweeper and the audit retention: first run, then one
// per tick; a slow run is never overlapped; a failing run is retried at the next tick; stop ends it.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { startPeriodic } from "./periodic";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("runs first after firstTickMs, then every tickMs, never two at once, retrying after a failure, until stopped", async () => {
  let runs = 0;
  let release: (() => void) | null = null;
  const job = startPeriodic({
    firstTickMs: 10,
    tickMs: 100,
    failure: "test job failed",
    run: async () => {
      runs++;
      if (runs === 1) throw new Error("boom"); // the first run fails: the next tick tries again
      if (runs === 2) await new Promise<void>((r) => (release = r)); // the second is slow
    },
  });
  await vi.advanceTimersByTimeAsync(9);
  expect(runs).toBe(0);
  await vi.advanceTimersByTimeAsync(1);
  expect(runs).toBe(1);
  await vi.advanceTimersByTimeAsync(100);
  expect(runs).toBe(2);
  await vi.advanceTimersByTimeAsync(300); // three ticks while the second run is still going
  expect(runs).toBe(2);
  release!();
  await vi.advanceTimersByTimeAsync(100);
  expect(runs).toBe(3);
  job.stop();
  await vi.advanceTimersByTimeAsync(1_000);
  expect(runs).toBe(3);
});
