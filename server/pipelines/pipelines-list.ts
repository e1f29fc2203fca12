// The pipelines page: every job without a parent job (a DAG, a dbt project, a lone job) by
// namespace, each with its tasks (the jobs whose runs name its runs as parent), and for each the
// figures of job-stats.ts. Filters (last state, namespace, owner, text) and the sorts run over
// the pipelines themselves, server-side: name and last run page by keyset ((namespace, name) or
// (last run, id)); success rate and median duration over the window need every matching
// pipeline's window figures (a lateral aggregate over its runs' (job_id, created_at) range, tasks
// excluded), so they page by position. The page's full figures come from job-stats.ts.
import { Prisma } from "../db/generated/client";
import type { HandlerArgs } from "../handler";
import { likeLiteral } from "../db/like";
import { statesOf, WINDOWS } from "../../lib/pipelines/run-states";
import { decodeCursor, encodeCursor, invalidCursor } from "./keyset";
import { DURATION_SQL, TIMESTAMP } from "./runs-list";
import { jobStats, type JobStats } from "./job-stats";
import type { PipelinesListInput } from "./schemas";

/** Tasks shown under a pipeline; the count says how many more there are. */
export const TASK_LIMIT = 100;

export type PipelineJob = { id: string; namespace: string; name: string; jobType: string | null; integration: string | null; stats: JobStats };
export type Pipeline = PipelineJob & { tasks: PipelineJob[]; taskCount: number };
export type PipelinesList = { pipelines: Pipeline[]; nextCursor: string | null; namespaces: string[] };

type Row = { id: bigint; namespace: string; name: string; job_type: string | null; integration: string | null; last_at: string | null; task_count: bigint };

/** The sorts by a window figure; the cursor is then the position of the next page. */
const BY_FIGURE = new Set(["success", "duration"]);

export async function listPipelines({ ctx, input }: HandlerArgs<PipelinesListInput>): Promise<PipelinesList> {
  const now = new Date();
  const where: Prisma.Sql[] = [Prisma.sql`j.parent_job_id IS NULL`];
  if (input.namespace) where.push(Prisma.sql`n.name = ${input.namespace}`);
  if (input.q) {
    const pattern = `%${likeLiteral(input.q)}%`;
    where.push(Prisma.sql`(j.name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM lineage_jobs t WHERE t.parent_job_id = j.id AND t.name ILIKE ${pattern}))`);
  }
  if (input.owner) {
    where.push(Prisma.sql`EXISTS (
      SELECT 1 FROM lineage_edges e
        JOIN lineage_datasets d ON d.id = e.dataset_id
        JOIN catalog_datasets c ON c.id = d.catalog_dataset_id
       WHERE e.direction = 'output' AND e.valid_to IS NULL AND ${input.owner} = ANY(c.owners)
         AND (e.job_id = j.id OR e.job_id IN (SELECT t.id FROM lineage_jobs t WHERE t.parent_job_id = j.id)))`);
  }
  const since = new Date(now.getTime() - WINDOWS[input.window] * 86_400_000);
  const byFigure = BY_FIGURE.has(input.sort);
  const outer: Prisma.Sql[] = [];
  if (input.state) outer.push(Prisma.sql`p.last_state = ANY(${statesOf(input.state)}::text[])`);
  let offset = 0;
  if (input.cursor) {
    if (byFigure) {
      const [sort, at] = decodeCursor(input.cursor, ["string", "number"]) as [string, number];
      if (sort !== input.sort || !Number.isInteger(at) || at < 0 || at > 1_000_000) throw invalidCursor();
      offset = at;
    } else if (input.sort === "name") {
      const [ns, name] = decodeCursor(input.cursor, ["string", "string"]) as [string, string];
      outer.push(Prisma.sql`(p.namespace, p.name) > (${ns}, ${name})`);
    } else {
      // Pipelines that never ran come last (by id, descending, as the sort's tie-break).
      const [at, id] = decodeCursor(input.cursor, ["string", "string"]) as [string, string];
      if (!/^\d{1,19}$/.test(id) || (at !== "" && !TIMESTAMP.test(at))) throw invalidCursor();
      outer.push(at === "" ? Prisma.sql`p.last_at IS NULL AND p.id < ${BigInt(id)}` : Prisma.sql`(p.last_at IS NULL OR (p.last_at, p.id) < (${at}::timestamptz, ${BigInt(id)}))`);
    }
  }
  const order =
    input.sort === "name"
      ? Prisma.sql`p.namespace, p.name`
      : input.sort === "recent"
        ? Prisma.sql`p.last_at DESC NULLS LAST, p.id DESC`
        : input.sort === "success"
          ? Prisma.sql`p.success_rate ASC NULLS LAST, p.namespace, p.name`
          : Prisma.sql`p.median DESC NULLS LAST, p.namespace, p.name`;
  const figures = byFigure
    ? Prisma.sql`LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE r.state = 'COMPLETE')::float8 / nullif(count(*) FILTER (WHERE r.state IN ('COMPLETE', 'FAIL', 'ABORT')), 0) AS success_rate,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DURATION_SQL}) FILTER (WHERE r.started_at IS NOT NULL AND r.ended_at IS NOT NULL) AS median
            FROM lineage_runs r WHERE r.job_id = j.id AND r.created_at >= ${since}) w ON true`
    : Prisma.sql`CROSS JOIN LATERAL (SELECT NULL::float8 AS success_rate, NULL::float8 AS median) w`;
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT p.id, p.namespace, p.name, p.job_type, p.integration, p.last_at::text AS last_at,
           (SELECT count(*) FROM lineage_jobs t WHERE t.parent_job_id = p.id) AS task_count
      FROM (
        SELECT j.id, n.name AS namespace, j.name, j.job_type, j.integration, lr.state AS last_state, lr.created_at AS last_at, w.success_rate, w.median
          FROM lineage_jobs j
          JOIN lineage_namespaces n ON n.id = j.namespace_id
          LEFT JOIN LATERAL (SELECT r.state, r.created_at FROM lineage_runs r WHERE r.job_id = j.id ORDER BY r.created_at DESC LIMIT 1) lr ON true
          ${figures}
         WHERE ${Prisma.join(where, " AND ")}
      ) p
     WHERE ${outer.length ? Prisma.join(outer, " AND ") : Prisma.sql`true`}
     ORDER BY ${order}
     LIMIT ${input.limit + 1} OFFSET ${offset}`;
  const page = rows.slice(0, input.limit);
  const tasks = page.length
    ? await ctx.db.$queryRaw<(Omit<Row, "last_at" | "task_count"> & { parent_job_id: bigint })[]>`
        SELECT t.id, t.parent_job_id, n.name AS namespace, t.name, t.job_type, t.integration
          FROM unnest(${page.map((p) => p.id)}::bigint[]) AS p(id)
          CROSS JOIN LATERAL (SELECT * FROM lineage_jobs t WHERE t.parent_job_id = p.id ORDER BY t.name LIMIT ${TASK_LIMIT}) t
          JOIN lineage_namespaces n ON n.id = t.namespace_id`
    : [];
  const stats = await jobStats(ctx.db, [...page.map((p) => p.id), ...tasks.map((t) => t.id)], since, now);
  const jobOf = (r: Omit<Row, "last_at" | "task_count">): PipelineJob => ({
    id: String(r.id),
    namespace: r.namespace,
    name: r.name,
    jobType: r.job_type,
    integration: r.integration,
    stats: stats.get(String(r.id))!,
  });
  const last = page[page.length - 1];
  const namespaces = await ctx.db.$queryRaw<{ name: string }[]>`
    SELECT n.name FROM lineage_namespaces n WHERE EXISTS (SELECT 1 FROM lineage_jobs j WHERE j.namespace_id = n.id) ORDER BY n.name LIMIT 200`;
  return {
    pipelines: page.map((p) => ({ ...jobOf(p), tasks: tasks.filter((t) => t.parent_job_id === p.id).map(jobOf), taskCount: Number(p.task_count) })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor(byFigure ? [input.sort, offset + input.limit] : input.sort === "name" ? [last.namespace, last.name] : [last.last_at ?? "", String(last.id)])
        : null,
    namespaces: namespaces.map((n) => n.name),
  };
}
