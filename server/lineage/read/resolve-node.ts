// Which dataset or job a node id names: the first of its possible splits (Marquez's guess first,
// server/lineage/read/node-id.ts) that the database knows, in one query. A dataset may also be
// named by one of its symlinks (SymlinksDatasetFacet: the Hive table behind a path).
import type { Db } from "../../db/client";
import { DomainError } from "../../errors";
import { parseNodeId, type NodeKind } from "./node-id";

export type ResolvedNode = { kind: NodeKind; id: bigint; namespace: string; name: string; field?: string };

export async function resolveNode(db: Db, nodeId: string): Promise<ResolvedNode> {
  const { kind, candidates } = parseNodeId(nodeId);
  const namespaces = candidates.map((c) => c.namespace);
  const names = candidates.map((c) => c.name);
  const fields = candidates.map((c) => c.field ?? "");
  const rows =
    kind === "job"
      ? await db.$queryRaw<{ id: bigint; namespace: string; name: string; field: string }[]>`
          SELECT j.id, n.name AS namespace, j.name, c.field
            FROM unnest(${namespaces}::text[], ${names}::text[], ${fields}::text[]) WITH ORDINALITY AS c(ns, name, field, ord)
            JOIN lineage_namespaces n ON n.name = c.ns
            JOIN lineage_jobs j ON j.namespace_id = n.id AND j.name = c.name
           ORDER BY c.ord LIMIT 1`
      : await db.$queryRaw<{ id: bigint; namespace: string; name: string; field: string }[]>`
          SELECT id, namespace, name, field FROM (
            SELECT d.id, n.name AS namespace, d.name, c.field, c.ord, 0 AS via
              FROM unnest(${namespaces}::text[], ${names}::text[], ${fields}::text[]) WITH ORDINALITY AS c(ns, name, field, ord)
              JOIN lineage_namespaces n ON n.name = c.ns
              JOIN lineage_datasets d ON d.namespace_id = n.id AND d.name = c.name
            UNION ALL
            SELECT d.id, n.name, d.name, c.field, c.ord, 1
              FROM unnest(${namespaces}::text[], ${names}::text[], ${fields}::text[]) WITH ORDINALITY AS c(ns, name, field, ord)
              JOIN lineage_dataset_symlinks s ON s.namespace = c.ns AND s.name = c.name
              JOIN lineage_datasets d ON d.id = s.dataset_id
              JOIN lineage_namespaces n ON n.id = d.namespace_id
          ) found ORDER BY via, ord LIMIT 1`;
  const row = rows[0];
  if (!row) throw new DomainError("NOT_FOUND", `${kind === "job" ? "Job" : kind === "dataset" ? "Dataset" : "Dataset field"} '${nodeId}' not found.`);
  return { kind, id: BigInt(row.id), namespace: row.namespace, name: row.name, ...(kind === "datasetField" ? { field: row.field } : {}) };
}
