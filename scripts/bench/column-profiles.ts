// Column profiles: how long the two profile statements take on the embedded DuckDB over the demo
// lakehouse's 3,000,000 flights, sampled as the portal does (about 500,000 rows) against the same
// statements over the whole table, alternating, in one run.
//   npx tsx scripts/bench/column-profiles.ts [--runs 3]
import { createTestLakehouse } from "../../server/catalog/testing/lakehouse";
import { planProfile } from "../../server/catalog/profiles/profile-plan";
import { figuresSql, histogramsSql, sourceClause, type ProfiledColumn } from "../../server/catalog/profiles/profile-sql";
import { readFigures } from "../../server/catalog/profiles/profile-results";
import { columnKind } from "../../server/catalog/profiles/profile-types";
import type { QueryEngine } from "../../server/engines/query-engine";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;
const table = { catalog: "lakehouse", schema: "staging", name: "flights" };

async function rows(engine: QueryEngine, sql: string) {
  const out: { columns: { name: string; type: string }[]; rows: unknown[][] } = { columns: [], rows: [] };
  for await (const e of engine.execute({ sql, limit: 10_000, user: "bench", role: "viewer" })) {
    if (e.type === "columns") out.columns.push(...e.columns);
    if (e.type === "rows") out.rows.push(...e.rows);
  }
  return out;
}

async function profileOnce(engine: QueryEngine, columns: ProfiledColumn[], plan: ReturnType<typeof planProfile>) {
  const started = performance.now();
  const source = sourceClause("duckdb", table, plan);
  const figures = readFigures(await rows(engine, figuresSql("duckdb", source, columns)), columns);
  await rows(engine, histogramsSql(source, figures.specs));
  return { ms: performance.now() - started, rows: figures.profiledRows };
}

const lake = await createTestLakehouse();
try {
  const described = await rows(lake.engine, "DESCRIBE lakehouse.staging.flights");
  const columns = described.rows.map((r) => ({ name: String(r[0]), type: String(r[1]), kind: columnKind(String(r[1])) }));
  const total = Number((await rows(lake.engine, "SELECT count(*) FROM lakehouse.staging.flights")).rows[0]![0]);
  const sampled = planProfile("duckdb", total, null, columns.length);
  const full = { ...sampled, sampling: "full" as const, percent: null };
  const times = { sampled: [] as number[], full: [] as number[] };
  let sampledRows = 0;
  for (let i = 0; i < runs; i++) {
    const s = await profileOnce(lake.engine, columns, sampled);
    sampledRows = s.rows;
    times.sampled.push(s.ms);
    times.full.push((await profileOnce(lake.engine, columns, full)).ms);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`flights: ${total.toLocaleString("en")} rows × ${columns.length} columns; sample ${sampled.percent!.toFixed(2)}% = ${sampledRows.toLocaleString("en")} rows`);
  console.log(`sampled profile: median ${median(times.sampled).toFixed(0)} ms (${times.sampled.map((t) => t.toFixed(0)).join(", ")})`);
  console.log(`whole-table profile: median ${median(times.full).toFixed(0)} ms (${times.full.map((t) => t.toFixed(0)).join(", ")})`);
  console.log(`sampled ÷ whole: ${(median(times.sampled) / median(times.full)).toFixed(2)}`);
} finally {
  await lake.close();
}
