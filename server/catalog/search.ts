// Dataset search in PostgreSQL (works the same on embedded PGlite):
// 1. parse the query (search-query.ts); absurd input answers at once with a message;
// 2. words the catalog does not know (not even as a prefix) are corrected from the vocabulary
//    (catalog_search_terms, nearest by trigram distance, accepted by edit distance);
// 3. candidates: the stored tsvector matches (GIN) or the name starts with the query (btree);
// 4. order: exact name > name prefix > full-text rank (name A > columns B > tags C > text D),
//    then workbench usage, then shorter names;
// 5. each hit says why it matched, computed for the page of hits only.
// Facets are a separate call (search-facets.ts), so the hits come back without waiting for counts.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { HandlerArgs } from "../handler";
import { escapeLike, parseQuery } from "./search-query";
import { filterSql, matchSql, planQuery, qualifierSql, type Correction, type Plan } from "./search-plan";
import { plainText } from "../../lib/catalog/plain-text";

// The search's input and filters are typed by their schema (schemas.ts), never written twice.
import { MAX_PAGE_SIZE, type SearchFilters, type SearchInput } from "./schemas";
export type { SearchFilters, SearchInput };
export { searchFacets, type FacetName, type FacetValue, type SearchFacets } from "./search-facets";

export type MatchReason = "name" | "column" | "tag" | "owner" | "term" | "description" | "schema";

export type SearchHit = {
  id: string;
  engineId: string;
  catalog: string;
  schema: string;
  name: string;
  kind: string;
  summary: string;
  tags: string[];
  /** Those of `tags` that are classifications (PII, GDPR, …). */
  classifiedTags: string[];
  owners: string[];
  usageCount: number;
  columnCount: number;
  /** The name is the query, starts with it, or is the query with typos corrected. */
  nameMatch: "exact" | "prefix" | "corrected" | null;
  reasons: MatchReason[];
  matchedColumns: string[];
  matchedTags: string[];
  /** Part of the description around the matched words; `hit` parts are the matches. */
  snippet: { text: string; hit: boolean }[] | null;
};

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  /** More than `total` datasets match (the exact number is in the facets' total). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  /** Why there are no hits, when the query itself was the problem. */
  message: string | null;
  /** Words replaced by typo correction, e.g. { word: "flihgts", replacements: ["flights"] }. */
  corrections: Correction[];
  /** No dataset matched every word; these match some. */
  partial: boolean;
};

const MAX_OFFSET = 1_000;

export async function searchDatasets({ ctx, input }: HandlerArgs<SearchInput>): Promise<SearchResult> {
  const client = ctx.db;
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(Math.max(1, input.pageSize ?? 20), MAX_PAGE_SIZE);
  const offset = Math.min((page - 1) * pageSize, MAX_OFFSET);
  const base = { page, pageSize, corrections: [], partial: false, totalCapped: false };
  const parsed = parseQuery(input.q);
  if (parsed.kind === "invalid") return { ...base, hits: [], total: 0, message: parsed.message };
  if (parsed.kind === "empty") return { ...base, ...(await browse(client, input.filters ?? {}, pageSize, offset)), message: null };

  const plan = await planQuery(client, parsed.words, parsed.nameKey, parsed.qualifiers);
  const filters = input.filters ?? {};
  let { rows, total } = await rankedHits(client, plan, plan.tsq, filters, pageSize, offset);
  let partial = false;
  if (total === 0 && plan.words.length > 1) {
    // No dataset has every word: show those with some, a dataset named after one of them first.
    const some = { ...plan, meantNames: [...plan.meantNames, ...plan.words.flatMap((w) => [w.word, ...w.corrected])] };
    ({ rows, total } = await rankedHits(client, some, plan.anyTsq, filters, pageSize, offset));
    partial = total > 0;
  }
  return { hits: rows.map(toHit), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, page, pageSize, message: null, corrections: plan.corrections, partial };
}

type HitRow = {
  id: string;
  engine_id: string;
  catalog: string;
  schema: string;
  name: string;
  kind: string;
  summary: string;
  tags: string[];
  classified_tags: string[];
  owners: string[];
  usage_count: number;
  column_count: number;
  tier: number;
  in_name: boolean;
  in_description: boolean;
  in_schema: boolean;
  matched_columns: string[];
  matched_tags: string[];
  matched_owners: string[];
  matched_terms: string[];
  snippet: string | null;
};

/** 0 exact name, 1 name prefix, 2 the name they meant (typo corrected), 3 anything else. */
function tierSql(plan: Plan): Prisma.Sql {
  const qualifiers = qualifierSql(plan.qualifiers);
  const meant = plan.meantNames.length ? Prisma.sql`WHEN lower(d.name) = ANY(${plan.meantNames}::text[]) ${qualifiers} THEN 2` : Prisma.empty;
  if (!plan.nameKey) return plan.meantNames.length ? Prisma.sql`CASE ${meant} ELSE 3 END` : Prisma.sql`3`;
  return Prisma.sql`CASE WHEN lower(d.name) = ${plan.nameKey} ${qualifiers} THEN 0
                         WHEN lower(d.name) LIKE ${`${escapeLike(plan.nameKey)}%`} ESCAPE '\\' ${qualifiers} THEN 1
                         ${meant} ELSE 3 END`;
}

/**
 * How many candidates each source contributes. Ranking reads every candidate, so a common word
 * matching most of the catalog must not make all of it candidates: a source reads at most
 * SCAN_LIMIT matches (in the order the index or table gives them) and keeps the most used of
 * those. Below SCAN_LIMIT matches that is exact; above, the word is so common that any of its
 * matches is as good, and names that match are found by their own sources. Ordering the scan
 * itself by popularity is a trap: the planner may walk the popularity index, and when matches
 * sit late in it (names sorted alphabetically among the unused) it reads most of the catalog.
 */
const SCAN_LIMIT = 2_000;
const NAME_CANDIDATES = 300;
const TEXT_CANDIDATES = 500;
/** Totals are counted up to here ("1,000+"); the facets call counts exactly. */
export const COUNT_CAP = 1_000;

/**
 * The first SCAN_LIMIT datasets matching `where`, with what ranking needs (so the candidates need
 * not be read again). Materialised: the candidates keep the most used of them, and the count of
 * matches is taken from the same rows (see rankedHits).
 */
function scan(plan: Plan, where: Prisma.Sql, limit: number | null = SCAN_LIMIT): Prisma.Sql {
  return Prisma.sql`SELECT d.id, ${tierSql(plan)} AS tier, d.search_document, d.usage_count, d.name
                    FROM catalog_datasets d WHERE ${where} ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
}

/**
 * At most `keep` of `rows`, most used first, ranked. The full-text rank is computed for the kept
 * ones only: for a common word that is 500 ts_rank calls instead of 2,000 (a third of the hits
 * query at 1,000,000 datasets).
 */
function source(tsq: string, rows: Prisma.Sql, keep: number | null): Prisma.Sql {
  const kept = keep === null ? rows : Prisma.sql`SELECT s.* FROM (${rows}) s ORDER BY s.usage_count DESC, s.name LIMIT ${keep}`;
  return Prisma.sql`(SELECT k.id, k.tier, round(ts_rank(k.search_document, to_tsquery('english', ${tsq})) * 100) AS rank, k.usage_count, k.name FROM (${kept}) k)`;
}

/**
 * The candidates, ranked, and how many datasets match (up to COUNT_CAP + 1). The tsquery is
 * passed as a literal-valued parameter (not via a CTE) so the planner sees it and can estimate
 * how common its words are.
 *
 * A dataset matches when its document has the words or its name starts with the query (as the
 * facets count them). Both scans stop at SCAN_LIMIT (> COUNT_CAP) rows, so when neither is full
 * they hold every match and their union is the exact count, and when one is full there are more
 * than COUNT_CAP: the count needs no statement of its own (a second pass over the same index
 * matches was 40 % of a search at 1,000,000 datasets).
 */
async function rankedHits(client: Db, plan: Plan, tsq: string, filters: SearchFilters, limit: number, offset: number): Promise<{ rows: HitRow[]; total: number }> {
  const where = Prisma.sql`d.removed_at IS NULL ${filterSql(filters)}`;
  const qualifiers = qualifierSql(plan.qualifiers);
  const scans: Prisma.Sql[] = [Prisma.sql`text_scan AS MATERIALIZED (${scan(plan, Prisma.sql`${where} AND d.search_document @@ to_tsquery('english', ${tsq})`)})`];
  const sources: Prisma.Sql[] = [source(tsq, Prisma.sql`SELECT * FROM text_scan`, TEXT_CANDIDATES)];
  let matched = Prisma.sql`SELECT id FROM text_scan`;
  let full = Prisma.sql`(SELECT count(*) FROM text_scan) >= ${SCAN_LIMIT}`;
  if (plan.nameKey) {
    scans.push(Prisma.sql`prefix_scan AS MATERIALIZED (${scan(plan, Prisma.sql`${where} AND lower(d.name) LIKE ${`${escapeLike(plan.nameKey)}%`} ESCAPE '\\' ${qualifiers}`)})`);
    sources.push(source(tsq, scan(plan, Prisma.sql`${where} AND lower(d.name) = ${plan.nameKey} ${qualifiers}`, null), null));
    sources.push(source(tsq, Prisma.sql`SELECT * FROM prefix_scan`, NAME_CANDIDATES));
    matched = Prisma.sql`${matched} UNION SELECT id FROM prefix_scan`;
    full = Prisma.sql`${full} OR (SELECT count(*) FROM prefix_scan) >= ${SCAN_LIMIT}`;
  }
  if (plan.meantNames.length) {
    sources.push(source(tsq, scan(plan, Prisma.sql`${where} AND lower(d.name) = ANY(${plan.meantNames}::text[]) ${qualifiers}`, NAME_CANDIDATES), null));
  }
  const rows = await client.$queryRaw<(HitRow & { total: number })[]>`
    WITH q AS MATERIALIZED (SELECT to_tsquery('english', ${tsq}) AS tsq, to_tsquery('english', ${plan.anyTsq}) AS any_tsq),
    ${Prisma.join(scans, ", ")},
    matches AS MATERIALIZED (SELECT CASE WHEN ${full} THEN ${COUNT_CAP + 1} ELSE (SELECT count(*) FROM (${matched}) u) END::int AS n),
    candidates AS (${Prisma.join(sources, " UNION ALL ")}),
    ranked AS (
      SELECT * FROM (SELECT DISTINCT ON (c.id) c.* FROM candidates c ORDER BY c.id, c.tier) m
      ORDER BY m.tier, CASE WHEN m.tier = 3 THEN m.rank END DESC, m.usage_count DESC, length(m.name), m.name
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT d.id, d.engine_id, d.catalog, d.schema, d.name, d.kind,
           left(coalesce(nullif(d.description, ''), d.engine_comment, ''), 300) AS summary,
           d.tags, ${classifiedSql}, d.owners, d.usage_count, d.column_count, r.tier, (SELECT n FROM matches) AS total,
           to_tsvector('english', catalog_words(d.name)) @@ q.any_tsq AS in_name,
           to_tsvector('english', concat_ws(' ', d.description, d.engine_comment)) @@ q.any_tsq AS in_description,
           to_tsvector('english', catalog_words(d.catalog || ' ' || d.schema)) @@ q.any_tsq AS in_schema,
           ARRAY(SELECT c.name FROM catalog_columns c WHERE c.dataset_id = d.id
                   AND to_tsvector('english', concat_ws(' ', catalog_words(c.name), c.description, c.engine_comment)) @@ q.any_tsq
                 ORDER BY c.ordinal LIMIT 3) AS matched_columns,
           ARRAY(SELECT t FROM unnest(d.tags) t WHERE to_tsvector('english', catalog_words(t)) @@ q.any_tsq LIMIT 3) AS matched_tags,
           ARRAY(SELECT o FROM unnest(d.owners) o WHERE to_tsvector('english', catalog_words(o)) @@ q.any_tsq LIMIT 3) AS matched_owners,
           ARRAY(SELECT g FROM unnest(d.glossary_terms) g WHERE to_tsvector('english', catalog_words(g)) @@ q.any_tsq LIMIT 3) AS matched_terms,
           CASE WHEN to_tsvector('english', concat_ws(' ', d.description, d.engine_comment)) @@ q.any_tsq
                -- Link targets are not words people read: headline the link texts only.
                THEN ts_headline('english', regexp_replace(concat_ws(' — ', nullif(d.description, ''), d.engine_comment), '\\[([^]]*)\\]\\([^)]*\\)+', '\\1', 'g'), q.any_tsq,
                                 'StartSel=⟦, StopSel=⟧, MaxWords=35, MinWords=15, ShortWord=0') END AS snippet
    FROM ranked r JOIN catalog_datasets d ON d.id = r.id CROSS JOIN q
    ORDER BY r.tier, CASE WHEN r.tier = 3 THEN r.rank END DESC, r.usage_count DESC, length(r.name), r.name`;
  // No row: nothing matched, or the page lies beyond the matches (then count them alone).
  if (rows.length > 0) return { rows, total: rows[0]!.total };
  return { rows, total: offset === 0 ? 0 : await countMatches(client, plan, tsq, filters) };
}

/** How many datasets match, counted up to COUNT_CAP + 1. */
async function countMatches(client: Db, plan: Plan, tsq: string, filters: SearchFilters): Promise<number> {
  const rows = await client.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_datasets d WHERE d.removed_at IS NULL AND ${matchSql(plan, tsq)} ${filterSql(filters)} LIMIT ${COUNT_CAP + 1}) m`;
  return rows[0]?.n ?? 0;
}

const classifiedSql = Prisma.sql`ARRAY(SELECT t.name FROM catalog_tags t WHERE t.kind = 'classification' AND t.name = ANY(d.tags)) AS classified_tags`;

function toHit(row: HitRow): SearchHit {
  const reasons: MatchReason[] = [];
  if (row.tier < 3 || row.in_name) reasons.push("name");
  if (row.matched_columns.length) reasons.push("column");
  if (row.matched_tags.length) reasons.push("tag");
  if (row.matched_owners.length) reasons.push("owner");
  if (row.matched_terms.length) reasons.push("term");
  if (row.in_description) reasons.push("description");
  if (row.in_schema && reasons.length === 0) reasons.push("schema");
  return {
    id: row.id,
    engineId: row.engine_id,
    catalog: row.catalog,
    schema: row.schema,
    name: row.name,
    kind: row.kind,
    summary: plainText(row.summary),
    tags: row.tags,
    classifiedTags: row.classified_tags,
    owners: row.owners,
    usageCount: row.usage_count,
    columnCount: row.column_count,
    nameMatch: row.tier === 0 ? "exact" : row.tier === 1 ? "prefix" : row.tier === 2 ? "corrected" : null,
    reasons,
    matchedColumns: row.matched_columns,
    matchedTags: [...row.matched_tags, ...row.matched_owners, ...row.matched_terms],
    snippet: row.snippet ? snippetParts(row.snippet, plainText(row.summary)) : null,
  };
}

/** The headline's pieces, matches marked; "…" where it cuts the text (`start`: the text's first 300 characters). */
function snippetParts(headline: string, start: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  for (const [i, piece] of plainText(headline).split(/[⟦⟧]/).entries()) if (piece) parts.push({ text: piece, hit: i % 2 === 1 });
  const plain = parts.map((p) => p.text).join("");
  if (!start.startsWith(plain.slice(0, 20))) parts.unshift({ text: "… ", hit: false });
  if (!(start.length < 300 && start.endsWith(plain.slice(-20)))) parts.push({ text: " …", hit: false });
  return parts;
}

/** The empty query: every dataset, most used first; counted up to COUNT_CAP as a search is (a million-dataset count is a scan). */
async function browse(client: Db, filters: SearchFilters, limit: number, offset: number): Promise<{ hits: SearchHit[]; total: number; totalCapped: boolean }> {
  const [rows, count] = await Promise.all([
    client.$queryRaw<HitRow[]>`
      SELECT d.id, d.engine_id, d.catalog, d.schema, d.name, d.kind,
             left(coalesce(nullif(d.description, ''), d.engine_comment, ''), 300) AS summary,
             d.tags, ${classifiedSql}, d.owners, d.usage_count, d.column_count, 3 AS tier,
             false AS in_name, false AS in_description, false AS in_schema,
             ARRAY[]::text[] AS matched_columns, ARRAY[]::text[] AS matched_tags, ARRAY[]::text[] AS matched_owners, ARRAY[]::text[] AS matched_terms, NULL AS snippet
      FROM catalog_datasets d WHERE d.removed_at IS NULL ${filterSql(filters)}
      ORDER BY d.usage_count DESC, d.name LIMIT ${limit} OFFSET ${offset}`,
    client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_datasets d WHERE d.removed_at IS NULL ${filterSql(filters)} LIMIT ${COUNT_CAP + 1}) m`,
  ]);
  const total = count[0]?.n ?? 0;
  return { hits: rows.map((r) => ({ ...toHit(r), reasons: [] })), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
}
