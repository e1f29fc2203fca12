// lineage.search at scale (issue 12, "a namespace of 100,000 datasets"): a fresh database with
// N datasets (and N/10 jobs) in one namespace, then the /lineage page's search as a user types it
// — each keystroke's query, a rare word, a common one, no match, the empty "recent" list — timed
// over several runs, with PostgreSQL's plan (does it scan the table, or use the trigram index?).
//
//   npx tsx scripts/bench/lineage-search.ts                       # PostgreSQL (TEST_POSTGRES_URL), 100,000 datasets
//   npx tsx scripts/bench/lineage-search.ts --kind pglite --datasets 20000
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../../server/testing/databases";
import { createTestUser } from "../../server/testing/expectations";
import { lineageSearch } from "../../server/lineage/view/search";
import { lineageSearchInput } from "../../server/lineage/view/schemas";

const { values } = parseArgs({
  options: {
    kind: { type: "string", default: "postgres" },
    datasets: { type: "string", default: "100000" },
    runs: { type: "string", default: "7" },
  },
});
const kind = values.kind === "pglite" ? "pglite" : "postgres";
const n = Number(values.datasets);
const runs = Number(values.runs);

const database = await createTestDatabase(kind);
const db = database.db;
try {
  const user = await createTestUser(db, "bench@example.com", "viewer");
  const started = performance.now();
  await db.$executeRaw`INSERT INTO lineage_namespaces (name, created_at, updated_at) VALUES ('trino://warehouse:8080', now(), now())`;
  // Names like a big warehouse's: schema.table with a few common words and a unique suffix.
  await db.$executeRaw`
    INSERT INTO lineage_datasets (namespace_id, name, created_at, updated_at)
    SELECT (SELECT id FROM lineage_namespaces LIMIT 1),
           (ARRAY['sales','finance','ops','marketing','hr'])[1 + i % 5] || '.' ||
           (ARRAY['orders','customers','invoices','events','sessions','payments','shipments'])[1 + i % 7] || '_' || md5(i::text),
           now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
      FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO lineage_jobs (namespace_id, name, created_at, updated_at)
    SELECT (SELECT id FROM lineage_namespaces LIMIT 1), 'etl.load_' || md5(i::text), now(), now() FROM generate_series(1, ${Math.ceil(n / 10)}::int) i`;
  await db.$executeRaw`ANALYZE lineage_datasets`;
  await db.$executeRaw`ANALYZE lineage_jobs`;
  console.log(
    `${kind}: ${n.toLocaleString("en-US")} datasets and ${Math.ceil(n / 10).toLocaleString("en-US")} jobs loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const rare = (await db.$queryRaw<{ name: string }[]>`SELECT name FROM lineage_datasets ORDER BY id DESC LIMIT 1`)[0]!.name.slice(-10);
  const typed = ["o", "or", "ord", "orde", "order", "orders"];
  const cases: [string, string][] = [
    ...typed.map((q): [string, string] => [`typing "${q}"`, q]),
    [`a rare part ("${rare}")`, rare],
    ['no match ("zzzqqq")', "zzzqqq"],
    ["empty (recent first)", ""],
  ];
  for (const [label, q] of cases) {
    const input = lineageSearchInput.parse({ q });
    const times: number[] = [];
    let hits = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const result = await lineageSearch({ ctx: { user, ip: null, db }, input });
      times.push(performance.now() - t);
      hits = result.hits.length;
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(28)} median ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(7)} ms   worst ${times.at(-1)!.toFixed(1).padStart(7)} ms   ${hits} hits`);
  }
  const pattern = `%${rare}%`;
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`
    EXPLAIN SELECT n.name AS namespace, t.name, t.updated_at FROM lineage_datasets t JOIN lineage_namespaces n ON n.id = t.namespace_id WHERE t.name ILIKE ${pattern}`;
  console.log("plan of a rare part:\n  " + plan.map((p) => p["QUERY PLAN"]).join("\n  "));
} finally {
  await database.close();
}
