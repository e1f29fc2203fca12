// Catalog benchmark: N synthetic datasets (default 100,000 with 20 columns each) in a fresh
// database, then a fixed query mix timed four ways in the same run, query by query:
//   search    catalog.search's handler (one page of ranked hits)
//   facets    catalog.facets' handler (counts per engine/catalog, schema, type, tag, owner)
//   page      both at once, as the search page asks for them (on PGlite's single connection they
//             queue behind each other)
//   naive     the direct alternatives: an ILIKE scan over names, descriptions and columns, and
//             exact facet counts over every match of the query (what facets did before estimates)
// and prints p50/p95 of each and the ratios. The machine is shared: compare within one run.
//
//   npx tsx scripts/bench-catalog.ts                        # PostgreSQL at 127.0.0.1:5432 (TEST_POSTGRES_URL)
//   npx tsx scripts/bench-catalog.ts --pglite               # embedded PGlite
//   npx tsx scripts/bench-catalog.ts --datasets 1000000     # made in bulk SQL (the default above 100,000)
//   npx tsx scripts/bench-catalog.ts --load crawl|bulk      # crawl: through the crawler (times it); bulk: generate_series
//   npx tsx scripts/bench-catalog.ts --keep                 # PostgreSQL: keep the database, print its URL (drop it with psql)
//   npx tsx scripts/bench-catalog.ts --database-url URL     # PostgreSQL: reuse a kept database (no generation)
//   npx tsx scripts/bench-catalog.ts --no-naive-search      # skip the ILIKE scan (seconds a query at 1,000,000)
import os from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createTestDatabase, type TestDatabase } from "../server/testing/databases";
import { createPrismaClient, setDb, type Db } from "../server/db/client";
import { setRuntime } from "../server/runtime";
import { crawlEngine } from "../server/catalog/crawler";
import { searchDatasets, searchFacets } from "../server/catalog/search";
import { facetCounts } from "../server/catalog/search-facets";
import { Prisma } from "../server/db/generated/client";
import { bulkInsert, bulkVocabulary, mix, SyntheticEngine, tableName, usageCountSql } from "./bench/catalog-synthetic";

const { values: args } = parseArgs({
  options: {
    datasets: { type: "string", default: "100000" },
    columns: { type: "string", default: "20" },
    pglite: { type: "boolean", default: false },
    repeat: { type: "string", default: "5" },
    load: { type: "string" },
    keep: { type: "boolean", default: false },
    "database-url": { type: "string" },
    "no-naive": { type: "boolean", default: false },
    "no-naive-search": { type: "boolean", default: false },
  },
});
const DATASETS = Number(args.datasets);
const COLUMNS = Number(args.columns);
if (!Number.isInteger(DATASETS) || DATASETS < 100 || DATASETS > 3_000_000) throw new Error("--datasets must be a whole number from 100 to 3,000,000");
if (!Number.isInteger(COLUMNS) || COLUMNS < 1 || COLUMNS > 50) throw new Error("--columns must be a whole number from 1 to 50");
const LOAD = args.load ?? (DATASETS > 100_000 ? "bulk" : "crawl");
if (LOAD !== "crawl" && LOAD !== "bulk") throw new Error("--load must be crawl or bulk");

// ---------------------------------------------------------------------------------------------
// Query mix: names of real datasets (exact), their first words (prefix), a transposed entity
// word (typo), and words that match a large part of the catalog (common).
// ---------------------------------------------------------------------------------------------
function transpose(word: string): string {
  const i = Math.max(1, Math.floor(word.length / 2));
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

function queryMix(): Record<string, string[]> {
  const names = Array.from({ length: 40 }, (_, k) => tableName((mix(k + 1, 3) * 65536 + mix(k + 1, 4)) % DATASETS));
  return {
    exact: names.slice(0, 10),
    prefix: names.slice(10, 20).map((n) => n.split("_").slice(0, 2).join("_").slice(0, 12)),
    typo: names.slice(20, 30).map((n) => transpose(n.split("_")[1]!)),
    common: ["customer", "orders", "revenue", "daily", "id", "created at", "status", "finance dashboards", "customer email", "amount"],
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

/** A database to fill: fresh (dropped at the end unless --keep), or a kept one given by URL. */
async function openDatabase(kind: "pglite" | "postgres"): Promise<{ db: Db; reused: boolean; close(): Promise<void> }> {
  const url = args["database-url"];
  if (url) {
    const db = createPrismaClient(url, 5);
    setDb(db);
    setRuntime({ databaseUrl: url, authSecret: "bench-secret-bench-secret-bench-secret-01" });
    return { db, reused: true, close: () => db.$disconnect() };
  }
  const database: TestDatabase = await createTestDatabase(kind);
  if (!args.keep) return { db: database.db, reused: false, close: () => database.close() };
  console.log(`Keeping the database: --database-url ${database.url}`);
  return { db: database.db, reused: false, close: () => database.db.$disconnect() };
}

async function fill(db: Db, kind: string): Promise<void> {
  if (LOAD === "crawl") {
    const engine = new SyntheticEngine(DATASETS, COLUMNS);
    let peakHeap = 0;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 200);
    const [crawlMs, first] = await time(() => crawlEngine({ engineId: "bench", engine, trigger: "schedule", batchSize: 500, concurrency: 8 }));
    clearInterval(sampler);
    if (first.status !== "succeeded") throw new Error(`crawl failed: ${first.error}`);
    const [recrawlMs, second] = await time(() => crawlEngine({ engineId: "bench", engine, trigger: "schedule", batchSize: 500, concurrency: 8 }));
    console.log(
      `Crawl (first, ${first.added.toLocaleString("en")} added):  ${(crawlMs / 1000).toFixed(1)} s  (${Math.round(first.added / (crawlMs / 1000)).toLocaleString("en")} datasets/s, peak JS heap ${(peakHeap / 2 ** 20).toFixed(0)} MB)`,
    );
    console.log(`Crawl (again, ${second.changed} changed):     ${(recrawlMs / 1000).toFixed(1)} s`);
    // Usage for the tie-breaker, as a real catalog would have it (the same numbers bulk loading writes).
    await db.$executeRaw`UPDATE catalog_datasets SET usage_count = ${usageCountSql(Prisma.raw("split_part(name, '_', -1)::bigint"))}`;
  } else {
    const slice = kind === "pglite" ? 10_000 : 50_000;
    const [loadMs] = await time(async () => {
      for (let from = 0; from < DATASETS; from += slice) {
        await bulkInsert(db, from, Math.min(from + slice, DATASETS), COLUMNS);
        process.stdout.write(`\r  generated ${Math.min(from + slice, DATASETS).toLocaleString("en")} datasets`);
      }
      await bulkVocabulary(db, DATASETS);
    });
    console.log(`\nGenerated in bulk SQL (generate_series, ${slice.toLocaleString("en")} datasets a statement): ${(loadMs / 1000).toFixed(1)} s`);
  }
  // As a crawl leaves it (ANALYZE of both tables); VACUUM sets the visibility map autovacuum would.
  const [analyzeMs] = await time(() => db.$executeRawUnsafe("VACUUM ANALYZE catalog_datasets, catalog_columns"));
  console.log(`VACUUM ANALYZE: ${(analyzeMs / 1000).toFixed(1)} s`);
}

type Timings = Record<"search" | "facets" | "page" | "naiveSearch" | "naiveFacets", number[]>;
const KEYS = ["search", "facets", "page", "naiveSearch", "naiveFacets"] as const;
const emptyTimings = (): Timings => ({ search: [], facets: [], page: [], naiveSearch: [], naiveFacets: [] });

async function main() {
  const kind = args.pglite ? "pglite" : "postgres";
  if (kind === "pglite" && (args.keep || args["database-url"])) throw new Error("--keep and --database-url are for PostgreSQL");
  console.log(
    `Catalog benchmark: ${DATASETS.toLocaleString("en")} datasets × ${COLUMNS} columns on ${kind} (${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)})\n`,
  );
  const database = await openDatabase(kind);
  const db = database.db;
  try {
    if (!database.reused) await fill(db, kind);

    const mix = queryMix();
    const repeat = Number(args.repeat);
    const naiveSearch = (q: string) =>
      db.$queryRaw<{ id: string }[]>`
        SELECT d.id FROM catalog_datasets d
        WHERE d.removed_at IS NULL AND (d.name ILIKE ${`%${q}%`} OR d.description ILIKE ${`%${q}%`} OR d.engine_comment ILIKE ${`%${q}%`}
               OR EXISTS (SELECT 1 FROM catalog_columns c WHERE c.dataset_id = d.id AND c.name ILIKE ${`%${q}%`}))
        ORDER BY d.usage_count DESC, d.name LIMIT 20`;
    // Exact counts over every dataset the query matches (the same plan: prefixes, typos), as the
    // facets were counted before estimates.
    const naiveFacets = (q: string) => facetCounts(db, q, {}, { exactUpTo: null, sampleRows: 0 });

    // The calls run as a signed-in viewer would make them (the handlers of catalog.search and catalog.facets).
    const ctx = { user: { id: "00000000-0000-4000-8000-000000000000", email: "bench@example.com", name: "Bench", role: "viewer" as const }, ip: null, db };
    // Warm-up: first calls pay for connections and plans, and read the tables into the cache.
    for (const q of Object.values(mix).flat()) await Promise.all([searchDatasets({ ctx, input: { q } }), searchFacets({ ctx, input: { q } })]);

    const rows: string[][] = [];
    const all = emptyTimings();
    let found = 0;
    let estimated = 0;
    let queries = 0;
    for (const [category, queriesOfCategory] of Object.entries(mix)) {
      const t = emptyTimings();
      for (let i = 0; i < repeat; i++) {
        for (const q of queriesOfCategory) {
          const [searchMs, result] = await time(() => searchDatasets({ ctx, input: { q } }));
          const [facetMs, facets] = await time(() => searchFacets({ ctx, input: { q } }));
          const [pageMs] = await time(() => Promise.all([searchDatasets({ ctx, input: { q } }), searchFacets({ ctx, input: { q } })]));
          t.search.push(searchMs);
          t.facets.push(facetMs);
          t.page.push(pageMs);
          if (!args["no-naive"]) {
            if (!args["no-naive-search"]) t.naiveSearch.push((await time(() => naiveSearch(q)))[0]);
            t.naiveFacets.push((await time(() => naiveFacets(q)))[0]);
          }
          if (i === 0) {
            queries++;
            if (result.total > 0) found++;
            if (facets.estimated) estimated++;
          }
        }
      }
      for (const key of KEYS) {
        t[key].sort((a, b) => a - b);
        all[key].push(...t[key]);
      }
      rows.push(row(category, t));
    }
    for (const key of KEYS) all[key].sort((a, b) => a - b);
    rows.push(row("ALL", all));

    console.log(
      `\nLatency (${repeat} rounds of ${queries} queries; ${found} of ${queries} found something; facets estimated for ${estimated}; load average ${os.loadavg()[0]!.toFixed(2)}):\n`,
    );
    const header = ["query mix", "search p50", "p95", "facets p50", "p95", "page p50", "p95", "naive search p50", "p95", "naive facets p50", "p95"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
    if (!args["no-naive"]) {
      const ratio = (a: number[], b: number[], p: number) => `${(percentile(a, p) / percentile(b, p)).toFixed(1)}×`;
      if (all.naiveSearch.length) console.log(`\nRatio naive ILIKE / search:        p50 ${ratio(all.naiveSearch, all.search, 50)}, p95 ${ratio(all.naiveSearch, all.search, 95)}`);
      console.log(`Ratio exact facets / facets:       p50 ${ratio(all.naiveFacets, all.facets, 50)}, p95 ${ratio(all.naiveFacets, all.facets, 95)}`);
    }
    for (const key of ["search", "facets"] as const) {
      const p95 = percentile(all[key], 95);
      console.log(`Goal ${key} p95 ≤ 50 ms: ${p95 <= 50 ? "met" : "NOT met"} at ${DATASETS.toLocaleString("en")} datasets on ${kind} (p95 ${ms(p95)})`);
    }
    console.log("Note: the naive scan finds no typos and does not rank; search does both.");
  } finally {
    await database.close();
  }
}

function row(label: string, t: Timings): string[] {
  const cells = [label];
  for (const key of KEYS) cells.push(t[key].length ? ms(percentile(t[key], 50)) : "-", t[key].length ? ms(percentile(t[key], 95)) : "-");
  return cells;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
