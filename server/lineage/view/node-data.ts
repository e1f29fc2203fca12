// What the view draws on each node, for a whole answer in a few set queries: names, the job that
// runs a task (parentId), the last run (a job's own, or the last run that wrote a dataset), and
// for datasets the catalog's owners and freshness through their catalog_dataset_id link.
import type { Db } from "../../db/client";
import { freshnessOf } from "../../catalog/freshness";
import { datasetNodeId, jobNodeId } from "../read/node-id";
import { catalogDatasetHref, jobHref } from "../../../lib/lineage/view-paths";
import type { LineageViewNode } from "../../../lib/lineage/graph-view";

export type NodeKey = { kind: "d" | "j"; id: bigint };
export const keyOf = (n: NodeKey) => `${n.kind}${n.id}`;

export type NodeData = Omit<LineageViewNode, "depth" | "hidden"> & {
  freshness?: { lastChangeAt: string; dueAt: string | null; stale: boolean } | null;
  catalogDatasetId?: string | null;
  /** Why a dataset shown no longer exists: its last lifecycle event dropped it, or the catalog's crawl no longer finds it. */
  gone?: "dropped" | "removed from the catalog" | null;
};

export async function loadNodeData(db: Db, nodes: NodeKey[], now = new Date()): Promise<Map<string, NodeData>> {
  const datasetIds = nodes.filter((n) => n.kind === "d").map((n) => n.id);
  const jobIds = nodes.filter((n) => n.kind === "j").map((n) => n.id);
  const [datasets, jobs] = await Promise.all([
    datasetIds.length
      ? db.$queryRaw<
          {
            id: bigint;
            namespace: string;
            name: string;
            catalog_id: string | null;
            engine_id: string | null;
            catalog: string | null;
            schema: string | null;
            table: string | null;
            owners: string[] | null;
            last_modified_at: Date | null;
            schema_changed_at: Date | null;
            expected_update_hours: number | null;
            state: string | null;
            at: Date | null;
            lifecycle_state: string | null;
            catalog_removed: boolean;
          }[]
        >`
          SELECT d.id, n.name AS namespace, d.name, c.id::text AS catalog_id, c.engine_id, c.catalog, c.schema, c.name AS table, c.owners,
                 c.last_modified_at, c.schema_changed_at, c.expected_update_hours, r.state, r.state_at AS at, d.lifecycle_state,
                 EXISTS (SELECT 1 FROM catalog_datasets gone WHERE gone.id = d.catalog_dataset_id AND gone.removed_at IS NOT NULL) AS catalog_removed
            FROM lineage_datasets d JOIN lineage_namespaces n ON n.id = d.namespace_id
            LEFT JOIN catalog_datasets c ON c.id = d.catalog_dataset_id AND c.removed_at IS NULL
            LEFT JOIN LATERAL (
              SELECT r.state, r.state_at FROM lineage_run_datasets rd JOIN lineage_runs r ON r.id = rd.run_id
               WHERE rd.dataset_id = d.id AND rd.direction = 'output' ORDER BY rd.last_seen_at DESC LIMIT 1) r ON true
           WHERE d.id = ANY(${datasetIds}::bigint[])`
      : Promise.resolve([]),
    jobIds.length
      ? db.$queryRaw<{ id: bigint; namespace: string; name: string; parent_namespace: string | null; parent_name: string | null; state: string | null; at: Date | null }[]>`
          SELECT j.id, n.name AS namespace, j.name, pn.name AS parent_namespace, p.name AS parent_name, r.state, r.state_at AS at
            FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id
            LEFT JOIN lineage_jobs p ON p.id = j.parent_job_id LEFT JOIN lineage_namespaces pn ON pn.id = p.namespace_id
            LEFT JOIN LATERAL (SELECT state, state_at FROM lineage_runs WHERE job_id = j.id ORDER BY created_at DESC LIMIT 1) r ON true
           WHERE j.id = ANY(${jobIds}::bigint[])`
      : Promise.resolve([]),
  ]);
  const out = new Map<string, NodeData>();
  for (const d of datasets) {
    const freshness =
      d.catalog_id && d.schema_changed_at
        ? freshnessOf({ lastModifiedAt: d.last_modified_at, schemaChangedAt: d.schema_changed_at, expectedUpdateHours: d.expected_update_hours }, now)
        : null;
    out.set(`d${d.id}`, {
      id: datasetNodeId(d.namespace, d.name),
      kind: "dataset",
      namespace: d.namespace,
      name: d.name,
      parentId: null,
      lastRun: d.state ? { state: d.state, at: d.at?.toISOString() ?? null } : null,
      stale: freshness?.stale ?? false,
      owners: d.owners ?? [],
      href: d.engine_id && d.catalog && d.schema && d.table ? catalogDatasetHref({ engineId: d.engine_id, catalog: d.catalog, schema: d.schema, name: d.table }) : null,
      freshness: freshness && { lastChangeAt: freshness.lastChangeAt.toISOString(), dueAt: freshness.dueAt?.toISOString() ?? null, stale: freshness.stale },
      catalogDatasetId: d.catalog_id,
      gone: d.lifecycle_state === "DROP" ? "dropped" : d.catalog_removed ? "removed from the catalog" : null,
    });
  }
  for (const j of jobs) {
    out.set(`j${j.id}`, {
      id: jobNodeId(j.namespace, j.name),
      kind: "job",
      namespace: j.namespace,
      name: j.name,
      parentId: j.parent_namespace !== null && j.parent_name !== null ? jobNodeId(j.parent_namespace, j.parent_name) : null,
      lastRun: j.state ? { state: j.state, at: j.at?.toISOString() ?? null } : null,
      href: jobHref(j.namespace, j.name),
    });
  }
  return out;
}
