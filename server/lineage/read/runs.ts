// Runs in Marquez's shape: GET /jobs/runs/{id}, GET /namespaces/{ns}/jobs/{job}/runs, and the
// `latestRun` of jobs. A run's input and output versions are those it accumulated over all its events.
import { Prisma } from "../../db/generated/client";
import type { Db } from "../../db/client";
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { facetsOf, iso, isoOf, runStateOf, versionUuid, type DatasetVersionId, type MarquezRun } from "./marquez-types";
import type { GetRunInput, ListJobRunsInput } from "./schemas";
import { findJobId } from "./find-by-name";

type RunRow = {
  id: string;
  state: string;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  nominal_start_at: Date | null;
  nominal_end_at: Date | null;
  facets: unknown;
  namespace: string;
  job_name: string;
  job_version: string | null;
  versions: { direction: string; namespace: string; name: string; version: string }[] | null;
};

const RUN_SELECT = Prisma.sql`
  SELECT r.id::text, r.state, r.created_at, r.updated_at, r.started_at, r.ended_at, r.nominal_start_at, r.nominal_end_at, r.facets,
         n.name AS namespace, j.name AS job_name, jv.version AS job_version,
         (SELECT json_agg(json_build_object('direction', rd.direction, 'namespace', dn.name, 'name', d.name, 'version', dv.version) ORDER BY dn.name, d.name)
            FROM lineage_run_datasets rd
            JOIN lineage_dataset_versions dv ON dv.id = rd.version_id
            JOIN lineage_datasets d ON d.id = rd.dataset_id
            JOIN lineage_namespaces dn ON dn.id = d.namespace_id
           WHERE rd.run_id = r.id) AS versions
    FROM lineage_runs r
    JOIN lineage_jobs j ON j.id = r.job_id
    JOIN lineage_namespaces n ON n.id = j.namespace_id
    LEFT JOIN lineage_job_versions jv ON jv.id = r.job_version_id`;

export function runOf(row: RunRow): MarquezRun {
  const versions = (direction: string): DatasetVersionId[] =>
    (row.versions ?? []).filter((v) => v.direction === direction).map((v) => ({ namespace: v.namespace, name: v.name, version: versionUuid(v.version) }));
  return {
    id: row.id,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    nominalStartTime: iso(row.nominal_start_at),
    nominalEndTime: iso(row.nominal_end_at),
    state: runStateOf(row.state),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    durationMs: row.started_at && row.ended_at ? row.ended_at.getTime() - row.started_at.getTime() : null,
    args: {},
    ...(row.job_version ? { jobVersion: { namespace: row.namespace, name: row.job_name, version: versionUuid(row.job_version) } } : {}),
    inputVersions: versions("input"),
    outputVersions: versions("output"),
    context: {},
    facets: facetsOf(row.facets),
  };
}

/** Runs by id, in Marquez's shape. */
export async function loadRuns(db: Db, ids: string[]): Promise<Map<string, MarquezRun>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<RunRow[]>`${RUN_SELECT} WHERE r.id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, runOf(r)]));
}

export async function getRun({ ctx, input }: HandlerArgs<GetRunInput>): Promise<MarquezRun> {
  const run = (await loadRuns(ctx.db, [input.id])).get(input.id);
  if (!run) throw new DomainError("NOT_FOUND", `Run '${input.id}' not found.`);
  return run;
}

/** A job's runs, newest first (as Marquez lists them). */
export async function listJobRuns({ ctx, input }: HandlerArgs<ListJobRunsInput>): Promise<{ runs: MarquezRun[]; totalCount: number }> {
  const jobId = await findJobId(ctx.db, input.namespace, input.job);
  const [rows, count] = await Promise.all([
    ctx.db.$queryRaw<RunRow[]>`${RUN_SELECT} WHERE r.job_id = ${jobId} ORDER BY r.created_at DESC, r.id LIMIT ${input.limit} OFFSET ${input.offset}`,
    ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lineage_runs WHERE job_id = ${jobId}`,
  ]);
  return { runs: rows.map(runOf), totalCount: count[0]?.n ?? 0 };
}
