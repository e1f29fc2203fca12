// Pipelines dashboards benchmark (issue 13, item 7): 1,000,000 runs over 10,000 jobs in
// PostgreSQL, generated with set-based SQL straight into the lineage tables (1,000 DAGs of nine
// tasks each over ten namespaces, one run per job per day for 100 days, ~5% failed, the newest
// DAG runs still running, every task writing one dataset). Measures, through the handlers the
// pages call:
//   - the run list: first page and deep keyset pages, unfiltered and with filters (state,
//     namespace, one job, text, duration, time range) — p50 and p95;
//   - the pipelines page's aggregates (pipelines list page + runs per day + 24 h timeline, as the
//     page issues them), beside the same figures computed naively over the raw runs (every job's
//     window aggregates, last run and last 20 runs, then sorted and cut to the page) — ratio.
//
//   npx tsx scripts/bench/pipelines.ts                  # 1,000,000 runs
//   npx tsx scripts/bench/pipelines.ts --days 20        # 200,000 runs (quicker)
//   npx tsx scripts/bench/pipelines.ts --iterations 50
//
// The database is fresh (created, migrated, dropped).
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../../server/testing/databases";
import { createTestUser } from "../../server/testing/expectations";
import { listRuns } from "../../server/pipelines/runs-list";
import { listPipelines } from "../../server/pipelines/pipelines-list";
import { pipelinesOverview, pipelinesTimeline } from "../../server/pipelines/overview";
import { refreshRunDayRollup } from "../../server/pipelines/rollup";
import { overviewInput, pipelinesListInput, runsListInput, timelineInput } from "../../server/pipelines/schemas";
import type { RequestContext } from "../../server/handler";

const { values: args } = parseArgs({ options: { days: { type: "string", default: "100" }, iterations: { type: "string", default: "40" } } });
const DAYS = Number(args.days);
const ITERATIONS = Number(args.iterations);
const DAGS = 1_000;
const TASKS = 9;

async function time<T>(label: string, fn: () => Promise<T>, iterations = ITERATIONS): Promise<{ label: string; p50: number; p95: number; result: T }> {
  let result = await fn(); // warm: plans cached, pages in shared buffers
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    result = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  const row = { label, p50: at(0.5), p95: at(0.95), result };
  console.log(`  ${label.padEnd(62)} p50 ${row.p50.toFixed(1).padStart(7)} ms   p95 ${row.p95.toFixed(1).padStart(7)} ms`);
  return row;
}

async function main() {
  const database = await createTestDatabase("postgres");
  const db = database.db;
  try {
    const user = await createTestUser(db, "bench@example.com", "viewer");
    const ctx: RequestContext = { user, ip: null, db };
    const t0 = performance.now();
    await db.$executeRawUnsafe(`INSERT INTO lineage_namespaces (name, updated_at) SELECT 'airflow://team' || n, now() FROM generate_series(0, 9) n`);
    // Jobs 1..1000 are DAGs; each DAG d has tasks (d, t) t=1..9.
    await db.$executeRawUnsafe(`
      INSERT INTO lineage_jobs (namespace_id, name, job_type, integration, created_at, updated_at)
      SELECT (SELECT id FROM lineage_namespaces WHERE name = 'airflow://team' || (d % 10)), 'dag_' || d, 'DAG', 'AIRFLOW', now(), now()
        FROM generate_series(1, ${DAGS}) d`);
    await db.$executeRawUnsafe(`
      INSERT INTO lineage_jobs (namespace_id, name, job_type, integration, parent_job_id, created_at, updated_at)
      SELECT p.namespace_id, p.name || '.task_' || t, 'TASK', 'AIRFLOW', p.id, now(), now()
        FROM lineage_jobs p CROSS JOIN generate_series(1, ${TASKS}) t WHERE p.parent_job_id IS NULL`);
    await db.$executeRawUnsafe(`
      INSERT INTO lineage_datasets (namespace_id, name, created_at, updated_at)
      SELECT j.namespace_id, 'warehouse.' || replace(j.name, '.', '_'), now(), now() FROM lineage_jobs j WHERE j.parent_job_id IS NOT NULL`);
    await db.$executeRawUnsafe(`
      INSERT INTO lineage_edges (job_id, dataset_id, direction, valid_from, last_seen_at)
      SELECT j.id, d.id, 'output', now(), now() FROM lineage_jobs j JOIN lineage_datasets d ON d.name = 'warehouse.' || replace(j.name, '.', '_') AND d.namespace_id = j.namespace_id`);
    // One run per job per day; a DAG's run starts at its hour of the day, its tasks follow it.
    // Inserted in time order, as ingestion appends runs as their events arrive (a day's runs lie
    // on neighbouring pages; a job-by-job load would scatter them and no producer sends that).
    // Run ids are md5 of (job, day), so a task's parent run id is computed from its DAG's.
    await db.$executeRawUnsafe(`
      INSERT INTO lineage_runs (id, job_id, state, state_at, started_at, ended_at, nominal_start_at, parent_run_id, parent_job_name, error_message, created_at, updated_at)
      SELECT md5('run-' || j.id || '-' || day)::uuid, j.id,
             CASE WHEN day = 0 AND start_at + dur > now() THEN 'RUNNING' WHEN fail THEN 'FAIL' ELSE 'COMPLETE' END,
             start_at, start_at, CASE WHEN day = 0 AND start_at + dur > now() THEN NULL ELSE start_at + dur END,
             date_trunc('hour', start_at),
             CASE WHEN j.parent_job_id IS NULL THEN NULL ELSE md5('run-' || j.parent_job_id || '-' || day)::uuid END,
             p.name, CASE WHEN fail THEN 'Task failed: simulated error ' || (j.id % 7) END,
             start_at, start_at
        FROM lineage_jobs j LEFT JOIN lineage_jobs p ON p.id = j.parent_job_id
        CROSS JOIN generate_series(0, ${DAYS - 1}) day
        CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - day * interval '1 day' + (coalesce(j.parent_job_id, j.id) % 24) * interval '1 hour'
                                   + CASE WHEN j.parent_job_id IS NULL THEN interval '0' ELSE (j.id % 10) * interval '3 minutes' END AS start_at,
                                   (30 + (hashint4((j.id * 1000 + day)::int) % 600 + 600) % 600) * interval '1 second' * CASE WHEN j.parent_job_id IS NULL THEN 6 ELSE 1 END AS dur,
                                   (hashint4((j.id * 7919 + day)::int) % 100 + 100) % 100 < 5 AS fail) x
       ORDER BY start_at`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE lineage_runs`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE lineage_jobs`);
    await db.$executeRawUnsafe(`ANALYZE lineage_edges`);
    const counts = await db.$queryRawUnsafe<{ runs: bigint; jobs: bigint }[]>(`SELECT (SELECT count(*) FROM lineage_runs) AS runs, (SELECT count(*) FROM lineage_jobs) AS jobs`);
    console.log(
      `PostgreSQL: ${Number(counts[0]!.runs).toLocaleString("en")} runs over ${Number(counts[0]!.jobs).toLocaleString("en")} jobs, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    // The runs-per-day rollup (server/pipelines/rollup.ts): its first build reads every run once;
    // a refresh after it reads the state rows past its watermark (none here: the runs were
    // generated without events) plus the margin.
    const r0 = performance.now();
    const built = await refreshRunDayRollup(db);
    console.log(`Rollup: first build ${built} days in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
    await time("rollup refresh (nothing new)", () => refreshRunDayRollup(db), 10);
    console.log("");

    const runs = (input: Record<string, unknown>) => () => listRuns({ ctx, input: runsListInput.parse(input) });
    // A deep cursor: the key of the run halfway down the list (half a million rows in).
    const middle = await db.$queryRawUnsafe<{ at: string; id: string }[]>(
      `SELECT created_at::text AS at, id::text FROM lineage_runs ORDER BY created_at DESC, id DESC OFFSET ${Math.floor(Number(counts[0]!.runs) / 2)} LIMIT 1`,
    );
    const deep = Buffer.from(JSON.stringify([middle[0]!.at, middle[0]!.id])).toString("base64url");
    const deepFailed = await db.$queryRawUnsafe<{ at: string; id: string }[]>(
      `SELECT created_at::text AS at, id::text FROM lineage_runs WHERE state = 'FAIL' ORDER BY created_at DESC, id DESC OFFSET (SELECT count(*) / 2 FROM lineage_runs WHERE state = 'FAIL') LIMIT 1`,
    );
    const deepFail = Buffer.from(JSON.stringify([deepFailed[0]!.at, deepFailed[0]!.id])).toString("base64url");
    const dayAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    console.log("Run list (50 per page):");
    const list = [
      await time("first page, no filter", runs({})),
      await time("deep page (500,000 runs in), no filter", runs({ cursor: deep })),
      await time("first page, failed", runs({ states: ["FAIL"] })),
      await time("deep page (half the failed runs in), failed", runs({ states: ["FAIL"], cursor: deepFail })),
      await time("first page, one namespace", runs({ namespace: "airflow://team3" })),
      await time("deep page, one namespace", runs({ namespace: "airflow://team3", cursor: deep })),
      await time("first page, one job", runs({ job: { namespace: "airflow://team7", name: "dag_7.task_3" } })),
      await time("first page, text 'task_3' (1,000 jobs)", runs({ q: "task_3" })),
      await time("first page, duration ≥ 9 min", runs({ minSeconds: 540 })),
      await time("first page, one day 50 days ago", runs({ from: dayAgo(Math.min(50, DAYS - 1) + 1), to: dayAgo(Math.min(50, DAYS - 1)) })),
      await time("pipelines only (no task runs), deep page", runs({ topLevel: true, cursor: deep })),
    ];
    const worst = Math.max(...list.map((r) => r.p95));
    console.log(`  worst p95 ${worst.toFixed(1)} ms (target ≤ 50 ms)\n`);

    console.log("Pipelines page aggregates (as the page issues them, at once):");
    const page =
      (window: "7d" | "30d", extra: Record<string, unknown> = {}) =>
      () => {
        const now = Date.now();
        return Promise.all([
          listPipelines({ ctx, input: pipelinesListInput.parse({ window, ...extra }) }),
          pipelinesOverview({ ctx, input: overviewInput.parse({ window }) }),
          pipelinesTimeline({ ctx, input: timelineInput.parse({ from: new Date(now - 86_400_000), to: new Date(now) }) }),
        ]);
      };
    const ours7 = await time("page, 7-day window (25 DAGs + 225 tasks)", page("7d"));
    const ours30 = await time("page, 30-day window", page("30d"));
    await time("page, 7 days, failed last, sorted by last run", page("7d", { state: "FAIL", sort: "recent" }));
    await time("page, 7 days, sorted by success rate", page("7d", { sort: "success" }));
    await time("page, 30 days, sorted by median duration", page("30d", { sort: "duration" }));
    await time("  of which: pipelines list, 7 days", () => listPipelines({ ctx, input: pipelinesListInput.parse({ window: "7d" }) }));
    await time("  of which: runs per day, 7 days", () => pipelinesOverview({ ctx, input: overviewInput.parse({ window: "7d" }) }));
    await time("  of which: runs per day, 30 days", () => pipelinesOverview({ ctx, input: overviewInput.parse({ window: "30d" }) }));
    await time("  of which: pipelines list, 30 days", () => listPipelines({ ctx, input: pipelinesListInput.parse({ window: "30d" }) }));
    await time("  of which: timeline, 24 hours", () => {
      const now = Date.now();
      return pipelinesTimeline({ ctx, input: timelineInput.parse({ from: new Date(now - 86_400_000), to: new Date(now) }) });
    });

    // Naive: every job's figures over the raw runs, then sorted and cut to the page.
    const naive = (days: number) => () =>
      db.$queryRawUnsafe(`
        WITH last AS (SELECT DISTINCT ON (job_id) job_id, state, created_at FROM lineage_runs ORDER BY job_id, created_at DESC),
        w AS (SELECT job_id, count(*) AS runs, count(*) FILTER (WHERE state = 'COMPLETE') AS ok, count(*) FILTER (WHERE state IN ('FAIL', 'ABORT')) AS failed,
                     percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)) AS median
                FROM lineage_runs WHERE created_at >= now() - interval '${days} days' GROUP BY job_id),
        recent AS (SELECT job_id, array_agg(extract(epoch FROM ended_at - started_at) ORDER BY created_at DESC) AS durations
                     FROM (SELECT job_id, created_at, started_at, ended_at, row_number() OVER (PARTITION BY job_id ORDER BY created_at DESC) AS rn FROM lineage_runs) x
                    WHERE rn <= 20 GROUP BY job_id),
        per_job AS (SELECT j.id, j.parent_job_id, n.name AS namespace, j.name, last.state, w.runs, w.ok, w.failed, w.median, recent.durations
                      FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id
                      LEFT JOIN last ON last.job_id = j.id LEFT JOIN w ON w.job_id = j.id LEFT JOIN recent ON recent.job_id = j.id),
        page AS (SELECT * FROM per_job WHERE parent_job_id IS NULL ORDER BY namespace, name LIMIT 25)
        SELECT (SELECT json_agg(p) FROM page p) AS pipelines,
               (SELECT json_agg(t) FROM per_job t WHERE t.parent_job_id IN (SELECT id FROM page)) AS tasks,
               (SELECT json_agg(d) FROM (SELECT date_trunc('day', created_at) AS day, count(*) FILTER (WHERE state = 'COMPLETE'), count(*) FILTER (WHERE state IN ('FAIL', 'ABORT'))
                                           FROM lineage_runs WHERE created_at >= now() - interval '${days} days' GROUP BY 1) d) AS days,
               (SELECT json_agg(r) FROM (SELECT id FROM lineage_runs WHERE parent_run_id IS NULL AND coalesce(ended_at, now()) >= now() - interval '1 day' AND created_at < now() ORDER BY created_at DESC LIMIT 300) r) AS timeline`);
    const naive7 = await time("naive over the raw runs, 7-day window", naive(7), Math.min(ITERATIONS, 8));
    const naive30 = await time("naive over the raw runs, 30-day window", naive(30), Math.min(ITERATIONS, 8));
    console.log(`  ratio naive / ours (p50): 7 days ${(naive7.p50 / ours7.p50).toFixed(1)}×, 30 days ${(naive30.p50 / ours30.p50).toFixed(1)}×`);

    const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT r.id FROM lineage_runs r WHERE (r.created_at, r.id) < ('${middle[0]!.at}'::timestamptz, '${middle[0]!.id}'::uuid) ORDER BY r.created_at DESC, r.id DESC LIMIT 51`,
    );
    console.log(`\nDeep page plan: ${plan.map((p) => p["QUERY PLAN"].trim()).join(" / ")}`);
  } finally {
    await database.close();
  }
}

await main();
