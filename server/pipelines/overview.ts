// The pipelines page's charts: runs per UTC day by outcome over the window (rollup.ts: the kept
// counts for past days, today's counted live), and the timeline of
// all runs across pipelines in a time window (bounded: TIMELINE_LIMIT bars, the newest DAG runs
// and lone jobs, not their tasks, which each run page draws as its Gantt).
import { Prisma } from "../db/generated/client";
import type { HandlerArgs } from "../handler";
import { WINDOWS } from "../../lib/pipelines/run-states";
import type { OverviewInput, TimelineInput } from "./schemas";
import { runDayCounts } from "./rollup";

export const TIMELINE_LIMIT = 300;
/** A run that began this long before the window and is still going shows; longer ones do not. */
export const TIMELINE_LOOKBACK_HOURS = 24;

export type DayOutcomes = { day: string; succeeded: number; failed: number; other: number };
export type Overview = { days: DayOutcomes[]; runs: number; failed: number };

export async function pipelinesOverview({ ctx, input }: HandlerArgs<OverviewInput>): Promise<Overview> {
  const days = WINDOWS[input.window];
  const now = new Date();
  // From the start of the first UTC day, so the first bar is a whole day.
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const { counts: byDay } = await runDayCounts(ctx.db, start, now);
  const out: DayOutcomes[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    out.push({ day, succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0, other: r?.other ?? 0 });
  }
  return { days: out, runs: out.reduce((s, d) => s + d.succeeded + d.failed + d.other, 0), failed: out.reduce((s, d) => s + d.failed, 0) };
}

export type TimelineBar = { id: string; namespace: string; job: string; state: string; startAt: Date; endAt: Date | null };
export type Timeline = { bars: TimelineBar[]; cut: boolean };

export async function pipelinesTimeline({ ctx, input }: HandlerArgs<TimelineInput>): Promise<Timeline> {
  const lookback = new Date(input.from.getTime() - TIMELINE_LOOKBACK_HOURS * 3_600_000);
  const rows = await ctx.db.$queryRaw<{ id: string; namespace: string; job: string; state: string; start_at: Date; ended_at: Date | null }[]>`
    SELECT r.id::text, n.name AS namespace, j.name AS job, r.state, coalesce(r.started_at, r.created_at) AS start_at, r.ended_at
      FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE r.created_at >= ${lookback} AND r.created_at < ${input.to} AND r.parent_run_id IS NULL
       AND (r.ended_at IS NULL OR r.ended_at >= ${input.from})
       ${input.namespace ? Prisma.sql`AND n.name = ${input.namespace}` : Prisma.empty}
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT ${TIMELINE_LIMIT + 1}`;
  return {
    bars: rows.slice(0, TIMELINE_LIMIT).map((r) => ({ id: r.id, namespace: r.namespace, job: r.job, state: r.state, startAt: r.start_at, endAt: r.ended_at })),
    cut: rows.length > TIMELINE_LIMIT,
  };
}
