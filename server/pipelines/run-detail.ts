// One run as its page shows it: state history, the facets that matter read into plain fields
// (error and stack trace, SQL, source location, nominal time, processing engine), inputs and
// outputs with their catalog pages and bucket objects, the parent run, and the child runs for the
// Gantt (ParentRunFacet). Children are bounded: a parent with a million tasks shows the first
// CHILD_LIMIT by start and says how many there are.
import type { HandlerArgs } from "../handler";
import { DomainError } from "../errors";
import type { RunDetailInput } from "./schemas";
import { DURATION_SQL } from "./runs-list";

export const CHILD_LIMIT = 500;

export type RunDataset = {
  direction: "input" | "output";
  namespace: string;
  name: string;
  catalog: { engineId: string; catalog: string; schema: string; name: string } | null;
  object: { bucket: string; key: string } | null;
};

export type ChildRun = { id: string; job: string; namespace: string; state: string; startedAt: Date | null; endedAt: Date | null; createdAt: Date };

export type RunDetail = {
  id: string;
  state: string;
  stateAt: Date;
  job: { namespace: string; name: string; jobType: string | null; integration: string | null; processingType: string | null };
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  nominal: { start: Date; end: Date | null } | null;
  parent: { id: string; namespace: string | null; job: string | null; known: boolean } | null;
  error: { message: string; language: string | null; stackTrace: string | null } | null;
  sql: { query: string; dialect: string | null } | null;
  source: { type: string | null; url: string | null; path: string | null; version: string | null } | null;
  engine: { name: string | null; version: string | null; adapterVersion: string | null } | null;
  /** Run facets the page does not read into fields, by name, as sent. */
  otherFacets: Record<string, unknown>;
  states: { eventType: string; eventTime: Date }[];
  datasets: RunDataset[];
  children: ChildRun[];
  childCount: number;
};

type Row = {
  id: string;
  state: string;
  state_at: Date;
  namespace: string;
  job: string;
  job_type: string | null;
  integration: string | null;
  processing_type: string | null;
  sql: string | null;
  sql_dialect: string | null;
  source_type: string | null;
  source_url: string | null;
  job_facets: Record<string, unknown> | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  duration: number | null;
  nominal_start_at: Date | null;
  nominal_end_at: Date | null;
  parent_run_id: string | null;
  parent_job_namespace: string | null;
  parent_job_name: string | null;
  parent_known: boolean;
  error_message: string | null;
  facets: Record<string, unknown> | null;
};

const READ_FACETS = new Set(["errorMessage", "processing_engine", "nominalTime", "parent"]);

export async function runDetail({ ctx, input }: HandlerArgs<RunDetailInput>): Promise<RunDetail> {
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT r.id::text, r.state, r.state_at, n.name AS namespace, j.name AS job, j.job_type, j.integration, j.processing_type,
           j.sql, j.sql_dialect, j.source_type, j.source_url, j.facets AS job_facets,
           r.created_at, r.started_at, r.ended_at, ${DURATION_SQL} AS duration, r.nominal_start_at, r.nominal_end_at,
           r.parent_run_id::text, r.parent_job_namespace, r.parent_job_name,
           EXISTS (SELECT 1 FROM lineage_runs p WHERE p.id = r.parent_run_id) AS parent_known,
           r.error_message, r.facets
      FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE r.id = ${input.runId}::uuid`;
  const row = rows[0];
  if (!row) throw new DomainError("NOT_FOUND", "No run with this id has been reported.");
  const [states, datasets, children, childCount] = await Promise.all([
    ctx.db.$queryRaw<{ event_type: string; event_time: Date }[]>`
      SELECT event_type, event_time FROM lineage_run_states WHERE run_id = ${input.runId}::uuid ORDER BY event_time, id`,
    ctx.db.$queryRaw<
      {
        direction: "input" | "output";
        namespace: string;
        name: string;
        engine_id: string | null;
        catalog: string | null;
        schema: string | null;
        table: string | null;
        object_bucket: string | null;
        object_key: string | null;
      }[]
    >`
      SELECT rd.direction, dn.name AS namespace, d.name, c.engine_id, c.catalog, c.schema, c.name AS table, d.object_bucket, d.object_key
        FROM lineage_run_datasets rd
        JOIN lineage_datasets d ON d.id = rd.dataset_id
        JOIN lineage_namespaces dn ON dn.id = d.namespace_id
        LEFT JOIN catalog_datasets c ON c.id = d.catalog_dataset_id AND c.removed_at IS NULL
       WHERE rd.run_id = ${input.runId}::uuid
       ORDER BY rd.direction, dn.name, d.name`,
    ctx.db.$queryRaw<{ id: string; namespace: string; job: string; state: string; started_at: Date | null; ended_at: Date | null; created_at: Date }[]>`
      SELECT c.id::text, n.name AS namespace, j.name AS job, c.state, c.started_at, c.ended_at, c.created_at
        FROM lineage_runs c JOIN lineage_jobs j ON j.id = c.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
       WHERE c.parent_run_id = ${input.runId}::uuid
       ORDER BY coalesce(c.started_at, c.created_at), c.id
       LIMIT ${CHILD_LIMIT}`,
    ctx.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM lineage_runs WHERE parent_run_id = ${input.runId}::uuid`,
  ]);
  const facets = row.facets ?? {};
  const jobFacets = row.job_facets ?? {};
  const error = record(facets.errorMessage);
  const engine = record(facets.processing_engine);
  const location = record(jobFacets.sourceCodeLocation);
  return {
    id: row.id,
    state: row.state,
    stateAt: row.state_at,
    job: { namespace: row.namespace, name: row.job, jobType: row.job_type, integration: row.integration, processingType: row.processing_type },
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration,
    nominal: row.nominal_start_at ? { start: row.nominal_start_at, end: row.nominal_end_at } : null,
    parent: row.parent_run_id ? { id: row.parent_run_id, namespace: row.parent_job_namespace, job: row.parent_job_name, known: row.parent_known } : null,
    error:
      row.error_message || error
        ? { message: row.error_message ?? str(error?.message) ?? "", language: str(error?.programmingLanguage), stackTrace: str(error?.stackTrace) }
        : null,
    sql: row.sql ? { query: row.sql, dialect: row.sql_dialect } : null,
    source: row.source_url || location ? { type: row.source_type, url: row.source_url, path: str(location?.path), version: str(location?.version) ?? str(location?.branch) } : null,
    engine: engine ? { name: str(engine.name), version: str(engine.version), adapterVersion: str(engine.openlineageAdapterVersion) } : null,
    otherFacets: Object.fromEntries(Object.entries(facets).filter(([name]) => !READ_FACETS.has(name))),
    states: states.map((s) => ({ eventType: s.event_type, eventTime: s.event_time })),
    datasets: datasets.map((d) => ({
      direction: d.direction,
      namespace: d.namespace,
      name: d.name,
      catalog: d.engine_id && d.catalog && d.schema && d.table ? { engineId: d.engine_id, catalog: d.catalog, schema: d.schema, name: d.table } : null,
      object: d.object_bucket && d.object_key ? { bucket: d.object_bucket, key: d.object_key } : null,
    })),
    children: children.map((c) => ({ id: c.id, namespace: c.namespace, job: c.job, state: c.state, startedAt: c.started_at, endedAt: c.ended_at, createdAt: c.created_at })),
    childCount: Number(childCount[0]?.n ?? 0),
  };
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
