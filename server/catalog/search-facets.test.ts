// Facet counts that stay fast on big catalogs: exact while the matches are few, estimated from
// a fixed sample beyond that — flagged, rounded, close to the truth and the same on every call.
// 3,000 datasets written in SQL; the thresholds are lowered (precision parameter) so a small
// catalog shows both behaviours.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { facetCounts, roundEstimate, sampleBuckets, type SearchFacets } from "./search-facets";
import { searchDatasets } from "./search";

const N = 3_000;
const low = { exactUpTo: 1_000, sampleRows: 1_000 };
const exactly = { exactUpTo: null, sampleRows: 0 };
const countsOf = (facets: SearchFacets["facets"][keyof SearchFacets["facets"]]) => Object.fromEntries(facets.map((f) => [f.value, f.count]));

await describeOnDatabases("facet counts on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    // The first test needs the table never analysed: keep PostgreSQL's autovacuum away from it.
    await database.db.$executeRawUnsafe("ALTER TABLE catalog_datasets SET (autovacuum_enabled = false)");
    // Every dataset says "common"; every tenth also "rare". Seven schemas, a fifth are views.
    await database.db.$executeRawUnsafe(`
      INSERT INTO catalog_datasets (engine_id, catalog, schema, name, kind, columns_hash, search_document)
      SELECT 'duckdb', 'lake', 's' || (i % 7), 't_' || i, CASE WHEN i % 5 = 0 THEN 'VIEW' ELSE 'TABLE' END, '-',
             to_tsvector('english', 'common ' || CASE WHEN i % 10 = 0 THEN 'rare' ELSE '' END)
      FROM generate_series(1, ${N}) i`);
  });
  afterAll(() => database?.close());

  it.skipIf(skip)("counts the whole catalog exactly while its size is unknown (never analysed)", async () => {
    const facets = await facetCounts(database.db, "common", {}, low);
    expect(facets).toMatchObject({ estimated: false, total: N });
  });

  it.skipIf(skip)("counts exactly while the matches are few", async () => {
    await database.db.$executeRawUnsafe("ANALYZE catalog_datasets");
    const rare = await facetCounts(database.db, "rare", {}, low);
    expect(rare.estimated).toBe(false);
    expect(rare.total).toBe(300);
    expect(countsOf(rare.facets.kind)).toEqual({ VIEW: 300 }); // multiples of 10 are multiples of 5
    expect(rare.facets.schema.reduce((sum, f) => sum + f.count, 0)).toBe(300);
  });

  it.skipIf(skip)("estimates from the sample beyond that: flagged, rounded, scaled from the sampled datasets, near the truth", async () => {
    const estimate = await facetCounts(database.db, "common", {}, low);
    const truth = await facetCounts(database.db, "common", {}, exactly);
    expect(truth).toMatchObject({ estimated: false, total: N });
    expect(estimate.estimated).toBe(true);

    // The estimate is the sample's count × 1024 / k, rounded to 3 digits.
    const k = sampleBuckets(N, low.sampleRows);
    const [sampled] = await database.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM catalog_datasets WHERE removed_at IS NULL AND (hashtext(id::text) & 1023) < ${k}`,
    );
    expect(sampled!.n).toBeGreaterThan(0);
    expect(sampled!.n).toBeLessThan(N);
    expect(estimate.total).toBe(roundEstimate((sampled!.n * 1024) / k));
    expect(Math.abs(estimate.total - N) / N).toBeLessThan(0.15);
    for (const f of [...estimate.facets.schema, ...estimate.facets.kind]) expect(String(f.count).replace(/0+$/, "").length).toBeLessThanOrEqual(3);
    const views = countsOf(estimate.facets.kind).VIEW!;
    expect(Math.abs(views - N / 5) / (N / 5)).toBeLessThan(0.3);

    // The same sample on every call: the numbers do not jitter while people page or refine.
    expect(await facetCounts(database.db, "common", {}, low)).toEqual(estimate);
  });

  it.skipIf(skip)("estimates with filters too, each facet still ignoring its own filter", async () => {
    const views = await facetCounts(database.db, "common", { kind: "VIEW" }, low);
    expect(views.estimated).toBe(true);
    expect(Math.abs(views.total - N / 5) / (N / 5)).toBeLessThan(0.3);
    expect(Object.keys(countsOf(views.facets.kind)).sort()).toEqual(["TABLE", "VIEW"]);
  });

  it.skipIf(skip)("counts the hits exactly up to 1,000 from the ranking's own scans, also on a page past the last hit", async () => {
    const ctx = { user: { id: "00000000-0000-4000-8000-00000000000b", email: "v@example.com", name: "V", role: "viewer" as const }, ip: null, db: database.db };
    expect(await searchDatasets({ ctx, input: { q: "rare" } })).toMatchObject({ total: 300, totalCapped: false });
    expect(await searchDatasets({ ctx, input: { q: "rare", filters: { schema: "s3" } } })).toMatchObject({ total: 43, totalCapped: false });
    expect(await searchDatasets({ ctx, input: { q: "common" } })).toMatchObject({ total: 1_000, totalCapped: true });
    // Names starting with the query count too: t_1, t_10…t_19, t_100…t_199, t_1000…t_1999.
    expect(await searchDatasets({ ctx, input: { q: "t_1" } })).toMatchObject({ total: 1_000, totalCapped: true });
    expect(await searchDatasets({ ctx, input: { q: "t_29" } })).toMatchObject({ total: 111, totalCapped: false }); // t_29, t_290…t_299, t_2900…t_2999
    const beyond = await searchDatasets({ ctx, input: { q: "rare", page: 40, pageSize: 20 } });
    expect(beyond).toMatchObject({ hits: [], total: 300 });
  });

  it.skipIf(skip)("rounds estimates to three significant digits, and sizes the sample from the catalog", () => {
    expect(roundEstimate(12_431.7)).toBe(12_400);
    expect(roundEstimate(998_765)).toBe(999_000);
    expect(roundEstimate(37.4)).toBe(37);
    expect(roundEstimate(0.4)).toBe(0);
    expect(sampleBuckets(-1)).toBe(1024);
    expect(sampleBuckets(1_000_000, 5_000)).toBe(6);
    expect(sampleBuckets(100, 5_000)).toBe(1024);
  });
});
