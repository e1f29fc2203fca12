// The stored search document of a dataset, written with the dataset by the crawler and rebuilt
// whenever something it is made of changes (a crawl that changed the dataset, a steward's edit),
// in the same transaction as the change:
//   A name · B column names · C tags, owners, glossary terms · D descriptions and comments,
//   column descriptions, schema and catalog names.
// Identifiers go through catalog_words() (see the migration) so `daily_flight_delays` and
// `dailyFlightDelays` both index as daily / flight / delays. The 'english' configuration
// stems, so "delays" finds "delay" and "flights" finds "flight".
// Every word also goes into catalog_search_terms, the vocabulary typo correction searches.
import { Prisma } from "../db/generated/client";
import { catalogWords } from "./search-query";

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/** The document, from SQL expressions for its parts (the one definition of what is searched). */
export function searchDocumentSql(parts: { name: Prisma.Sql; columnNames: Prisma.Sql; labels: Prisma.Sql; text: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`(setweight(to_tsvector('english', catalog_words(${parts.name})), 'A')
    || setweight(to_tsvector('english', catalog_words(coalesce(${parts.columnNames}, ''))), 'B')
    || setweight(to_tsvector('english', catalog_words(coalesce(${parts.labels}, ''))), 'C')
    || setweight(to_tsvector('english', coalesce(${parts.text}, '')), 'D'))`;
}

/** Rebuilds the documents of these datasets from their stored rows and columns. */
export async function refreshSearchDocuments(tx: Sql, datasetIds: string[]): Promise<void> {
  if (datasetIds.length === 0) return;
  const document = searchDocumentSql({
    name: Prisma.sql`d2.name`,
    columnNames: Prisma.sql`c.names`,
    labels: Prisma.sql`array_to_string(d2.tags || d2.owners || d2.glossary_terms, ' ')`,
    text: Prisma.sql`concat_ws(' ', catalog_words(d2.schema || ' ' || d2.catalog), d2.description, d2.engine_comment, c.notes)`,
  });
  await tx.$executeRaw`
    UPDATE catalog_datasets d SET search_document = ${document}
    FROM catalog_datasets d2
    LEFT JOIN LATERAL (
      SELECT string_agg(col.name, ' ') AS names, string_agg(concat_ws(' ', nullif(col.description, ''), col.engine_comment), ' ') AS notes
      FROM catalog_columns col WHERE col.dataset_id = d2.id
    ) c ON true
    WHERE d.id = d2.id AND d2.id = ANY(${datasetIds}::uuid[])`;
  await tx.$executeRaw`
    INSERT INTO catalog_search_terms (term)
    SELECT DISTINCT w FROM (
      SELECT regexp_split_to_table(lower(catalog_words(concat_ws(' ', d.name, d.schema, d.catalog, array_to_string(d.tags || d.owners || d.glossary_terms, ' '), d.description, d.engine_comment))), '\\s+') AS w
      FROM catalog_datasets d WHERE d.id = ANY(${datasetIds}::uuid[])
      UNION ALL
      SELECT regexp_split_to_table(lower(catalog_words(concat_ws(' ', col.name, col.description, col.engine_comment))), '\\s+')
      FROM catalog_columns col WHERE col.dataset_id = ANY(${datasetIds}::uuid[])
    ) words
    WHERE ${vocabularyFilter(Prisma.sql`w`)}
    ON CONFLICT (term) DO NOTHING`;
}

/** Words worth correcting towards: 3–40 characters, not plain numbers. */
function vocabularyFilter(word: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`length(${word}) BETWEEN 3 AND 40 AND ${word} !~ '^[0-9]+$'`;
}

/** Adds words of texts the caller already holds (the crawler's batch) to the vocabulary. */
export async function addToVocabulary(tx: Sql, texts: Iterable<string | null>): Promise<void> {
  const words = new Set<string>();
  for (const text of texts) if (text) for (const w of catalogWords(text)) words.add(w);
  if (words.size === 0) return;
  await tx.$executeRaw`
    INSERT INTO catalog_search_terms (term) SELECT w FROM unnest(${[...words]}::text[]) AS w WHERE ${vocabularyFilter(Prisma.sql`w`)}
    ON CONFLICT (term) DO NOTHING`;
}
