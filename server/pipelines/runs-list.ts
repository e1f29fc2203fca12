// The run list across all jobs, newest first. Paged by keyset on (created_at, id) — created_at is
// a run's first event time, set once — so every page, however deep, is one range scan of
// lineage_runs_created_at_id_idx (or of (job_id, created_at) for one job's list), never an
// OFFSET that reads and drops the pages before it.
import { Prisma } from "../db/generated/client";
import type { HandlerArgs } from "../handler";
import { likeLiteral } from "../db/like";
import { statesOf } from "../../lib/pipelines/run-states";
import { decodeCursor, encodeCursor, invalidCursor } from "./keyset";
import type { RunsListInput } from "./schemas";

/** Jobs a text filter may name at once; more matches are cut (the page says so). */
export const TEXT_FILTER_JOB_LIMIT = 1_000;

export type RunListRow = {
  id: string;
  state: string;
  namespace: string;
  job: string;
  jobType: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Null while the run has no start or no end. */
  durationSeconds: number | null;
  nominalStartAt: Date | null;
  parentRunId: string | null;
  errorMessage: string | null;
};

export type RunList = { runs: RunListRow[]; nextCursor: string | null; jobsCut: boolean };

type Row = {
  id: string;
  state: string;
  namespace: string;
  job: string;
  job_type: string | null;
  created_at: Date;
  cursor_at: string;
  started_at: Date | null;
  ended_at: Date | null;
  duration: number | null;
  nominal_start_at: Date | null;
  parent_run_id: string | null;
  error_message: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's text of a timestamptz, as the cursor carries it: 2026-12-01 12:46:00.123456+00. */
export const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$/;

export const DURATION_SQL = Prisma.sql`extract(epoch FROM (r.ended_at - r.started_at))::float8`;

export async function listRuns({ ctx, input }: HandlerArgs<RunsListInput>): Promise<RunList> {
  const where: Prisma.Sql[] = [];
  let jobsCut = false;
  if (input.job) {
    const job = await ctx.db.$queryRaw<{ id: bigint }[]>`
      SELECT j.id FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id WHERE n.name = ${input.job.namespace} AND j.name = ${input.job.name}`;
    if (!job[0]) return { runs: [], nextCursor: null, jobsCut };
    where.push(Prisma.sql`r.job_id = ${job[0].id}`);
  }
  if (input.q) {
    const jobs = await ctx.db.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM lineage_jobs WHERE name ILIKE ${`%${likeLiteral(input.q)}%`} ORDER BY id LIMIT ${TEXT_FILTER_JOB_LIMIT + 1}`;
    if (jobs.length === 0) return { runs: [], nextCursor: null, jobsCut };
    jobsCut = jobs.length > TEXT_FILTER_JOB_LIMIT;
    where.push(Prisma.sql`r.job_id = ANY(${jobs.slice(0, TEXT_FILTER_JOB_LIMIT).map((j) => j.id)}::bigint[])`);
  }
  if (input.namespace) where.push(Prisma.sql`j.namespace_id = (SELECT id FROM lineage_namespaces WHERE name = ${input.namespace})`);
  if (input.states?.length) where.push(Prisma.sql`r.state = ANY(${[...new Set(input.states.flatMap(statesOf))]}::text[])`);
  if (input.from) where.push(Prisma.sql`r.created_at >= ${input.from}`);
  if (input.to) where.push(Prisma.sql`r.created_at < ${input.to}`);
  if (input.minSeconds !== undefined || input.maxSeconds !== undefined) where.push(Prisma.sql`r.ended_at IS NOT NULL AND r.started_at IS NOT NULL`);
  if (input.minSeconds !== undefined) where.push(Prisma.sql`r.ended_at - r.started_at >= make_interval(secs => ${input.minSeconds}::float8)`);
  if (input.maxSeconds !== undefined) where.push(Prisma.sql`r.ended_at - r.started_at <= make_interval(secs => ${input.maxSeconds}::float8)`);
  if (input.topLevel) where.push(Prisma.sql`r.parent_run_id IS NULL`);
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, ["string", "string"]) as [string, string];
    if (!UUID.test(id) || !TIMESTAMP.test(at)) throw invalidCursor();
    where.push(Prisma.sql`(r.created_at, r.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT r.id::text, r.state, n.name AS namespace, j.name AS job, j.job_type, r.created_at, r.created_at::text AS cursor_at,
           r.started_at, r.ended_at, ${DURATION_SQL} AS duration, r.nominal_start_at, r.parent_run_id::text, left(r.error_message, 300) AS error_message
      FROM lineage_runs r
      JOIN lineage_jobs j ON j.id = r.job_id
      JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE ${where.length ? Prisma.join(where, " AND ") : Prisma.sql`true`}
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    runs: page.map(runListRow),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.cursor_at, last.id]) : null,
    jobsCut,
  };
}

function runListRow(row: Row): RunListRow {
  return {
    id: row.id,
    state: row.state,
    namespace: row.namespace,
    job: row.job,
    jobType: row.job_type,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration,
    nominalStartAt: row.nominal_start_at,
    parentRunId: row.parent_run_id,
    errorMessage: row.error_message,
  };
}
