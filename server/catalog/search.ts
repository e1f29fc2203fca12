// Dataset search in PostgreSQL (works the same on embedded PGlite):
// 1. parse the query (search-query.ts); absurd input answers at once with a message;
// 2. words the catalog does not know (not even as a prefix) are corrected from the vocabulary
//    (catalog_search_terms, nearest by trigram distance, accepted by edit distance);
// 3. candidates: the stored tsvector matches (GIN) or the name starts with the query (btree);
// 4. order: exact name > name prefix > full-text rank (name A > columns B > tags C > text D),
//    then workbench usage, then shorter names;
// 5. each hit says why it matched, computed for the page of hits only.
// Facets are a separate call (searchFacets), so the hits come back without waiting for counts.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { HandlerArgs } from "../handler";
import { escapeLike, MAX_EXPANSIONS, matchWord, parseQuery, tsQueryText, type WordMatch } from "./search-query";
import { plainText } from "../../lib/catalog/plain-text";

// The search's input and filters are typed by their schema (schemas.ts), never written twice.
import { MAX_PAGE_SIZE, type FacetsInput, type SearchFilters, type SearchInput } from "./schemas";
export type { SearchFilters, SearchInput };

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
  corrections: { word: string; replacements: string[] }[];
  /** No dataset matched every word; these match some. */
  partial: boolean;
};

const MAX_OFFSET = 1_000;

type Plan = {
  tsq: string;
  anyTsq: string;
  nameKey: string | null;
  qualifiers: string[];
  /** Names that count as "what they meant": the query with typos corrected. */
  meantNames: string[];
  corrections: SearchResult["corrections"];
  words: WordMatch[];
};

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
  let [rows, total] = await Promise.all([rankedHits(client, plan, plan.tsq, filters, pageSize, offset), countMatches(client, plan, plan.tsq, filters)]);
  let partial = false;
  if (total === 0 && plan.words.length > 1) {
    // No dataset has every word: show those with some, a dataset named after one of them first.
    const some = { ...plan, meantNames: [...plan.meantNames, ...plan.words.flatMap((w) => [w.word, ...w.corrected])] };
    [rows, total] = await Promise.all([rankedHits(client, some, plan.anyTsq, filters, pageSize, offset), countMatches(client, some, plan.anyTsq, filters)]);
    partial = total > 0;
  }
  return { hits: rows.map(toHit), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, page, pageSize, message: null, corrections: plan.corrections, partial };
}

/**
 * Looks every word up in the vocabulary: the words it starts (so a prefix becomes exact words,
 * which GIN intersects cheaply) or, for a word the catalog does not know, its nearest words by
 * trigram distance (KNN on the GiST index) to correct a typo.
 */
async function planQuery(client: Db, words: string[], nameKey: string | null, qualifiers: string[]): Promise<Plan> {
  const rows = await client.$queryRaw<{ word: string; expansions: string[]; term: string | null; similarity: number | null }[]>`
    SELECT w.word, w.expansions, n.term, similarity(n.term, w.word) AS similarity
    FROM (
      SELECT word, ARRAY(
        SELECT t.term FROM catalog_search_terms t WHERE t.term ~>=~ word AND t.term ~<~ (word || chr(1114111))
        ORDER BY length(t.term), t.term LIMIT ${MAX_EXPANSIONS + 1}) AS expansions
      FROM unnest(${words}::text[]) AS word
    ) w
    LEFT JOIN LATERAL (
      SELECT t.term FROM catalog_search_terms t WHERE cardinality(w.expansions) = 0 AND length(w.word) >= 3 ORDER BY t.term <-> w.word LIMIT 12
    ) n ON true`;
  const resolved = words.map((word) => {
    const mine = rows.filter((r) => r.word === word);
    const near = mine.flatMap((r) => (r.term ? [{ term: r.term, similarity: Number(r.similarity ?? 0) }] : []));
    return matchWord(word, mine[0]?.expansions ?? [], near);
  });
  // "flihgts" meant the dataset "flights"; "daily flihgt delays" meant daily_flight_delays.
  const corrected = resolved.map((w) => w.corrected[0] ?? w.word).join("_");
  const meantNames = nameKey === words.join("_") && corrected !== nameKey ? [corrected] : [];
  return {
    tsq: tsQueryText(resolved),
    anyTsq: tsQueryText(resolved, { any: true }),
    nameKey,
    qualifiers,
    meantNames,
    words: resolved,
    corrections: resolved.filter((w) => w.corrected.length).map((w) => ({ word: w.word, replacements: w.corrected })),
  };
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

function qualifierSql(qualifiers: string[]): Prisma.Sql {
  if (qualifiers.length === 2) return Prisma.sql` AND lower(d.catalog) = ${qualifiers[0]} AND lower(d.schema) = ${qualifiers[1]}`;
  if (qualifiers.length === 1) return Prisma.sql` AND lower(d.schema) = ${qualifiers[0]}`;
  return Prisma.empty;
}

/** Filters as SQL over catalog_datasets `d`; `except` leaves one out (for its own facet counts). */
export function filterSql(filters: SearchFilters, except?: keyof SearchFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.catalog && except !== "catalog") {
    const at = filters.catalog.indexOf(":");
    parts.push(Prisma.sql`d.engine_id = ${filters.catalog.slice(0, at)} AND d.catalog = ${filters.catalog.slice(at + 1)}`);
  }
  if (filters.schema && except !== "schema") parts.push(Prisma.sql`d.schema = ${filters.schema}`);
  if (filters.kind && except !== "kind") parts.push(Prisma.sql`d.kind = ${filters.kind}`);
  if (filters.tag && except !== "tag") parts.push(Prisma.sql`d.tags @> ARRAY[${filters.tag}]::text[]`);
  if (filters.owner && except !== "owner") parts.push(Prisma.sql`d.owners @> ARRAY[${filters.owner}]::text[]`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/** The matching set, as a WHERE condition over `d` (used by the facet counts). */
function matchSql(plan: Plan, tsq: string): Prisma.Sql {
  const prefix = plan.nameKey ? `${escapeLike(plan.nameKey)}%` : null;
  const text = Prisma.sql`d.search_document @@ to_tsquery('english', ${tsq})`;
  return prefix ? Prisma.sql`(${text} OR (lower(d.name) LIKE ${prefix} ESCAPE '\\' ${qualifierSql(plan.qualifiers)}))` : text;
}

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
 * At most `keep` of the first SCAN_LIMIT datasets matching `where`, most used first, with what
 * ranking needs (so the candidates need not be read again).
 */
function source(plan: Plan, tsq: string, where: Prisma.Sql, keep: number | null, scan: number | null = SCAN_LIMIT): Prisma.Sql {
  const rows = Prisma.sql`SELECT d.id, ${tierSql(plan)} AS tier, round(ts_rank(d.search_document, to_tsquery('english', ${tsq})) * 100) AS rank, d.usage_count, d.name
                          FROM catalog_datasets d WHERE ${where} ${scan === null ? Prisma.empty : Prisma.sql`LIMIT ${scan}`}`;
  return keep === null ? Prisma.sql`(${rows})` : Prisma.sql`(SELECT s.* FROM (${rows}) s ORDER BY s.usage_count DESC, s.name LIMIT ${keep})`;
}

/**
 * The candidates, ranked. The tsquery is passed as a literal-valued parameter (not via a CTE)
 * so the planner sees it and can estimate how common its words are.
 */
async function rankedHits(client: Db, plan: Plan, tsq: string, filters: SearchFilters, limit: number, offset: number): Promise<HitRow[]> {
  const where = Prisma.sql`d.removed_at IS NULL ${filterSql(filters)}`;
  const qualifiers = qualifierSql(plan.qualifiers);
  const sources: Prisma.Sql[] = [source(plan, tsq, Prisma.sql`${where} AND d.search_document @@ to_tsquery('english', ${tsq})`, TEXT_CANDIDATES)];
  if (plan.nameKey) {
    sources.push(source(plan, tsq, Prisma.sql`${where} AND lower(d.name) = ${plan.nameKey} ${qualifiers}`, null, null));
    sources.push(source(plan, tsq, Prisma.sql`${where} AND lower(d.name) LIKE ${`${escapeLike(plan.nameKey)}%`} ESCAPE '\\' ${qualifiers}`, NAME_CANDIDATES));
  }
  if (plan.meantNames.length) {
    sources.push(source(plan, tsq, Prisma.sql`${where} AND lower(d.name) = ANY(${plan.meantNames}::text[]) ${qualifiers}`, null, NAME_CANDIDATES));
  }
  return client.$queryRaw<HitRow[]>`
    WITH q AS MATERIALIZED (SELECT to_tsquery('english', ${tsq}) AS tsq, to_tsquery('english', ${plan.anyTsq}) AS any_tsq),
    candidates AS (${Prisma.join(sources, " UNION ALL ")}),
    ranked AS (
      SELECT * FROM (SELECT DISTINCT ON (c.id) c.* FROM candidates c ORDER BY c.id, c.tier) m
      ORDER BY m.tier, CASE WHEN m.tier = 3 THEN m.rank END DESC, m.usage_count DESC, length(m.name), m.name
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT d.id, d.engine_id, d.catalog, d.schema, d.name, d.kind,
           left(coalesce(nullif(d.description, ''), d.engine_comment, ''), 300) AS summary,
           d.tags, ${classifiedSql}, d.owners, d.usage_count, d.column_count, r.tier,
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

/** The empty query: every dataset, most used first. */
async function browse(client: Db, filters: SearchFilters, limit: number, offset: number): Promise<{ hits: SearchHit[]; total: number }> {
  const [rows, count] = await Promise.all([
    client.$queryRaw<HitRow[]>`
      SELECT d.id, d.engine_id, d.catalog, d.schema, d.name, d.kind,
             left(coalesce(nullif(d.description, ''), d.engine_comment, ''), 300) AS summary,
             d.tags, ${classifiedSql}, d.owners, d.usage_count, d.column_count, 3 AS tier,
             false AS in_name, false AS in_description, false AS in_schema,
             ARRAY[]::text[] AS matched_columns, ARRAY[]::text[] AS matched_tags, ARRAY[]::text[] AS matched_owners, ARRAY[]::text[] AS matched_terms, NULL AS snippet
      FROM catalog_datasets d WHERE d.removed_at IS NULL ${filterSql(filters)}
      ORDER BY d.usage_count DESC, d.name LIMIT ${limit} OFFSET ${offset}`,
    client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM catalog_datasets d WHERE d.removed_at IS NULL ${filterSql(filters)}`,
  ]);
  return { hits: rows.map((r) => ({ ...toHit(r), reasons: [] })), total: Number(count[0]?.n ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// Facets
// ---------------------------------------------------------------------------------------------

export type FacetName = keyof SearchFilters;
export type FacetValue = { value: string; count: number };
export type SearchFacets = { total: number; facets: Record<FacetName, FacetValue[]>; message: string | null };

const FACET_LIMIT = 15;

/**
 * Counts per engine/catalog, schema, type, tag and owner over the datasets matching the query.
 * Each facet is counted with the other facets' filters applied but not its own, so people see
 * what choosing another value would give.
 */
export async function searchFacets({ ctx, input }: HandlerArgs<FacetsInput>): Promise<SearchFacets> {
  const client = ctx.db;
  const filters = input.filters ?? {};
  const empty: SearchFacets = { total: 0, facets: { catalog: [], schema: [], kind: [], tag: [], owner: [] }, message: null };
  const parsed = parseQuery(input.q);
  if (parsed.kind === "invalid") return { ...empty, message: parsed.message };
  let match: Prisma.Sql = Prisma.sql`true`;
  if (parsed.kind === "search") {
    const plan = await planQuery(client, parsed.words, parsed.nameKey, parsed.qualifiers);
    match = matchSql(plan, plan.tsq);
  }
  // Facets nobody filters on share one pass (GROUPING SETS) over the datasets matching every
  // filter; a facet that is filtered on is counted without its own filter, in a pass of its own.
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
  const parts: Prisma.Sql[] = [
    Prisma.sql`SELECT ${shared.length ? groupingName : Prisma.sql`'total'`} AS facet, ${groupingValue} AS value, count(*)::int AS n FROM d WHERE true ${filterSql(filters)} GROUP BY GROUPING SETS (${sets})`,
    ...own.map((f) => Prisma.sql`SELECT ${f}, ${column[f]}, count(*)::int FROM d WHERE true ${filterSql(filters, f)} GROUP BY 2`),
    // Most datasets have no tags or owners: skip them before unnest.
    Prisma.sql`SELECT 'tag', t, count(*)::int FROM d, unnest(d.tags) t WHERE cardinality(d.tags) > 0 ${filterSql(filters, "tag")} GROUP BY 2`,
    Prisma.sql`SELECT 'owner', o, count(*)::int FROM d, unnest(d.owners) o WHERE cardinality(d.owners) > 0 ${filterSql(filters, "owner")} GROUP BY 2`,
  ];
  const rows = await client.$queryRaw<{ facet: FacetName | "total"; value: string | null; n: number }[]>`
    WITH d AS MATERIALIZED (
      SELECT d.engine_id, d.catalog, d.schema, d.kind, d.tags, d.owners FROM catalog_datasets d
      WHERE d.removed_at IS NULL AND ${match}
    )
    ${Prisma.join(parts, " UNION ALL ")}`;
  const result = empty;
  for (const row of rows) {
    if (row.facet === "total") result.total = row.n;
    else result.facets[row.facet].push({ value: row.value ?? "", count: row.n });
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
