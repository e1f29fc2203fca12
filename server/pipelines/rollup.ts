// Runs per UTC day by outcome (the pipelines page's chart), kept in pipeline_run_days so a 30-day
// window reads 30 rows instead of every run in it. Ingestion writes nothing here (its rate is
// what matters there): the alert lease holder (server/alerts/scheduler.ts, one replica at a
// time) calls refreshRunDayRollup each tick.
//
// Incremental: lineage_run_states is append-only and every event that changes a run adds a row,
// so the days to recount are those of the runs (their created_at day) with a state row past the
// watermark — late and out-of-order events recount the day their run belongs to. A day is
// recounted whole (an upsert of its counts), so counting it twice is harmless. The watermark
// stays WATERMARK_MARGIN ids behind the newest state row: ids are handed out when a transaction
// inserts and become visible when it commits, so a batch still in flight may commit ids below the
// newest one read; re-reading that margin each tick catches them.
//
// Readers (runDayCounts) trust the rollup for days before today only while it is fresh (refreshed
// in the last ROLLUP_FRESH_MS); today, and every day when it is stale or was never built, are
// counted from the runs.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

export const WATERMARK_MARGIN = 20_000n;
export const ROLLUP_FRESH_MS = 10 * 60_000;

export type DayCounts = { succeeded: number; failed: number; other: number };

const OUTCOMES = Prisma.sql`count(*) FILTER (WHERE r.state = 'COMPLETE')::int AS succeeded,
  count(*) FILTER (WHERE r.state IN ('FAIL', 'ABORT'))::int AS failed,
  count(*) FILTER (WHERE r.state NOT IN ('COMPLETE', 'FAIL', 'ABORT'))::int AS other`;

/** Recounts the days whose runs changed since the last call; the number of days recounted. */
export async function refreshRunDayRollup(db: Db): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // One refresher at a time even if two lease holders overlap (a lease that expired mid-tick).
      const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('pipeline_run_days')) AS ok`;
      if (!lock?.ok) return 0;
      const [state] = await tx.$queryRaw<{ watermark: bigint }[]>`SELECT watermark FROM pipeline_rollup_state WHERE id = 1`;
      const [top] = await tx.$queryRaw<{ max: bigint | null }[]>`SELECT max(id) AS max FROM lineage_run_states`;
      const newest = top?.max ?? 0n;
      let days: Date[];
      if (!state) {
        // First build: every day there is (one pass over lineage_runs, once).
        days = (await tx.$queryRaw<{ day: Date }[]>`SELECT DISTINCT (r.created_at AT TIME ZONE 'UTC')::date AS day FROM lineage_runs r`).map((d) => d.day);
      } else {
        const from = state.watermark > WATERMARK_MARGIN ? state.watermark - WATERMARK_MARGIN : 0n;
        days = (
          await tx.$queryRaw<{ day: Date }[]>`
            SELECT DISTINCT (r.created_at AT TIME ZONE 'UTC')::date AS day
              FROM (SELECT DISTINCT s.run_id FROM lineage_run_states s WHERE s.id > ${from} AND s.id <= ${newest}) s
              JOIN lineage_runs r ON r.id = s.run_id`
        ).map((d) => d.day);
      }
      for (const day of days) {
        const next = new Date(day.getTime() + 86_400_000);
        await tx.$executeRaw`
          INSERT INTO pipeline_run_days (day, succeeded, failed, other, counted_at)
          SELECT ${day}::date, ${OUTCOMES}, now() FROM lineage_runs r WHERE r.created_at >= ${day} AND r.created_at < ${next}
          ON CONFLICT (day) DO UPDATE SET succeeded = EXCLUDED.succeeded, failed = EXCLUDED.failed, other = EXCLUDED.other, counted_at = EXCLUDED.counted_at`;
      }
      await tx.$executeRaw`
        INSERT INTO pipeline_rollup_state (id, watermark, refreshed_at) VALUES (1, ${newest}, now())
        ON CONFLICT (id) DO UPDATE SET watermark = GREATEST(pipeline_rollup_state.watermark, EXCLUDED.watermark), refreshed_at = now()`;
      return days.length;
    },
    { timeout: 300_000 },
  );
}

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** Runs per UTC day from `start` (a UTC midnight) to now: the rollup where it is fresh, the runs for the rest. */
export async function runDayCounts(db: Db, start: Date, now: Date): Promise<{ counts: Map<string, DayCounts>; fromRollup: boolean }> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [state] = await db.$queryRaw<{ refreshed_at: Date }[]>`SELECT refreshed_at FROM pipeline_rollup_state WHERE id = 1`;
  const fresh = state !== undefined && now.getTime() - state.refreshed_at.getTime() < ROLLUP_FRESH_MS;
  const counts = new Map<string, DayCounts>();
  const liveFrom = fresh ? today : start;
  if (fresh && start < today) {
    const rows = await db.$queryRaw<({ day: Date } & DayCounts)[]>`
      SELECT day, succeeded, failed, other FROM pipeline_run_days WHERE day >= ${start}::date AND day < ${today}::date`;
    for (const r of rows) counts.set(dayKey(r.day), { succeeded: r.succeeded, failed: r.failed, other: r.other });
  }
  // Grouped by (day, state) on the raw timestamp, formatted per group afterwards: formatting and
  // filtered aggregates per run cost more than the scan itself.
  const live = await db.$queryRaw<{ day: string; state: string; runs: bigint }[]>`
    SELECT to_char(g.day, 'YYYY-MM-DD') AS day, g.state, g.runs
      FROM (SELECT date_trunc('day', r.created_at AT TIME ZONE 'UTC') AS day, r.state, count(*) AS runs
              FROM lineage_runs r WHERE r.created_at >= ${liveFrom} GROUP BY 1, 2) g`;
  for (const r of live) {
    const day = counts.get(r.day) ?? { succeeded: 0, failed: 0, other: 0 };
    const n = Number(r.runs);
    if (r.state === "COMPLETE") day.succeeded += n;
    else if (r.state === "FAIL" || r.state === "ABORT") day.failed += n;
    else day.other += n;
    counts.set(r.day, day);
  }
  return { counts, fromRollup: fresh };
}
