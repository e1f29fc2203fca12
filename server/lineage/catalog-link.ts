// Which catalog dataset or bucket object a lineage dataset names. OpenLineage names datasets by
// namespace + name (https://openlineage.io/docs/spec/naming):
// - Trino: `trino://host:port` + `catalog.schema.table` → the catalog's dataset of engine `trino`
//   when host:port is the portal's TRINO_URL (another cluster's tables are not ours).
// - The embedded DuckDB lakehouse: `duckdb://portal` + `catalog.schema.table` (the portal's own
//   SQL lineage and demo pipeline use it) → engine `duckdb`.
// - Buckets: `s3://bucket` (also s3a/s3n) + key, and `file` + a path inside the embedded lake
//   (<PORTAL_DATA_DIR>/lake/<bucket>/<key>) → that bucket object.
// Symlinks (SymlinksDatasetFacet) count too: Spark names a Hive table by its path and links the
// table name. Links are resolved at ingestion and again by relinkLineageDatasets when the
// catalog learns a dataset later (the crawler and the lineage read API call it).
import path from "node:path";
import type { Prisma } from "../db/generated/client";
import { getConfig } from "../config/env";

/** The namespace of the embedded DuckDB lakehouse's datasets. */
export const DUCKDB_NAMESPACE = "duckdb://portal";

/** The client, a Prisma transaction, or ingestion's pg client (server/lineage/ingest-sql.ts). */
type Sql = { $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> };

/** `trino://host:port` of the configured Trino, or null without one. */
export function trinoNamespace(trinoUrl = getConfig().TRINO_URL): string | null {
  if (!trinoUrl) return null;
  const url = new URL(trinoUrl);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `trino://${url.hostname.toLowerCase()}:${port}`;
}

/** The bucket object a dataset names, or null. */
export function objectOf(namespace: string, name: string, lakeDir = path.join(getConfig().dataDir, "lake")): { bucket: string; key: string } | null {
  const s3 = /^s3[an]?:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/i.exec(namespace);
  if (s3) {
    const key = name.replace(/^\/+/, "");
    return key ? { bucket: s3[1]!, key } : null;
  }
  if (namespace === "file" || namespace === "file://") {
    const file = path.resolve(name.replace(/^file:\/*/, "/"));
    const relative = path.relative(lakeDir, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
    const [bucket, ...rest] = relative.split(path.sep);
    return bucket && rest.length ? { bucket, key: rest.join("/") } : null;
  }
  return null;
}

/**
 * Links lineage datasets that have no catalog dataset yet to the one their name (or a symlink's)
 * names. `datasetIds`: only these; omitted: every unlinked dataset. Returns how many were linked.
 */
export async function relinkLineageDatasets(client: Sql, datasetIds?: string[]): Promise<number> {
  const trino = trinoNamespace();
  const only = datasetIds ?? null;
  // Candidate names: the dataset's own and its symlinks', split into catalog.schema.table.
  return client.$executeRaw`
    WITH names AS (
      SELECT d.id, n.name AS namespace, d.name FROM lineage_datasets d JOIN lineage_namespaces n ON n.id = d.namespace_id
       WHERE d.catalog_dataset_id IS NULL AND (${only}::bigint[] IS NULL OR d.id = ANY(${only}::bigint[]))
      UNION ALL
      SELECT d.id, s.namespace, s.name FROM lineage_datasets d JOIN lineage_dataset_symlinks s ON s.dataset_id = d.id
       WHERE d.catalog_dataset_id IS NULL AND (${only}::bigint[] IS NULL OR d.id = ANY(${only}::bigint[]))
    ), parts AS (
      SELECT id, CASE WHEN namespace = ${DUCKDB_NAMESPACE} THEN 'duckdb' WHEN namespace = ${trino} THEN 'trino' END AS engine_id,
             regexp_match(name, '^([^.]+)\\.([^.]+)\\.(.+)$') AS p
        FROM names
    ), found AS (
      SELECT DISTINCT ON (parts.id) parts.id, c.id AS catalog_dataset_id
        FROM parts JOIN catalog_datasets c ON c.engine_id = parts.engine_id AND c.catalog = parts.p[1] AND c.schema = parts.p[2] AND c.name = parts.p[3]
       WHERE parts.engine_id IS NOT NULL
       ORDER BY parts.id, c.removed_at NULLS FIRST
    )
    UPDATE lineage_datasets d SET catalog_dataset_id = found.catalog_dataset_id FROM found WHERE d.id = found.id`;
}
