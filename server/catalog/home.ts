// The home page (catalog.home): the datasets the signed-in user opened lately, the datasets most
// people used in the last 30 days, and the user's own latest workbench statements. Views are
// recorded when a dataset page loads its data (openDataset, behind catalog.dataset), in the
// background: the page never waits for the write and a failed write is only logged. A link's
// prefetch does not count: without a loading.tsx on the way, Next.js prefetches a dynamic page's
// route tree only and never runs the page (a loading.tsx under /catalog would change that).
import type { z } from "zod";
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { HandlerArgs, RequestContext } from "../handler";
import { logger } from "../logger";
import { plainText } from "../../lib/catalog/plain-text";
import { POPULAR_WINDOW_DAYS } from "../../lib/catalog/home";
import { getDataset } from "./datasets";
import { staleWhileRevalidate } from "./popular-cache";
import type { datasetRefInput } from "./schemas";

/** Each user keeps this many recently viewed datasets; older rows are pruned at the next view. */
export const RECENT_VIEWS_KEPT = 200;
/** Opens of one dataset closer together than this are one visit (a reload, a refetch, an edit). */
export const VISIT_GAP_MINUTES = 10;
const RECENT_SHOWN = 8;
const POPULAR_SHOWN = 8;
const QUERIES_SHOWN = 5;
/** A statement longer than this is shown cut and opened from the history page (a URL cannot carry it). */
export const QUERY_LINK_MAX_CHARS = 2_000;

/**
 * Which datasets a list may show: the same rule as every catalog read (the role matrix lets
 * everyone signed in read the catalog; engines enforce access to the data itself). A dataset
 * the crawler marked removed is left out; a deleted one takes its view rows along (foreign key).
 */
const readable = Prisma.sql`d.removed_at IS NULL`;

/** Records that `userId` opened the dataset now: one row per (user, dataset), at most RECENT_VIEWS_KEPT per user. */
export async function recordDatasetView(client: Db, userId: string, datasetId: string, at: Date = new Date()): Promise<void> {
  await client.$transaction([
    client.$executeRaw`
      INSERT INTO catalog_dataset_views (user_id, dataset_id, last_viewed_at, view_count) VALUES (${userId}::uuid, ${datasetId}::uuid, ${at}, 1)
      ON CONFLICT (user_id, dataset_id) DO UPDATE SET
        view_count = catalog_dataset_views.view_count
          + CASE WHEN catalog_dataset_views.last_viewed_at < ${at}::timestamptz - make_interval(mins => ${VISIT_GAP_MINUTES}) THEN 1 ELSE 0 END,
        last_viewed_at = GREATEST(catalog_dataset_views.last_viewed_at, EXCLUDED.last_viewed_at)`,
    // Ordered as the list is read (the (user_id, last_viewed_at DESC) index), so exactly the newest stay.
    client.$executeRaw`
      DELETE FROM catalog_dataset_views WHERE user_id = ${userId}::uuid AND dataset_id IN (
        SELECT dataset_id FROM catalog_dataset_views WHERE user_id = ${userId}::uuid
        ORDER BY last_viewed_at DESC, dataset_id OFFSET ${RECENT_VIEWS_KEPT})`,
  ]);
}

/** Starts recording a view and returns at once; a failure is logged, never thrown at the page. */
export function recordDatasetViewInBackground(ctx: RequestContext, datasetId: string): void {
  try {
    recordDatasetView(ctx.db, ctx.user.id, datasetId).catch((err: unknown) => logger.warn({ err, datasetId }, "could not record a dataset view"));
  } catch (err) {
    logger.warn({ err, datasetId }, "could not record a dataset view");
  }
}

/** catalog.dataset: the dataset page's data, and a view of it recorded for the home page. */
export async function openDataset(args: HandlerArgs<z.infer<typeof datasetRefInput>>) {
  const dataset = await getDataset(args);
  recordDatasetViewInBackground(args.ctx, dataset.id);
  return dataset;
}

type DatasetRow = { id: string; engine_id: string; catalog: string; schema: string; name: string; kind: string; summary: string };
export type HomeDataset = { id: string; engineId: string; catalog: string; schema: string; name: string; kind: string; summary: string };

const datasetOf = (row: DatasetRow): HomeDataset => ({
  id: row.id,
  engineId: row.engine_id,
  catalog: row.catalog,
  schema: row.schema,
  name: row.name,
  kind: row.kind,
  summary: plainText(row.summary),
});

const datasetColumns = Prisma.sql`d.id, d.engine_id, d.catalog, d.schema, d.name, d.kind, left(coalesce(nullif(d.description, ''), d.engine_comment, ''), 300) AS summary`;

export type RecentDataset = HomeDataset & { lastViewedAt: Date; visits: number };

export async function recentlyViewed(client: Db, userId: string, limit = RECENT_SHOWN): Promise<RecentDataset[]> {
  const rows = await client.$queryRaw<(DatasetRow & { last_viewed_at: Date; view_count: number })[]>`
    SELECT ${datasetColumns}, v.last_viewed_at, v.view_count
    FROM catalog_dataset_views v JOIN catalog_datasets d ON d.id = v.dataset_id
    WHERE v.user_id = ${userId}::uuid AND ${readable}
    ORDER BY v.last_viewed_at DESC, v.dataset_id LIMIT ${limit}`;
  return rows.map((r) => ({ ...datasetOf(r), lastViewedAt: r.last_viewed_at, visits: r.view_count }));
}

export type PopularDataset = HomeDataset & {
  /** Distinct people who opened its page or queried it in the workbench. */
  people: number;
  viewers: number;
  /** Successful workbench runs that read it. */
  runs: number;
};

/**
 * The datasets most people used within the window: each person counts once per dataset, whether
 * they opened its page, queried it, or both; ties go to more workbench runs, then more viewers.
 */
export async function popularDatasets(client: Db, limit = POPULAR_SHOWN, now: Date = new Date()): Promise<PopularDataset[]> {
  const since = new Date(now.getTime() - POPULAR_WINDOW_DAYS * 86_400_000);
  const rows = await client.$queryRaw<(DatasetRow & { people: number; viewers: number; runs: number })[]>`
    WITH used AS (
      SELECT dataset_id, user_id, 1 AS viewed, 0 AS runs FROM catalog_dataset_views WHERE last_viewed_at > ${since}
      UNION ALL
      SELECT dataset_id, user_id, 0, count(*)::int FROM catalog_dataset_usage WHERE at > ${since} GROUP BY dataset_id, user_id
    ), ranked AS (
      SELECT dataset_id, count(DISTINCT user_id)::int AS people, sum(viewed)::int AS viewers, sum(runs)::int AS runs
      FROM used GROUP BY dataset_id
    )
    SELECT ${datasetColumns}, r.people, r.viewers, r.runs
    FROM ranked r JOIN catalog_datasets d ON d.id = r.dataset_id
    WHERE ${readable}
    ORDER BY r.people DESC, r.runs DESC, r.viewers DESC, d.name, d.id LIMIT ${limit}`;
  return rows.map((r) => ({ ...datasetOf(r), people: r.people, viewers: r.viewers, runs: r.runs }));
}

export type RecentQuery = {
  id: string;
  sql: string;
  /** The statement was longer than QUERY_LINK_MAX_CHARS and `sql` is its start. */
  truncated: boolean;
  engineId: string;
  catalog: string | null;
  schema: string | null;
  status: string;
  startedAt: Date;
};

/** The user's latest distinct statements (a statement run five times shows once, at its latest run). */
export async function recentQueries(client: Db, userId: string, limit = QUERIES_SHOWN): Promise<RecentQuery[]> {
  // The latest 100 runs through the (user_id, started_at) index, then one per statement: cheap
  // however long the history is.
  const rows = await client.$queryRaw<
    { id: string; sql: string; length: number; engine_id: string; catalog: string | null; schema: string | null; status: string; started_at: Date }[]
  >`
    SELECT id, left(sql, ${QUERY_LINK_MAX_CHARS}) AS sql, length(sql) AS length, engine_id, catalog, schema, status, started_at FROM (
      SELECT DISTINCT ON (sql) id, sql, engine_id, catalog, schema, status::text AS status, started_at FROM (
        SELECT * FROM query_runs WHERE user_id = ${userId}::uuid ORDER BY started_at DESC LIMIT 100
      ) latest ORDER BY sql, started_at DESC
    ) distinct_runs ORDER BY started_at DESC, id LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    sql: r.sql,
    truncated: r.length > QUERY_LINK_MAX_CHARS,
    engineId: r.engine_id,
    catalog: r.catalog,
    schema: r.schema,
    status: r.status,
    startedAt: r.started_at,
  }));
}

export type HomeFeed = { recent: RecentDataset[]; popular: PopularDataset[]; queries: RecentQuery[]; popularWindowDays: number };

/** The same for everyone and the one costly list: kept in memory for a few seconds (popular-cache.ts). */
const cachedPopular = staleWhileRevalidate((client) => popularDatasets(client));

/** catalog.home */
export async function homeFeed({ ctx }: HandlerArgs): Promise<HomeFeed> {
  const [recent, kept, queries] = await Promise.all([recentlyViewed(ctx.db, ctx.user.id), cachedPopular(ctx.db), recentQueries(ctx.db, ctx.user.id)]);
  // An empty list kept from before this user's own views would say "nobody has opened a dataset"
  // beside the ones they just opened: recount (cheap, as so little is there).
  const since = Date.now() - POPULAR_WINDOW_DAYS * 86_400_000;
  const popular = kept.length === 0 && recent.some((r) => r.lastViewedAt.getTime() > since) ? await cachedPopular(ctx.db, { fresh: true }) : kept;
  return { recent, popular, queries, popularWindowDays: POPULAR_WINDOW_DAYS };
}
