// Datasets in Marquez's shape: GET /namespaces/{ns}/datasets, …/datasets/{ds}, …/{ds}/versions,
// and the data of dataset nodes in lineage graphs.
import { Prisma } from "../../db/generated/client";
import type { Db } from "../../db/client";
import type { HandlerArgs } from "../../handler";
import { facetsOf, fieldsOf, iso, isoOf, versionUuid, type MarquezDataset, type MarquezDatasetData, type MarquezDatasetVersion } from "./marquez-types";
import type { DatasetInput, ListDatasetsInput, ListDatasetVersionsInput } from "./schemas";
import { findDatasetId, findNamespaceId } from "./find-by-name";
import { loadRuns } from "./runs";
import { DomainError } from "../../errors";

type DatasetRow = {
  id: bigint;
  namespace: string;
  name: string;
  fields: unknown;
  facets: unknown;
  description: string | null;
  source_name: string | null;
  lifecycle_state: string | null;
  created_at: Date;
  updated_at: Date;
  current_version: string | null;
  last_modified_at: Date | null;
};

// lastModifiedAt: the last time a run that completed wrote it, as Marquez defines it.
const DATASET_SELECT = Prisma.sql`
  SELECT d.id, n.name AS namespace, d.name, d.fields, d.facets, d.description, d.source_name, d.lifecycle_state, d.created_at, d.updated_at,
         v.version AS current_version,
         (SELECT max(rd.last_seen_at) FROM lineage_run_datasets rd JOIN lineage_runs r ON r.id = rd.run_id
           WHERE rd.dataset_id = d.id AND rd.direction = 'output' AND r.state = 'COMPLETE') AS last_modified_at
    FROM lineage_datasets d
    JOIN lineage_namespaces n ON n.id = d.namespace_id
    LEFT JOIN lineage_dataset_versions v ON v.id = d.current_version_id`;

/** A stream when a producer says so (Kafka and Kinesis namespaces); a table otherwise, as Marquez defaults. */
function typeOf(namespace: string): "DB_TABLE" | "STREAM" {
  return /^(kafka|kinesis|pulsar):/i.test(namespace) ? "STREAM" : "DB_TABLE";
}

export function datasetDataOf(row: DatasetRow): MarquezDatasetData {
  return {
    id: { namespace: row.namespace, name: row.name },
    type: typeOf(row.namespace),
    name: row.name,
    physicalName: row.name,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    namespace: row.namespace,
    sourceName: row.source_name ?? row.namespace,
    fields: fieldsOf(row.fields),
    tags: [],
    lastModifiedAt: iso(row.last_modified_at),
    description: row.description,
    lastLifecycleState: row.lifecycle_state,
  };
}

function datasetOf(row: DatasetRow): MarquezDataset {
  return {
    ...datasetDataOf(row),
    facets: facetsOf(row.facets),
    currentVersion: row.current_version ? versionUuid(row.current_version) : null,
    deleted: row.lifecycle_state === "DROP",
  };
}

export async function loadDatasetData(db: Db, ids: bigint[]): Promise<Map<bigint, MarquezDatasetData>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<DatasetRow[]>`${DATASET_SELECT} WHERE d.id = ANY(${ids}::bigint[])`;
  return new Map(rows.map((r) => [BigInt(r.id), datasetDataOf(r)]));
}

export async function listDatasets({ ctx, input }: HandlerArgs<ListDatasetsInput>): Promise<{ datasets: MarquezDataset[]; totalCount: number }> {
  const namespaceId = await findNamespaceId(ctx.db, input.namespace);
  const [rows, count] = await Promise.all([
    ctx.db.$queryRaw<DatasetRow[]>`${DATASET_SELECT} WHERE d.namespace_id = ${namespaceId} ORDER BY d.name LIMIT ${input.limit} OFFSET ${input.offset}`,
    ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lineage_datasets WHERE namespace_id = ${namespaceId}`,
  ]);
  return { datasets: rows.map(datasetOf), totalCount: count[0]?.n ?? 0 };
}

export async function getDataset({ ctx, input }: HandlerArgs<DatasetInput>): Promise<MarquezDataset> {
  const id = await findDatasetId(ctx.db, input.namespace, input.dataset);
  const rows = await ctx.db.$queryRaw<DatasetRow[]>`${DATASET_SELECT} WHERE d.id = ${id}`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", `Dataset '${input.dataset}' not found in namespace '${input.namespace}'.`);
  return datasetOf(rows[0]);
}

type VersionRow = { version: string; fields: unknown; run_id: string | null; created_at: Date };

/** A dataset's versions, newest first, each with the run that wrote it. */
export async function listDatasetVersions({ ctx, input }: HandlerArgs<ListDatasetVersionsInput>): Promise<{ versions: MarquezDatasetVersion[]; totalCount: number }> {
  const dataset = await getDataset({ ctx, input });
  const id = await findDatasetId(ctx.db, input.namespace, input.dataset);
  const [rows, count] = await Promise.all([
    ctx.db.$queryRaw<VersionRow[]>`
      SELECT version, fields, run_id::text, created_at FROM lineage_dataset_versions WHERE dataset_id = ${id}
       ORDER BY created_at DESC, id DESC LIMIT ${input.limit} OFFSET ${input.offset}`,
    ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lineage_dataset_versions WHERE dataset_id = ${id}`,
  ]);
  const runs = await loadRuns(
    ctx.db,
    rows.flatMap((r) => (r.run_id ? [r.run_id] : [])),
  );
  const versions = rows.map((r): MarquezDatasetVersion => {
    const version = versionUuid(r.version);
    return {
      id: { namespace: dataset.namespace, name: dataset.name, version },
      type: dataset.type,
      name: dataset.name,
      physicalName: dataset.physicalName,
      createdAt: isoOf(r.created_at),
      version,
      namespace: dataset.namespace,
      sourceName: dataset.sourceName,
      fields: fieldsOf(r.fields),
      tags: [],
      description: dataset.description,
      lifecycleState: dataset.lastLifecycleState,
      createdByRun: (r.run_id && runs.get(r.run_id)) || null,
      facets: dataset.facets,
    };
  });
  return { versions, totalCount: count[0]?.n ?? 0 };
}
