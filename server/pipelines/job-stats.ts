// Per-job figures the pipelines list and the job page share, for a given set of jobs: over the
// window, runs, successes, failures and the median duration; the last RECENT_RUNS runs (the
// sparkline, the last state, the cadence); and the freshness of the datasets each job writes.
// Each is one statement over the jobs' index range on (job_id, created_at), so the cost follows
// the page's jobs, not the size of lineage_runs.
import type { Db } from "../db/client";
import { freshnessOf } from "../catalog/freshness";
import { cadenceOf } from "./cadence";
import { DURATION_SQL } from "./runs-list";

export const RECENT_RUNS = 20;
/** Outputs listed per job; the count says how many more. */
export const OUTPUT_LIMIT = 5;

export type RecentRun = { id: string; state: string; createdAt: Date; durationSeconds: number | null };

export type OutputFreshness = {
  namespace: string;
  name: string;
  catalog: { engineId: string; catalog: string; schema: string; name: string } | null;
  /** From the catalog (engine's last modification or last schema change); null when not in the catalog. */
  lastChangeAt: Date | null;
  stale: boolean;
};

export type JobStats = {
  runs: number;
  succeeded: number;
  failed: number;
  /** Successes among finished runs in the window (0–1); null without finished runs. */
  successRate: number | null;
  medianSeconds: number | null;
  /** Newest first. */
  recent: RecentRun[];
  lastRun: RecentRun | null;
  expectedNextAt: Date | null;
  late: boolean;
  outputs: OutputFreshness[];
  outputCount: number;
  staleOutputs: number;
};

export async function jobStats(db: Db, jobIds: bigint[], since: Date, now = new Date()): Promise<Map<string, JobStats>> {
  const result = new Map<string, JobStats>();
  if (jobIds.length === 0) return result;
  const [windowRows, recentRows, outputRows] = await Promise.all([
    db.$queryRaw<{ job_id: bigint; runs: bigint; succeeded: bigint; failed: bigint; median: number | null }[]>`
      SELECT r.job_id, count(*) AS runs,
             count(*) FILTER (WHERE r.state = 'COMPLETE') AS succeeded,
             count(*) FILTER (WHERE r.state IN ('FAIL', 'ABORT')) AS failed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DURATION_SQL}) FILTER (WHERE r.started_at IS NOT NULL AND r.ended_at IS NOT NULL) AS median
        FROM lineage_runs r
       WHERE r.job_id = ANY(${jobIds}::bigint[]) AND r.created_at >= ${since}
       GROUP BY r.job_id`,
    db.$queryRaw<{ job_id: bigint; id: string; state: string; created_at: Date; at: Date; duration: number | null }[]>`
      SELECT j.id AS job_id, x.id, x.state, x.created_at, x.at, x.duration
        FROM unnest(${jobIds}::bigint[]) AS j(id)
        CROSS JOIN LATERAL (
          SELECT r.id::text, r.state, r.created_at, coalesce(r.nominal_start_at, r.started_at, r.created_at) AS at, ${DURATION_SQL} AS duration
            FROM lineage_runs r WHERE r.job_id = j.id ORDER BY r.created_at DESC LIMIT ${RECENT_RUNS}) x`,
    db.$queryRaw<
      {
        job_id: bigint;
        namespace: string;
        name: string;
        engine_id: string | null;
        catalog: string | null;
        schema: string | null;
        table: string | null;
        last_modified_at: Date | null;
        schema_changed_at: Date | null;
        expected_update_hours: number | null;
      }[]
    >`
      SELECT e.job_id, dn.name AS namespace, d.name, c.engine_id, c.catalog, c.schema, c.name AS table, c.last_modified_at, c.schema_changed_at, c.expected_update_hours
        FROM lineage_edges e
        JOIN lineage_datasets d ON d.id = e.dataset_id
        JOIN lineage_namespaces dn ON dn.id = d.namespace_id
        LEFT JOIN catalog_datasets c ON c.id = d.catalog_dataset_id AND c.removed_at IS NULL
       WHERE e.job_id = ANY(${jobIds}::bigint[]) AND e.direction = 'output' AND e.valid_to IS NULL
       ORDER BY e.job_id, dn.name, d.name`,
  ]);
  const windows = new Map(windowRows.map((r) => [String(r.job_id), r]));
  const recents = new Map<string, (typeof recentRows)[number][]>();
  for (const r of recentRows) recents.set(String(r.job_id), [...(recents.get(String(r.job_id)) ?? []), r]);
  const outputs = new Map<string, OutputFreshness[]>();
  for (const o of outputRows) {
    const freshness = o.schema_changed_at
      ? freshnessOf({ lastModifiedAt: o.last_modified_at, schemaChangedAt: o.schema_changed_at, expectedUpdateHours: o.expected_update_hours }, now)
      : null;
    const entry: OutputFreshness = {
      namespace: o.namespace,
      name: o.name,
      catalog: o.engine_id && o.catalog && o.schema && o.table ? { engineId: o.engine_id, catalog: o.catalog, schema: o.schema, name: o.table } : null,
      lastChangeAt: freshness?.lastChangeAt ?? null,
      stale: freshness?.stale ?? false,
    };
    outputs.set(String(o.job_id), [...(outputs.get(String(o.job_id)) ?? []), entry]);
  }
  for (const id of jobIds) {
    const key = String(id);
    const w = windows.get(key);
    const recent = (recents.get(key) ?? []).map((r) => ({ id: r.id, state: r.state, createdAt: r.created_at, durationSeconds: r.duration }));
    const cadence = cadenceOf(
      (recents.get(key) ?? []).map((r) => r.at),
      now,
    );
    const succeeded = Number(w?.succeeded ?? 0);
    const failed = Number(w?.failed ?? 0);
    const jobOutputs = outputs.get(key) ?? [];
    result.set(key, {
      runs: Number(w?.runs ?? 0),
      succeeded,
      failed,
      successRate: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
      medianSeconds: w?.median ?? null,
      recent,
      lastRun: recent[0] ?? null,
      expectedNextAt: cadence?.expectedNextAt ?? null,
      late: cadence?.late ?? false,
      outputs: jobOutputs.slice(0, OUTPUT_LIMIT),
      outputCount: jobOutputs.length,
      staleOutputs: jobOutputs.filter((o) => o.stale).length,
    });
  }
  return result;
}
