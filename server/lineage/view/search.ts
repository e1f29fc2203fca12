// Where the lineage page starts: datasets and jobs whose name holds the typed text (any case;
// `%` and `_` are literal here), shortest and alphabetically first; with no text, the most
// recently updated. At most SEARCH_LIMIT of each kind, and the answer says when there are more.
import { Prisma } from "../../db/generated/client";
import type { HandlerArgs } from "../../handler";
import { datasetNodeId, jobNodeId } from "../read/node-id";
import type { LineageSearchInput } from "./schemas";

export const SEARCH_LIMIT = 20;

export type LineageSearchHit = { id: string; kind: "dataset" | "job"; namespace: string; name: string; updatedAt: string };
export type LineageSearch = { hits: LineageSearchHit[]; more: boolean };

export async function lineageSearch({ ctx, input }: HandlerArgs<LineageSearchInput>): Promise<LineageSearch> {
  const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const order = input.q ? Prisma.sql`length(name), name, namespace` : Prisma.sql`updated_at DESC, name`;
  const pick = async (kind: "dataset" | "job") => {
    const table = Prisma.raw(kind === "dataset" ? "lineage_datasets" : "lineage_jobs");
    return ctx.db.$queryRaw<{ namespace: string; name: string; updated_at: Date }[]>`
      SELECT * FROM (SELECT n.name AS namespace, t.name, t.updated_at FROM ${table} t JOIN lineage_namespaces n ON n.id = t.namespace_id
                      WHERE t.name ILIKE ${pattern}) found
       ORDER BY ${order} LIMIT ${SEARCH_LIMIT + 1}`;
  };
  const [datasets, jobs] = await Promise.all([input.kind === "job" ? [] : pick("dataset"), input.kind === "dataset" ? [] : pick("job")]);
  const hits = [
    ...datasets
      .slice(0, SEARCH_LIMIT)
      .map((r) => ({ id: datasetNodeId(r.namespace, r.name), kind: "dataset" as const, namespace: r.namespace, name: r.name, updatedAt: r.updated_at.toISOString() })),
    ...jobs
      .slice(0, SEARCH_LIMIT)
      .map((r) => ({ id: jobNodeId(r.namespace, r.name), kind: "job" as const, namespace: r.namespace, name: r.name, updatedAt: r.updated_at.toISOString() })),
  ];
  return { hits, more: datasets.length > SEARCH_LIMIT || jobs.length > SEARCH_LIMIT };
}

/** The lineage node of a catalog dataset (its dataset page's Lineage tab), or null when no event named it. */
export async function lineageCatalogFocus({ ctx, input }: HandlerArgs<{ datasetId: string }>): Promise<{ focusId: string | null }> {
  const rows = await ctx.db.$queryRaw<{ namespace: string; name: string }[]>`
    SELECT n.name AS namespace, d.name FROM lineage_datasets d JOIN lineage_namespaces n ON n.id = d.namespace_id
     WHERE d.catalog_dataset_id = ${input.datasetId}::uuid ORDER BY d.id LIMIT 1`;
  return { focusId: rows[0] ? datasetNodeId(rows[0].namespace, rows[0].name) : null };
}
