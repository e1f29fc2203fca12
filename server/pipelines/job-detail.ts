// One job's page: what it is (type, SQL, source, parent pipeline, tasks), its figures over the
// window, its duration trend per day with p50/p90 bands, and a year of runs per day for the
// calendar heatmap. Every statement reads the job's own range of (job_id, created_at).
import type { HandlerArgs } from "../handler";
import { DomainError } from "../errors";
import { WINDOWS } from "../../lib/pipelines/run-states";
import { jobStats, type JobStats } from "./job-stats";
import { DURATION_SQL } from "./runs-list";
import type { JobDetailInput } from "./schemas";

export const HEATMAP_DAYS = 365;

export type DurationPoint = { day: string; runs: number; p50: number | null; p90: number | null; max: number | null };
export type DayCount = { day: string; runs: number; failed: number };

export type JobDetail = {
  namespace: string;
  name: string;
  jobType: string | null;
  integration: string | null;
  processingType: string | null;
  description: string | null;
  sql: { query: string; dialect: string | null } | null;
  source: { type: string | null; url: string | null } | null;
  parent: { namespace: string; name: string } | null;
  tasks: { namespace: string; name: string; lastState: string | null }[];
  stats: JobStats;
  durationTrend: DurationPoint[];
  heatmap: DayCount[];
};

export async function jobDetail({ ctx, input }: HandlerArgs<JobDetailInput>): Promise<JobDetail> {
  const jobs = await ctx.db.$queryRaw<
    {
      id: bigint;
      job_type: string | null;
      integration: string | null;
      processing_type: string | null;
      description: string | null;
      sql: string | null;
      sql_dialect: string | null;
      source_type: string | null;
      source_url: string | null;
      parent_namespace: string | null;
      parent_name: string | null;
    }[]
  >`
    SELECT j.id, j.job_type, j.integration, j.processing_type, j.description, j.sql, j.sql_dialect, j.source_type, j.source_url,
           pn.name AS parent_namespace, p.name AS parent_name
      FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id
      LEFT JOIN lineage_jobs p ON p.id = j.parent_job_id LEFT JOIN lineage_namespaces pn ON pn.id = p.namespace_id
     WHERE n.name = ${input.namespace} AND j.name = ${input.name}`;
  const job = jobs[0];
  if (!job) throw new DomainError("NOT_FOUND", "No job with this namespace and name has been reported.");
  const now = new Date();
  const since = new Date(now.getTime() - WINDOWS[input.window] * 86_400_000);
  // Trend days are UTC days: the same buckets for every reader and every replica.
  const [stats, trend, heatmap, tasks] = await Promise.all([
    jobStats(ctx.db, [job.id], since, now),
    ctx.db.$queryRaw<{ day: string; runs: bigint; p50: number | null; p90: number | null; max: number | null }[]>`
      SELECT to_char(date_trunc('day', r.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*) AS runs,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DURATION_SQL}) FILTER (WHERE r.ended_at IS NOT NULL AND r.started_at IS NOT NULL) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY ${DURATION_SQL}) FILTER (WHERE r.ended_at IS NOT NULL AND r.started_at IS NOT NULL) AS p90,
             max(${DURATION_SQL}) AS max
        FROM lineage_runs r WHERE r.job_id = ${job.id} AND r.created_at >= ${since}
       GROUP BY 1 ORDER BY 1`,
    ctx.db.$queryRaw<{ day: string; runs: bigint; failed: bigint }[]>`
      SELECT to_char(date_trunc('day', r.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*) AS runs,
             count(*) FILTER (WHERE r.state IN ('FAIL', 'ABORT')) AS failed
        FROM lineage_runs r WHERE r.job_id = ${job.id} AND r.created_at >= ${new Date(now.getTime() - HEATMAP_DAYS * 86_400_000)}
       GROUP BY 1 ORDER BY 1`,
    ctx.db.$queryRaw<{ namespace: string; name: string; last_state: string | null }[]>`
      SELECT n.name AS namespace, t.name, (SELECT r.state FROM lineage_runs r WHERE r.job_id = t.id ORDER BY r.created_at DESC LIMIT 1) AS last_state
        FROM lineage_jobs t JOIN lineage_namespaces n ON n.id = t.namespace_id
       WHERE t.parent_job_id = ${job.id} ORDER BY t.name LIMIT 100`,
  ]);
  return {
    namespace: input.namespace,
    name: input.name,
    jobType: job.job_type,
    integration: job.integration,
    processingType: job.processing_type,
    description: job.description,
    sql: job.sql ? { query: job.sql, dialect: job.sql_dialect } : null,
    source: job.source_url ? { type: job.source_type, url: job.source_url } : null,
    parent: job.parent_namespace && job.parent_name ? { namespace: job.parent_namespace, name: job.parent_name } : null,
    tasks: tasks.map((t) => ({ namespace: t.namespace, name: t.name, lastState: t.last_state })),
    stats: stats.get(String(job.id))!,
    durationTrend: trend.map((t) => ({ day: t.day, runs: Number(t.runs), p50: t.p50, p90: t.p90, max: t.max })),
    heatmap: heatmap.map((h) => ({ day: h.day, runs: Number(h.runs), failed: Number(h.failed) })),
  };
}
