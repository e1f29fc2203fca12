// The search's plan of a query, shared by the hits (search.ts) and the facet counts
// (search-facets.ts): the query's words looked up in the vocabulary (prefixes expanded to words,
// typos corrected), the tsquery texts, and the SQL for the matching set and the filters.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { escapeLike, MAX_EXPANSIONS, matchWord, tsQueryText, type WordMatch } from "./search-query";
import type { SearchFilters } from "./schemas";

export type Correction = { word: string; replacements: string[] };

export type Plan = {
  tsq: string;
  anyTsq: string;
  nameKey: string | null;
  qualifiers: string[];
  /** Names that count as "what they meant": the query with typos corrected. */
  meantNames: string[];
  corrections: Correction[];
  words: WordMatch[];
};

/**
 * Looks every word up in the vocabulary: the words it starts (so a prefix becomes exact words,
 * which GIN intersects cheaply) or, for a word the catalog does not know, its nearest words by
 * trigram distance (KNN on the GiST index) to correct a typo.
 */
export async function planQuery(client: Db, words: string[], nameKey: string | null, qualifiers: string[]): Promise<Plan> {
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

export function qualifierSql(qualifiers: string[]): Prisma.Sql {
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
export function matchSql(plan: Plan, tsq: string): Prisma.Sql {
  const prefix = plan.nameKey ? `${escapeLike(plan.nameKey)}%` : null;
  const text = Prisma.sql`d.search_document @@ to_tsquery('english', ${tsq})`;
  return prefix ? Prisma.sql`(${text} OR (lower(d.name) LIKE ${prefix} ESCAPE '\\' ${qualifierSql(plan.qualifiers)}))` : text;
}
