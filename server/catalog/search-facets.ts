// Facet counts of a search: per engine/catalog, schema, type, tag and owner, each facet counted
// with the other facets' filters applied but not its own (so people see what choosing another
// value would give). A separate call from the hits, so hits never wait for counts.
//
// Exact while that is cheap, estimated beyond: counting every match of a word found in most of
// a 1,000,000-dataset catalog reads most of the catalog (seconds), for numbers people read as
// "about how many". So:
//   1. if the planner expects few matches (at most twice EXACT_FACETS_UP_TO), the first
//      EXACT_FACETS_UP_TO + 1 are read (GIN: few matches are cheap) and, if that is all of them,
//      counted exactly;
//   2. otherwise a fixed random sample of the catalog is counted — the datasets whose sample
//      bucket (a hash of the id, indexed; migration 20261206040000) is below k, about
//      SAMPLE_ROWS of them — (and if the sample finds the planner far off, step 1 after all);
//   3. the sample's counts are scaled up by 1024 / k, rounded to 3 significant digits and
//      flagged `estimated`. The sample is the same for every query (the buckets are fixed), so
//      paging or refining does not make the numbers jitter.
// A catalog no bigger than the sample is always counted exactly.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { HandlerArgs } from "../handler";
import { parseQuery } from "./search-query";
import { filterSql, matchSql, planQuery } from "./search-plan";
import type { FacetsInput, SearchFilters } from "./schemas";

export type FacetName = keyof SearchFilters;
export type FacetValue = { value: string; count: number };
export type SearchFacets = {
  total: number;
  /** The counts (and total) are scaled up from a sample and rounded: show them as "about". */
  estimated: boolean;
  facets: Record<FacetName, FacetValue[]>;
  message: string | null;
};

const FACET_LIMIT = 15;
/** Up to this many matches, facets are counted exactly. */
export const EXACT_FACETS_UP_TO = 2_000;
/** About how many datasets of the catalog the estimate reads. */
export const SAMPLE_ROWS = 3_000;
const BUCKETS = 1024;
/** Must be the expression of the index catalog_datasets_sample_idx. */
const bucketSql = Prisma.sql`(hashtext(d.id::text) & 1023)`;

type FacetRow = { facet: FacetName | "total" | "matches"; value: string | null; n: number };

export async function searchFacets({ ctx, input }: HandlerArgs<FacetsInput>): Promise<SearchFacets> {
  return facetCounts(ctx.db, input.q, input.filters ?? {});
}

/** How exact: counted exactly up to `exactUpTo` matches (null: always), else from a sample of about `sampleRows` datasets. */
export type FacetPrecision = { exactUpTo: number | null; sampleRows: number };

/** The facets of a query; the handler's work, with the precision as a parameter (tests and the benchmark vary it). */
export async function facetCounts(
  client: Db,
  q: string,
  filters: SearchFilters,
  precision: FacetPrecision = { exactUpTo: EXACT_FACETS_UP_TO, sampleRows: SAMPLE_ROWS },
): Promise<SearchFacets> {
  const parsed = parseQuery(q);
  if (parsed.kind === "invalid") return emptyFacets(parsed.message);
  let match: Prisma.Sql = Prisma.sql`true`;
  if (parsed.kind === "search") {
    const plan = await planQuery(client, parsed.words, parsed.nameKey, parsed.qualifiers);
    match = matchSql(plan, plan.tsq);
  }
  const columns = Prisma.sql`d.engine_id, d.catalog, d.schema, d.kind, d.tags, d.owners`;
  const matching = Prisma.sql`SELECT ${columns} FROM catalog_datasets d WHERE d.removed_at IS NULL AND ${match}`;
  const { exactUpTo, sampleRows } = precision;
  // The catalog's size and how many datasets the query matches, as the planner estimates them
  // (statistics kept by ANALYZE, which the crawler runs after big changes); never analysed, or no
  // bigger than the sample, everything is counted.
  const [size, planned] = await Promise.all([
    client.$queryRaw<{ rows: number }[]>`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'catalog_datasets'::regclass`,
    client.$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON) ${matching}`,
  ]);
  const k = sampleBuckets(size[0]?.rows ?? -1, sampleRows);
  if (exactUpTo === null || k === BUCKETS) return toFacets(await countFacets(client, matching, filters, null), filters, 1);

  // Few matches expected: read the first exactUpTo + 1 (GIN: few matches are cheap) and, if that
  // is all of them, count them exactly.
  const exact = async () => {
    const all = await countFacets(client, Prisma.sql`${matching} LIMIT ${exactUpTo + 1}`, filters, exactUpTo);
    return (all.find((r) => r.facet === "matches")?.n ?? 0) <= exactUpTo ? toFacets(all, filters, 1) : null;
  };
  const expected = plannedRows(planned[0]?.["QUERY PLAN"]);
  if (expected <= 2 * exactUpTo) {
    const counted = await exact();
    if (counted) return counted;
  }

  // Many: the sample. Its datasets are read through the bucket index and the words matched on
  // them one by one. OFFSET 0 keeps the words out of the scan, so the planner cannot intersect
  // with the full-text index instead (the posting list of a common word is the slow part at
  // 1,000,000: 83 ms), and streams the rows (a materialised CTE spilled them to disk).
  const sampled = Prisma.sql`
    SELECT ${columns} FROM (SELECT d.id, d.name, ${columns}, d.search_document FROM catalog_datasets d WHERE ${bucketSql} < ${k} AND d.removed_at IS NULL OFFSET 0) d
    WHERE ${match}`;
  const sample = await countFacets(client, sampled, filters, null);
  const scale = BUCKETS / k;
  // The planner can be far off (words that go together); the sample then says the matches are few.
  if (expected > 2 * exactUpTo && (sample.find((r) => r.facet === "matches")?.n ?? 0) * scale <= 2 * exactUpTo) {
    const counted = await exact();
    if (counted) return counted;
  }
  return toFacets(sample, filters, scale);
}

/** The top node's row estimate of an EXPLAIN (FORMAT JSON); unreadable, "many" (the sample decides). */
function plannedRows(plan: unknown): number {
  const parsed: unknown = typeof plan === "string" ? JSON.parse(plan) : plan;
  const rows = Array.isArray(parsed) ? (parsed[0] as { Plan?: { "Plan Rows"?: unknown } } | undefined)?.Plan?.["Plan Rows"] : undefined;
  return typeof rows === "number" ? rows : Number.POSITIVE_INFINITY;
}

/** How many of the 1024 buckets make about `sampleRows` datasets (all of them when the size is unknown). */
export function sampleBuckets(catalogRows: number, sampleRows = SAMPLE_ROWS): number {
  if (!(catalogRows > 0)) return BUCKETS;
  return Math.min(BUCKETS, Math.max(1, Math.ceil((BUCKETS * sampleRows) / catalogRows)));
}

/** 3 significant digits: 12,431 → 12,400. An estimate shown to the last digit would claim a precision it lacks. */
export function roundEstimate(n: number): number {
  return n < 0.5 ? 0 : Number(Math.round(n).toPrecision(3));
}

/**
 * One statement: the datasets of `rows` materialised once, then per facet a count. Facets nobody
 * filters on share one pass (GROUPING SETS) over the datasets matching every filter; a facet
 * that is filtered on is counted without its own filter, in a pass of its own. With `upTo`, the
 * counts are skipped when `rows` gave more than that (only the "matches" row comes back).
 */
async function countFacets(client: Db, rows: Prisma.Sql, filters: SearchFilters, upTo: number | null): Promise<FacetRow[]> {
  const column: Record<"catalog" | "schema" | "kind", Prisma.Sql> = {
    catalog: Prisma.sql`d.engine_id || ':' || d.catalog`,
    schema: Prisma.sql`d.schema`,
    kind: Prisma.sql`d.kind`,
  };
  const shared = (["catalog", "schema", "kind"] as const).filter((f) => !filters[f]);
  const own = (["catalog", "schema", "kind"] as const).filter((f) => filters[f]);
  const groupingName = Prisma.sql`CASE ${Prisma.join(
    shared.map((f) => Prisma.sql`WHEN GROUPING(${column[f]}) = 0 THEN ${f}`),
    " ",
  )} ELSE 'total' END`;
  const groupingValue = shared.length
    ? Prisma.sql`COALESCE(${Prisma.join(
        shared.map((f) => Prisma.sql`CASE WHEN GROUPING(${column[f]}) = 0 THEN ${column[f]} END`),
        ", ",
      )})`
    : Prisma.sql`NULL`;
  const sets = Prisma.join([...shared.map((f) => Prisma.sql`(${column[f]})`), Prisma.sql`()`], ", ");
  const guard = upTo === null ? Prisma.empty : Prisma.sql`AND (SELECT n FROM size) <= ${upTo}`;
  const parts: Prisma.Sql[] = [
    Prisma.sql`SELECT 'matches' AS facet, NULL AS value, n AS n FROM size`,
    Prisma.sql`SELECT ${shared.length ? groupingName : Prisma.sql`'total'`}, ${groupingValue}, count(*)::int FROM d WHERE true ${guard} ${filterSql(filters)} GROUP BY GROUPING SETS (${sets})`,
    ...own.map((f) => Prisma.sql`SELECT ${f}, ${column[f]}, count(*)::int FROM d WHERE true ${guard} ${filterSql(filters, f)} GROUP BY 2`),
    // Most datasets have no tags or owners: skip them before unnest.
    Prisma.sql`SELECT 'tag', t, count(*)::int FROM d, unnest(d.tags) t WHERE cardinality(d.tags) > 0 ${guard} ${filterSql(filters, "tag")} GROUP BY 2`,
    Prisma.sql`SELECT 'owner', o, count(*)::int FROM d, unnest(d.owners) o WHERE cardinality(d.owners) > 0 ${guard} ${filterSql(filters, "owner")} GROUP BY 2`,
  ];
  return client.$queryRaw<FacetRow[]>`
    WITH d AS MATERIALIZED (${rows}),
    size AS MATERIALIZED (SELECT count(*)::int AS n FROM d)
    ${Prisma.join(parts, " UNION ALL ")}`;
}

function emptyFacets(message: string | null): SearchFacets {
  return { total: 0, estimated: false, facets: { catalog: [], schema: [], kind: [], tag: [], owner: [] }, message };
}

/** The rows as facets, counts scaled by `scale` (1: exact), the top values of each, a chosen value always among them. */
function toFacets(rows: FacetRow[], filters: SearchFilters, scale: number): SearchFacets {
  const estimated = scale !== 1;
  const count = (n: number) => (estimated ? roundEstimate(n * scale) : n);
  const result = emptyFacets(null);
  result.estimated = estimated;
  for (const row of rows) {
    if (row.facet === "matches") continue;
    if (row.facet === "total") result.total = count(row.n);
    else result.facets[row.facet].push({ value: row.value ?? "", count: count(row.n) });
  }
  for (const name of Object.keys(result.facets) as FacetName[]) {
    const chosen = filters[name];
    const values = result.facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const top = values.slice(0, FACET_LIMIT);
    // A chosen value stays visible (so it can be unchosen) even when it is not among the top.
    if (chosen && !top.some((v) => v.value === chosen)) top.push(values.find((v) => v.value === chosen) ?? { value: chosen, count: 0 });
    result.facets[name] = top;
  }
  return result;
}
