// A background job's timer in this process: a first run after `firstTickMs`, then one every
// `tickMs`; a run never overlaps the one before it (a slow run skips ticks); a failure is logged
// with `failure` and retried at the next tick. The timers never keep the process alive.
import { logger } from "./logger";

export type Periodic = { stop(): void };

export function startPeriodic(options: { firstTickMs: number; tickMs: number; failure: string; run: () => Promise<void> }): Periodic {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await options.run();
    } catch (err) {
      logger.warn({ err }, options.failure);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), options.firstTickMs);
  const timer = setInterval(() => void tick(), options.tickMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
