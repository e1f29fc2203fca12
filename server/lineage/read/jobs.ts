// Jobs in Marquez's shape: GET /jobs, /namespaces/{ns}/jobs, …/jobs/{job}, and the data of job
// nodes in lineage graphs. A job's inputs and outputs are its edges valid now (or at `asOf`).
import { Prisma } from "../../db/generated/client";
import type { Db } from "../../db/client";
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { facetsOf, isoOf, versionUuid, type DatasetId, type MarquezJob, type MarquezJobData } from "./marquez-types";
import type { JobInput, ListJobsInput } from "./schemas";
import { findJobId, findNamespaceId } from "./find-by-name";
import { loadRuns } from "./runs";
import { edgeValidAt } from "./edge-validity";

type JobRow = {
  id: bigint;
  namespace: string;
  name: string;
  processing_type: string | null;
  source_url: string | null;
  description: string | null;
  facets: unknown;
  created_at: Date;
  updated_at: Date;
  current_version: string | null;
  parent_name: string | null;
  inputs: DatasetId[] | null;
  outputs: DatasetId[] | null;
  latest_run_id: string | null;
};

function jobSelect(asOf: Date | undefined) {
  const io = (direction: string) => Prisma.sql`
    (SELECT json_agg(json_build_object('namespace', dn.name, 'name', d.name) ORDER BY dn.name, d.name)
       FROM lineage_edges e JOIN lineage_datasets d ON d.id = e.dataset_id JOIN lineage_namespaces dn ON dn.id = d.namespace_id
      WHERE e.job_id = j.id AND e.direction = ${direction} AND ${edgeValidAt(asOf)})`;
  return Prisma.sql`
    SELECT j.id, n.name AS namespace, j.name, j.processing_type, j.source_url, j.description, j.facets, j.created_at, j.updated_at,
           jv.version AS current_version, p.name AS parent_name,
           ${io("input")} AS inputs, ${io("output")} AS outputs,
           (SELECT r.id::text FROM lineage_runs r WHERE r.job_id = j.id ORDER BY r.created_at DESC LIMIT 1) AS latest_run_id
      FROM lineage_jobs j
      JOIN lineage_namespaces n ON n.id = j.namespace_id
      LEFT JOIN lineage_job_versions jv ON jv.id = j.current_version_id
      LEFT JOIN lineage_jobs p ON p.id = j.parent_job_id`;
}

async function jobsOf(db: Db, rows: JobRow[]): Promise<MarquezJob[]> {
  const runs = await loadRuns(
    db,
    rows.flatMap((r) => (r.latest_run_id ? [r.latest_run_id] : [])),
  );
  return rows.map((row) => {
    // Airflow and dbt name a task `<dag>.<task>`: its simple name is what follows its parent's name.
    const simpleName = row.parent_name && row.name.startsWith(`${row.parent_name}.`) ? row.name.slice(row.parent_name.length + 1) : row.name;
    const data: MarquezJobData = {
      id: { namespace: row.namespace, name: row.name },
      type: row.processing_type === "STREAMING" ? "STREAM" : "BATCH",
      name: row.name,
      simpleName,
      parentJobName: row.parent_name,
      parentJobUuid: null,
      createdAt: isoOf(row.created_at),
      updatedAt: isoOf(row.updated_at),
      namespace: row.namespace,
      inputs: row.inputs ?? [],
      outputs: row.outputs ?? [],
      location: row.source_url,
      description: row.description,
      latestRun: (row.latest_run_id && runs.get(row.latest_run_id)) || null,
    };
    return { ...data, facets: facetsOf(row.facets), currentVersion: row.current_version ? versionUuid(row.current_version) : null, tags: [], labels: [] };
  });
}

/** Job node data (Marquez's JobData: no facets, version, tags) by id, with edges valid at `asOf`. */
export async function loadJobData(db: Db, ids: bigint[], asOf?: Date): Promise<Map<bigint, MarquezJobData>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<JobRow[]>`${jobSelect(asOf)} WHERE j.id = ANY(${ids}::bigint[])`;
  const jobs = await jobsOf(db, rows);
  return new Map(
    jobs.map((job, i) => {
      const { facets: _facets, currentVersion: _version, tags: _tags, labels: _labels, ...data } = job;
      return [BigInt(rows[i]!.id), data];
    }),
  );
}

export async function listJobs({ ctx, input }: HandlerArgs<ListJobsInput>): Promise<{ jobs: MarquezJob[]; totalCount: number }> {
  const namespaceId = input.namespace === undefined ? null : await findNamespaceId(ctx.db, input.namespace);
  const where = namespaceId === null ? Prisma.empty : Prisma.sql`WHERE j.namespace_id = ${namespaceId}`;
  const [rows, count] = await Promise.all([
    ctx.db.$queryRaw<JobRow[]>`${jobSelect(undefined)} ${where} ORDER BY n.name, j.name LIMIT ${input.limit} OFFSET ${input.offset}`,
    ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lineage_jobs j ${where}`,
  ]);
  return { jobs: await jobsOf(ctx.db, rows), totalCount: count[0]?.n ?? 0 };
}

export async function getJob({ ctx, input }: HandlerArgs<JobInput>): Promise<MarquezJob> {
  const id = await findJobId(ctx.db, input.namespace, input.job);
  const rows = await ctx.db.$queryRaw<JobRow[]>`${jobSelect(undefined)} WHERE j.id = ${id}`;
  const [job] = await jobsOf(ctx.db, rows);
  if (!job) throw new DomainError("NOT_FOUND", `Job '${input.job}' not found in namespace '${input.namespace}'.`);
  return job;
}
