// "Popular" is the same list for everyone and costs a scan of 30 days of workbench usage (1.25 s
// at a million usage rows, scripts/bench/home-lists.ts), so each process keeps the last answer:
// younger than FRESH_MS it is served as is; older, it is served once more while one refresh runs
// in the background, so a home page waits for the scan only on a process's first request. A
// cache only (the database holds the truth), so replicas need no coordination. An answer older
// than MAX_STALE_MS (an idle process) is not shown: the request waits for a fresh one, which on a
// portal that quiet is cheap.
import type { Db } from "../db/client";
import { logger } from "../logger";

export const FRESH_MS = 15_000;
export const MAX_STALE_MS = 60_000;

type Entry<T> = { value: T; at: number; refreshing: Promise<void> | null };

export function staleWhileRevalidate<T>(compute: (client: Db) => Promise<T>, freshMs = FRESH_MS, maxStaleMs = MAX_STALE_MS, clock: () => number = Date.now) {
  // Keyed by database client: tests (and scripts) run several databases in one process.
  const entries = new WeakMap<Db, Entry<T>>();
  /** `fresh`: the caller knows the kept answer is wrong (see homeFeed); compute it now. */
  return async function read(client: Db, options: { fresh?: boolean } = {}): Promise<T> {
    const entry = entries.get(client);
    if (!entry || options.fresh || clock() - entry.at >= maxStaleMs) {
      const value = await compute(client);
      entries.set(client, { value, at: clock(), refreshing: null });
      return value;
    }
    if (clock() - entry.at >= freshMs && !entry.refreshing) {
      entry.refreshing = compute(client)
        .then((value) => {
          entry.value = value;
          entry.at = clock();
        })
        .catch((err: unknown) => logger.warn({ err }, "could not refresh the popular datasets (the previous list is shown)"))
        .finally(() => {
          entry.refreshing = null;
        });
    }
    return entry.value;
  };
}
