// GET /api/v1/search in Marquez's shape: datasets and jobs whose name matches `q`, case-insensitive,
// anywhere in the name; `%` and `_` in `q` are LIKE wildcards, as Marquez documents. `filter`
// narrows to datasets or jobs, `sort` orders by name or by last update (newest first).
import { Prisma } from "../../db/generated/client";
import type { HandlerArgs } from "../../handler";
import { isoOf } from "./marquez-types";
import { datasetNodeId, jobNodeId } from "./node-id";
import type { SearchInput } from "./schemas";

export type SearchResult = { type: "DATASET" | "JOB"; name: string; updatedAt: string; namespace: string; nodeId: string };

export async function search({ ctx, input }: HandlerArgs<SearchInput>): Promise<{ totalCount: number; results: SearchResult[] }> {
  const pattern = `%${input.q}%`;
  const datasets = Prisma.sql`SELECT 'DATASET' AS type, d.name, d.updated_at, n.name AS namespace FROM lineage_datasets d JOIN lineage_namespaces n ON n.id = d.namespace_id WHERE d.name ILIKE ${pattern}`;
  const jobs = Prisma.sql`SELECT 'JOB' AS type, j.name, j.updated_at, n.name AS namespace FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id WHERE j.name ILIKE ${pattern}`;
  const union = input.filter === "DATASET" ? datasets : input.filter === "JOB" ? jobs : Prisma.sql`${datasets} UNION ALL ${jobs}`;
  const order = input.sort === "UPDATED_AT" ? Prisma.sql`updated_at DESC, name, namespace` : Prisma.sql`name, namespace, type`;
  const rows = await ctx.db.$queryRaw<{ type: "DATASET" | "JOB"; name: string; updated_at: Date; namespace: string }[]>`
    SELECT * FROM (${union}) found ORDER BY ${order} LIMIT ${input.limit}`;
  const results = rows.map((r) => ({
    type: r.type,
    name: r.name,
    updatedAt: isoOf(r.updated_at),
    namespace: r.namespace,
    nodeId: r.type === "DATASET" ? datasetNodeId(r.namespace, r.name) : jobNodeId(r.namespace, r.name),
  }));
  // Marquez's totalCount is the number of results returned.
  return { totalCount: results.length, results };
}
