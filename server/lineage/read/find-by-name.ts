// Names in URL paths → ids, with Marquez's 404 messages for names nobody has sent.
import type { Db } from "../../db/client";
import { DomainError } from "../../errors";

export async function findNamespaceId(db: Db, namespace: string): Promise<bigint> {
  const rows = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM lineage_namespaces WHERE name = ${namespace}`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", `Namespace '${namespace}' not found.`);
  return BigInt(rows[0].id);
}

export async function findJobId(db: Db, namespace: string, job: string): Promise<bigint> {
  const namespaceId = await findNamespaceId(db, namespace);
  const rows = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM lineage_jobs WHERE namespace_id = ${namespaceId} AND name = ${job}`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", `Job '${job}' not found in namespace '${namespace}'.`);
  return BigInt(rows[0].id);
}

export async function findDatasetId(db: Db, namespace: string, dataset: string): Promise<bigint> {
  const namespaceId = await findNamespaceId(db, namespace);
  const rows = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM lineage_datasets WHERE namespace_id = ${namespaceId} AND name = ${dataset}`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", `Dataset '${dataset}' not found in namespace '${namespace}'.`);
  return BigInt(rows[0].id);
}
