// Notices when a revision row changes, on every replica: a change saved through one portal process
// bumps a counter row in the same transaction (for instance `connections_revision`), and each
// process polls that row and reacts. Polling, not LISTEN/NOTIFY: the embedded PGlite is served
// through pglite-socket on exactly one shared connection, which cannot also hold a LISTEN session,
// and a NOTIFY sent while a replica was disconnected is lost, while a counter is still there.
// Reading one row every 2 s is cheap.
//
// API (stable; other modules build on it):
//
//   const watch = watchRevision({
//     name: "connections",                              // for log lines
//     read: () => readRevisionRow(db(), "connections_revision"), // or any () => Promise<bigint | number | null>
//     onChange: async (revision, { initial }) => { … }, // rebuild what depends on the row
//     intervalMs: 2_000,                                // optional, default 2 s
//   });
//   await watch.ready;   // resolves after the first successful read and its onChange (applied or not); never rejects
//   await watch.check(); // poll now (e.g. right after this process wrote the row); resolves when done
//   watch.revision();    // the last revision whose onChange completed, or null
//   await watch.stop();  // no more polls; waits for a running onChange
//
// Guarantees:
// - onChange runs for the first successful read ({ initial: true }) and then once per observed
//   change (several bumps between two polls are one call with the newest revision). Calls never
//   overlap.
// - If onChange throws, the error is logged and the revision counts as not applied: the next poll
//   calls onChange again with it (a rebuild that failed is retried, not forgotten).
// - A database blip (read fails) is logged once, with a second line when reading works again;
//   polling goes on at the same interval.
// - Timers are unref'd: a watcher never keeps a process alive by itself.
import type { Db } from "../db/client";
import { logger } from "../logger";

export const DEFAULT_REVISION_POLL_MS = 2_000;

export type RevisionChange = { initial: boolean; previous: bigint | null };

export type RevisionWatchOptions = {
  /** What is watched, for log lines ("connections", "settings"). */
  name: string;
  /** Reads the current revision; null when the row does not exist yet (treated as 0). */
  read: () => Promise<bigint | number | null>;
  onChange: (revision: bigint, change: RevisionChange) => Promise<void> | void;
  intervalMs?: number;
};

export type RevisionWatch = {
  ready: Promise<void>;
  check: () => Promise<void>;
  revision: () => bigint | null;
  stop: () => Promise<void>;
};

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The `revision` column of row id = 1 of `table` (a table shaped like connections_revision). */
export async function readRevisionRow(client: Db, table: string): Promise<bigint | null> {
  // An identifier cannot be a bind parameter; this one comes from code, checked all the same.
  if (!TABLE_NAME.test(table)) throw new Error(`Not a table name: ${table}`);
  const rows = await client.$queryRawUnsafe<{ revision: bigint | number | string }[]>(`SELECT revision FROM "${table}" WHERE id = 1`);
  return rows[0] ? BigInt(rows[0].revision) : null;
}

export function watchRevision(options: RevisionWatchOptions): RevisionWatch {
  const intervalMs = options.intervalMs ?? DEFAULT_REVISION_POLL_MS;
  let applied: bigint | null = null;
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  async function pollOnce(): Promise<void> {
    let current: bigint;
    try {
      const value = await options.read();
      current = value === null ? 0n : BigInt(value);
    } catch (err) {
      if (!failing) logger.warn({ watch: options.name, err: (err as Error).message }, "cannot read the revision row; will keep trying");
      failing = true;
      return;
    }
    if (failing) logger.info({ watch: options.name }, "reading the revision row works again");
    failing = false;
    if (applied !== null && current === applied) return markReady();
    const change: RevisionChange = { initial: applied === null, previous: applied };
    try {
      await options.onChange(current, change);
      applied = current;
    } catch (err) {
      logger.error({ watch: options.name, revision: String(current), err: (err as Error).message }, "applying a revision failed; will retry at the next poll");
    }
    markReady();
  }

  // One poll at a time; a check() during a poll runs one more poll right after it.
  function poll(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pollOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void poll(), intervalMs);
    timer.unref();
  }

  void poll();

  return {
    ready,
    check: async () => {
      await poll();
      // A check() that landed during a poll waits for the extra poll it asked for.
      while (running) await running;
    },
    revision: () => applied,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      markReady();
      await running;
    },
  };
}
