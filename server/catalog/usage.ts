// Workbench usage of datasets: which successful workbench runs read which dataset. A periodic
// job (the scheduler, and a small catch-up before showing a dataset's usage) walks query_runs
// in start order from a cursor, finds the tables each statement reads with node-sql-parser's
// tableList (a conservative FROM/JOIN scan when the parser cannot read the dialect), resolves
// them with the run's session catalog/schema, and records one row per (dataset, run). Rows are
// idempotent and usage_count is recounted, not incremented, so two replicas doing it at once
// only waste a little work.
import type { z } from "zod";
import { sqlParserInstance as parser } from "../sql/parser";
import { db as defaultDb, type Db } from "../db/client";
import { hasRole } from "../../lib/auth/roles";
import type { HandlerArgs } from "../handler";
import type { datasetIdInput } from "./schemas";

const CURSOR_KEY = "catalog.usage_cursor";
/** Runs still "running" after this long were abandoned (their process died): skip them. */
const ABANDONED_AFTER_MS = 60 * 60_000;

type Cursor = { startedAt: string; id: string };
type RunRow = {
  id: string;
  user_id: string;
  engine_id: string;
  catalog: string | null;
  schema: string | null;
  sql: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
};
type TableRef = { catalog: string | null; schema: string | null; name: string };

/** The tables a statement reads (not the ones it writes), as written, unresolved. */
export function tablesRead(sql: string): TableRef[] {
  for (const database of ["trino", "postgresql"]) {
    try {
      const refs = parser.tableList(sql, { database });
      const ctes = cteNames(sql, database);
      return dedupe(
        refs
          .filter((r) => r.startsWith("select::"))
          .map((r) => {
            const [, db, name] = r.split("::") as [string, string, string];
            const parts = db === "null" ? [] : db.split(".");
            return { catalog: parts.length === 2 ? parts[0]! : null, schema: parts.at(-1) ?? null, name };
          })
          .filter((r) => !(r.schema === null && ctes.has(r.name.toLowerCase()))),
      );
    } catch {
      // try the next dialect
    }
  }
  return dedupe(scanFromJoin(sql));
}

function cteNames(sql: string, database: string): Set<string> {
  try {
    const ast = parser.astify(sql, { database }) as { with?: { name?: { value?: string } | string }[] | null } | { with?: unknown }[];
    const first = (Array.isArray(ast) ? ast[0] : ast) as { with?: { name?: { value?: string } | string }[] | null };
    return new Set((first?.with ?? []).map((w) => (typeof w.name === "string" ? w.name : (w.name?.value ?? "")).toLowerCase()));
  } catch {
    return new Set();
  }
}

/** Identifiers after FROM or JOIN: good enough for dialect extras the parser does not know. */
function scanFromJoin(sql: string): TableRef[] {
  const ident = `(?:"(?:[^"]|"")+"|[A-Za-z_][\\w$]*)`;
  const pattern = new RegExp(`\\b(?:from|join)\\s+(${ident}(?:\\s*\\.\\s*${ident}){0,2})(?!\\s*\\()`, "gi");
  const refs: TableRef[] = [];
  for (const match of sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " ").matchAll(pattern)) {
    const parts = match[1]!.split(/\s*\.\s*/).map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p));
    const name = parts.pop()!;
    refs.push({ catalog: parts.length === 2 ? parts[0]! : null, schema: parts.at(-1) ?? null, name });
  }
  return refs;
}

function dedupe(refs: TableRef[]): TableRef[] {
  const seen = new Map<string, TableRef>();
  for (const r of refs) seen.set(`${r.catalog}\u0000${r.schema}\u0000${r.name}`.toLowerCase(), r);
  return [...seen.values()];
}

/** Processes workbench runs recorded since the last call. Returns how many runs it looked at. */
export async function ingestUsage(client: Db = defaultDb(), options: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let processed = 0;
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const setting = await client.portalSetting.findUnique({ where: { key: CURSOR_KEY } });
    const cursor = (setting?.value as Cursor | undefined) ?? { startedAt: "1970-01-01T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" };
    const runs = await client.$queryRaw<RunRow[]>`
      SELECT id, user_id, engine_id, catalog, schema, sql, status::text AS status, started_at, finished_at FROM query_runs
      WHERE (started_at, id) > (${new Date(cursor.startedAt)}, ${cursor.id}::uuid)
      ORDER BY started_at, id LIMIT ${batchSize}`;
    // Stop before the first run still in progress: it is looked at again next time.
    const done: RunRow[] = [];
    for (const run of runs) {
      if (run.status === "running" && Date.now() - run.started_at.getTime() < ABANDONED_AFTER_MS) break;
      done.push(run);
    }
    if (done.length === 0) break;
    await recordUsage(
      client,
      done.filter((r) => r.status === "succeeded"),
    );
    const last = done.at(-1)!;
    const value = { startedAt: last.started_at.toISOString(), id: last.id };
    await client.portalSetting.upsert({ where: { key: CURSOR_KEY }, create: { key: CURSOR_KEY, value }, update: { value } });
    processed += done.length;
    if (done.length < runs.length || runs.length < batchSize) break;
  }
  return processed;
}

async function recordUsage(client: Db, runs: RunRow[]): Promise<void> {
  const refs = runs.flatMap((run) =>
    tablesRead(run.sql).map((t) => ({
      runId: run.id,
      userId: run.user_id,
      at: run.finished_at ?? run.started_at,
      engineId: run.engine_id,
      catalog: (t.catalog ?? run.catalog ?? "").toLowerCase(),
      schema: (t.schema ?? run.schema ?? "").toLowerCase(),
      name: t.name.toLowerCase(),
    })),
  );
  if (refs.length === 0) return;
  await client.$transaction(async (tx) => {
    const affected = await tx.$queryRaw<{ dataset_id: string }[]>`
      INSERT INTO catalog_dataset_usage (dataset_id, query_run_id, user_id, at)
      SELECT DISTINCT d.id, r.run_id, r.user_id, r.at
      FROM unnest(${refs.map((r) => r.runId)}::uuid[], ${refs.map((r) => r.userId)}::uuid[], ${refs.map((r) => r.at)}::timestamptz[],
                  ${refs.map((r) => r.engineId)}::text[], ${refs.map((r) => r.catalog)}::text[], ${refs.map((r) => r.schema)}::text[], ${refs.map((r) => r.name)}::text[])
           AS r(run_id, user_id, at, engine_id, catalog, schema, name)
      JOIN catalog_datasets d ON d.engine_id = r.engine_id AND lower(d.catalog) = r.catalog AND lower(d.schema) = r.schema AND lower(d.name) = r.name
      ON CONFLICT DO NOTHING
      RETURNING dataset_id`;
    const ids = [...new Set(affected.map((a) => a.dataset_id))];
    if (ids.length === 0) return;
    await tx.$executeRaw`
      UPDATE catalog_datasets d SET usage_count = u.n, last_used_at = u.last
      FROM (SELECT dataset_id, count(*)::int AS n, max(at) AS last FROM catalog_dataset_usage WHERE dataset_id = ANY(${ids}::uuid[]) GROUP BY dataset_id) u
      WHERE d.id = u.dataset_id`;
  });
}

export type DatasetUsage = {
  total: number;
  last30Days: number;
  users: number;
  topUsers: { name: string; email: string; runs: number }[];
  /** Runs per day, last 30 days, oldest first (days without runs included, as 0). */
  daily: { day: string; runs: number }[];
  recent: { at: Date; userName: string; userEmail: string; sql: string | null }[];
};

/** How a dataset is used in the workbench. Others' SQL is shown to admins only (as in the history). */
export async function datasetUsage({ ctx, input }: HandlerArgs<z.infer<typeof datasetIdInput>>): Promise<DatasetUsage> {
  const { user: viewer, db: client } = ctx;
  const { datasetId } = input;
  await ingestUsage(client, { maxBatches: 2 });
  const [totals, top, daily, recent] = await Promise.all([
    client.$queryRaw<{ total: number; recent: number; users: number }[]>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE at > now() - interval '30 days')::int AS recent, count(DISTINCT user_id)::int AS users
      FROM catalog_dataset_usage WHERE dataset_id = ${datasetId}::uuid`,
    client.$queryRaw<{ name: string; email: string; runs: number }[]>`
      SELECT u.name, u.email, count(*)::int AS runs FROM catalog_dataset_usage x JOIN users u ON u.id = x.user_id
      WHERE x.dataset_id = ${datasetId}::uuid GROUP BY u.name, u.email ORDER BY runs DESC, u.name LIMIT 5`,
    client.$queryRaw<{ day: string; runs: number }[]>`
      SELECT to_char(g.day, 'YYYY-MM-DD') AS day, count(x.at)::int AS runs
      FROM generate_series(date_trunc('day', now()) - interval '29 days', date_trunc('day', now()), interval '1 day') AS g(day)
      LEFT JOIN catalog_dataset_usage x ON x.dataset_id = ${datasetId}::uuid AND x.at >= g.day AND x.at < g.day + interval '1 day'
      GROUP BY g.day ORDER BY g.day`,
    client.$queryRaw<{ at: Date; user_id: string; name: string; email: string; sql: string }[]>`
      SELECT x.at, x.user_id, u.name, u.email, r.sql FROM catalog_dataset_usage x
      JOIN users u ON u.id = x.user_id JOIN query_runs r ON r.id = x.query_run_id
      WHERE x.dataset_id = ${datasetId}::uuid ORDER BY x.at DESC LIMIT 10`,
  ]);
  const admin = hasRole(viewer.role, "admin");
  return {
    total: totals[0]?.total ?? 0,
    last30Days: totals[0]?.recent ?? 0,
    users: totals[0]?.users ?? 0,
    topUsers: top,
    daily,
    recent: recent.map((r) => ({
      at: r.at,
      userName: r.name,
      userEmail: r.email,
      sql: admin || r.user_id === viewer.id ? (r.sql.length > 500 ? `${r.sql.slice(0, 500)}…` : r.sql) : null,
    })),
  };
}
