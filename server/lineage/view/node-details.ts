// The side panel of the lineage view: what one node is. A dataset: its schema fields, facets,
// the catalog page, the bucket object it names (when the user's role may read that bucket), and
// the last runs that wrote it. A job: type, description, source, SQL and its last runs.
//
// Viewers see what they see elsewhere in the portal: the SQL of someone's ad hoc workbench job
// (`adhoc.<e-mail>`) only to that person and admins — as the SQL history and the catalog's usage
// list show other people's statements only to admins — and a bucket object only when the
// role may read its bucket (PORTAL_BUCKET_ACCESS).
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { hasRole } from "../../../lib/auth/roles";
import { rightsOf } from "../../storage/access";
import { resolveNode } from "../read/resolve-node";
import { facetsOf, fieldsOf } from "../read/marquez-types";
import { objectHref, runHref } from "../../../lib/lineage/view-paths";
import { loadNodeData } from "./node-data";
import type { LineageNodeInput } from "./schemas";

export type NodeRun = { id: string; state: string; at: string; href: string };
export type LineageNodeDetails = {
  id: string;
  kind: "dataset" | "job";
  namespace: string;
  name: string;
  href: string | null;
  description: string | null;
  owners: string[];
  freshness: { lastChangeAt: string; dueAt: string | null; stale: boolean } | null;
  fields: { name: string; type: string | null; description: string | null }[];
  facets: string[];
  object: { bucket: string; key: string; href: string } | null;
  job: { type: string | null; integration: string | null; sourceUrl: string | null; sql: string | null; sqlHidden: boolean; parentId: string | null } | null;
  counts: { inputs: number; outputs: number };
  runs: NodeRun[];
};

const RUNS_SHOWN = 5;

export async function lineageNode({ ctx, input }: HandlerArgs<LineageNodeInput>): Promise<LineageNodeDetails> {
  const node = await resolveNode(ctx.db, input.id);
  if (node.kind === "datasetField") throw new DomainError("BAD_REQUEST", "id: name a dataset or a job.");
  const key = { kind: node.kind === "job" ? ("j" as const) : ("d" as const), id: node.id };
  const data = (await loadNodeData(ctx.db, [key])).get(`${key.kind}${key.id}`)!;
  const base = { id: data.id, kind: data.kind, namespace: data.namespace, name: data.name, href: data.href ?? null, owners: data.owners ?? [], freshness: data.freshness ?? null };

  if (node.kind === "dataset") {
    const [rows, runs, counts] = await Promise.all([
      ctx.db.$queryRaw<{ fields: unknown; facets: unknown; description: string | null; object_bucket: string | null; object_key: string | null }[]>`
        SELECT fields, facets, description, object_bucket, object_key FROM lineage_datasets WHERE id = ${node.id}`,
      ctx.db.$queryRaw<{ id: string; state: string; at: Date }[]>`
        SELECT r.id::text, r.state, r.state_at AS at FROM lineage_run_datasets rd JOIN lineage_runs r ON r.id = rd.run_id
         WHERE rd.dataset_id = ${node.id} AND rd.direction = 'output' ORDER BY rd.last_seen_at DESC LIMIT ${RUNS_SHOWN}`,
      ctx.db.$queryRaw<{ inputs: number; outputs: number }[]>`
        SELECT count(DISTINCT job_id) FILTER (WHERE direction = 'output')::int AS inputs, count(DISTINCT job_id) FILTER (WHERE direction = 'input')::int AS outputs
          FROM lineage_edges WHERE dataset_id = ${node.id} AND valid_to IS NULL`,
    ]);
    const row = rows[0]!;
    const mayRead = row.object_bucket && row.object_key && rightsOf(ctx.user.role, row.object_bucket).read;
    return {
      ...base,
      description: row.description,
      fields: fieldsOf(row.fields).map((f) => ({ name: f.name, type: f.type, description: f.description })),
      facets: Object.keys(facetsOf(row.facets)).sort(),
      object: mayRead ? { bucket: row.object_bucket!, key: row.object_key!, href: objectHref(row.object_bucket!, row.object_key!) } : null,
      job: null,
      counts: counts[0] ?? { inputs: 0, outputs: 0 },
      runs: runs.map((r) => ({ id: r.id, state: r.state, at: r.at.toISOString(), href: runHref(r.id) })),
    };
  }

  const [rows, runs, counts] = await Promise.all([
    ctx.db.$queryRaw<{ job_type: string | null; integration: string | null; source_url: string | null; sql: string | null; description: string | null; facets: unknown }[]>`
      SELECT job_type, integration, source_url, sql, description, facets FROM lineage_jobs WHERE id = ${node.id}`,
    ctx.db.$queryRaw<{ id: string; state: string; at: Date }[]>`
      SELECT id::text, state, state_at AS at FROM lineage_runs WHERE job_id = ${node.id} ORDER BY created_at DESC LIMIT ${RUNS_SHOWN}`,
    ctx.db.$queryRaw<{ inputs: number; outputs: number }[]>`
      SELECT count(DISTINCT dataset_id) FILTER (WHERE direction = 'input')::int AS inputs, count(DISTINCT dataset_id) FILTER (WHERE direction = 'output')::int AS outputs
        FROM lineage_edges WHERE job_id = ${node.id} AND valid_to IS NULL`,
  ]);
  const row = rows[0]!;
  const sqlHidden = row.sql !== null && !maySeeSql(node.name, ctx.user);
  return {
    ...base,
    description: row.description,
    fields: [],
    facets: Object.keys(facetsOf(row.facets)).sort(),
    object: null,
    job: { type: row.job_type, integration: row.integration, sourceUrl: row.source_url, sql: sqlHidden ? null : row.sql, sqlHidden, parentId: data.parentId ?? null },
    counts: counts[0] ?? { inputs: 0, outputs: 0 },
    runs: runs.map((r) => ({ id: r.id, state: r.state, at: r.at.toISOString(), href: runHref(r.id) })),
  };
}

/** Someone's ad hoc workbench statements are theirs (and admins'); every other job's SQL is shared. */
export function maySeeSql(jobName: string, user: { email: string; role: Parameters<typeof hasRole>[0] }): boolean {
  if (!jobName.startsWith("adhoc.")) return true;
  return hasRole(user.role, "admin") || jobName.slice("adhoc.".length).toLowerCase() === user.email.toLowerCase();
}
