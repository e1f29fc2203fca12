// Checks that the two ways of making the synthetic catalog agree (bulk SQL = what the crawler
// writes): names, kinds, comments, columns and search documents of 2,000 datasets.
//   npx tsx scripts/bench/catalog-synthetic-check.ts
import { createTestDatabase } from "../../server/testing/databases";
import { crawlEngine } from "../../server/catalog/crawler";
import { bulkInsert, bulkVocabulary, SyntheticEngine } from "./catalog-synthetic";

const N = 2_000;
const COLUMNS = 20;
const snapshot = `
  SELECT d.catalog, d.schema, d.name, d.kind, d.engine_comment, d.search_document::text AS doc,
         (SELECT string_agg(c.name || ' ' || c.type || ' ' || c.nullable || ' ' || c.ordinal || ' ' || coalesce(c.engine_comment, '-'), ', ' ORDER BY c.ordinal)
          FROM catalog_columns c WHERE c.dataset_id = d.id) AS columns
  FROM catalog_datasets d ORDER BY d.name`;

const crawled = await createTestDatabase("postgres");
await crawlEngine({ engineId: "bench", engine: new SyntheticEngine(N, COLUMNS), trigger: "schedule" });
const a = await crawled.db.$queryRawUnsafe<Record<string, unknown>[]>(snapshot);
const termsA = await crawled.db.$queryRawUnsafe<{ term: string }[]>("SELECT term FROM catalog_search_terms ORDER BY term");
await crawled.close();
const bulk = await createTestDatabase("postgres");
await bulkInsert(bulk.db, 0, N, COLUMNS);
await bulkVocabulary(bulk.db, N);
const b = await bulk.db.$queryRawUnsafe<Record<string, unknown>[]>(snapshot);
const termsB = await bulk.db.$queryRawUnsafe<{ term: string }[]>("SELECT term FROM catalog_search_terms ORDER BY term");
await bulk.close();

let differences = 0;
for (let k = 0; k < Math.max(a.length, b.length); k++) {
  if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
    if (differences++ < 3) console.log("crawled:", a[k], "\nbulk:   ", b[k]);
  }
}
const missing = termsA.map((t) => t.term).filter((t) => !termsB.some((u) => u.term === t));
console.log(`${a.length} crawled, ${b.length} bulk, ${differences} differ; vocabulary ${termsA.length} vs ${termsB.length}, missing in bulk: ${missing.slice(0, 10).join(" ")}`);
process.exit(differences || missing.length ? 1 : 0);
