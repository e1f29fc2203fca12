// Home page benchmark: how long catalog.home's lists take on a busy portal, and what an index on
// catalog_dataset_usage(at) would change for "popular" (it scans the last 30 days of workbench
// usage). A fresh database gets N datasets, U users with V recent views each, and R workbench
// usage rows spread over 90 days; then, in the same run: the home feed of one user as served
// (popular from the per-process cache, server/catalog/popular-cache.ts), the popular query itself
// (what every request would pay without the cache), the popular query after CREATE INDEX ON
// catalog_dataset_usage(at), and the cost of recording one view (upsert + prune at the 200-row
// bound). p50/p95 of each; compare within one run.
//
//   npx tsx scripts/bench/home-lists.ts                      # PostgreSQL at 127.0.0.1:5432
//   npx tsx scripts/bench/home-lists.ts --pglite             # embedded PGlite
//   npx tsx scripts/bench/home-lists.ts --usage 1000000 --datasets 100000
import os from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../../server/testing/databases";
import { homeFeed, popularDatasets, recordDatasetView } from "../../server/catalog/home";

const { values: args } = parseArgs({
  options: {
    pglite: { type: "boolean", default: false },
    datasets: { type: "string", default: "20000" },
    users: { type: "string", default: "500" },
    views: { type: "string", default: "200" },
    usage: { type: "string", default: "1000000" },
    repeat: { type: "string", default: "20" },
  },
});
const [datasets, users, views, usage, repeat] = [args.datasets, args.users, args.views, args.usage, args.repeat].map(Number) as [number, number, number, number, number];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
async function time(label: string, fn: (i: number) => Promise<unknown>): Promise<number> {
  await fn(-1); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(7)} ms`);
  return percentile(ms, 50);
}

const database = await createTestDatabase(args.pglite ? "pglite" : "postgres");
const db = database.db;
try {
  const t0 = performance.now();
  await db.$executeRawUnsafe(`
    INSERT INTO users (id, email, name, password_hash, updated_at)
    SELECT gen_random_uuid(), 'u' || g || '@bench.test', 'User ' || g, 'x', now() FROM generate_series(1, ${users}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO catalog_datasets (id, engine_id, catalog, schema, name, kind, columns_hash)
    SELECT gen_random_uuid(), 'duckdb', 'lakehouse', 's' || (g % 50), 't' || g, 'TABLE', 'h' FROM generate_series(1, ${datasets}) g`);
  // Views: each user's V latest, skewed towards the first datasets (some are popular).
  await db.$executeRawUnsafe(`
    WITH d AS (SELECT array_agg(id ORDER BY name) AS ids FROM catalog_datasets)
    INSERT INTO catalog_dataset_views (user_id, dataset_id, last_viewed_at, view_count)
    SELECT u.id, d.ids[1 + floor(power(random(), 3) * ${datasets})::int], now() - random() * interval '60 days', 1
    FROM users u, generate_series(1, ${views}) v, d
    ON CONFLICT DO NOTHING`);
  // Workbench usage over 90 days, one query run per row.
  await db.$executeRawUnsafe(`
    WITH u AS (SELECT array_agg(id) AS ids FROM users), d AS (SELECT array_agg(id ORDER BY name) AS ids FROM catalog_datasets)
    INSERT INTO catalog_dataset_usage (dataset_id, query_run_id, user_id, at)
    SELECT d.ids[1 + floor(power(random(), 3) * ${datasets})::int], gen_random_uuid(), u.ids[1 + floor(random() * ${users})::int], now() - random() * interval '90 days'
    FROM generate_series(1, ${usage}) g, u, d`);
  await db.$executeRawUnsafe(`ANALYZE`);
  const counts = await db.$queryRawUnsafe<{ views: number; usage: number }[]>(
    `SELECT (SELECT count(*)::int FROM catalog_dataset_views) AS views, (SELECT count(*)::int FROM catalog_dataset_usage) AS usage`,
  );
  console.log(
    `${database.kind}: ${datasets.toLocaleString("en")} datasets, ${users} users, ${counts[0]!.views.toLocaleString("en")} views, ${counts[0]!.usage.toLocaleString("en")} usage rows (made in ${((performance.now() - t0) / 1000).toFixed(1)} s); load ${os.loadavg()[0]!.toFixed(1)}`,
  );

  const [someone] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT user_id AS id FROM catalog_dataset_views GROUP BY user_id ORDER BY count(*) DESC LIMIT 1`);
  const user = { id: someone!.id, email: "u@bench.test", name: "U", role: "viewer" as const };
  const ids = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM catalog_datasets ORDER BY random() LIMIT ${repeat + 1}`)).map((r) => r.id);

  const served = await time("home feed as served (popular cached)", () => homeFeed({ ctx: { user, ip: null, db }, input: undefined }));
  const scan = await time("popular query, uncached (no index on usage.at)", () => popularDatasets(db));
  console.log(`home feed with the cache: ${(scan / served).toFixed(1)}× faster than the popular query alone at p50`);
  await time("record one view (upsert + prune at 200)", (i) => recordDatasetView(db, user.id, ids[i + 1]!));
  await db.$executeRawUnsafe(`CREATE INDEX bench_usage_at ON catalog_dataset_usage (at)`);
  await db.$executeRawUnsafe(`ANALYZE catalog_dataset_usage`);
  const indexed = await time("popular query, with an index on usage(at)", () => popularDatasets(db));
  console.log(`index on usage(at): ${(scan / indexed).toFixed(2)}× faster at p50`);
} finally {
  await database.close();
}
