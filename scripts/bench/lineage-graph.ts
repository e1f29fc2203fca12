// Lineage graph benchmark (issue 11, item 6): GET /api/v1/lineage's handler at depth 5 on a
// 100,000-edge graph, p50/p95 over several start nodes, beside the same walk done the naive way
// (one query per hop and direction from Node, frontier by frontier), in the same run and database.
//
//   npx tsx scripts/bench/lineage-graph.ts                 # PostgreSQL (TEST_POSTGRES_URL or 127.0.0.1:5432)
//   npx tsx scripts/bench/lineage-graph.ts --pglite        # the embedded database
//   npx tsx scripts/bench/lineage-graph.ts --depth 8 --starts 30 --repeat 5
//
// The graph is a layered DAG as a lakehouse grows one: 20 layers (raw → … → marts) of 1,250 jobs,
// each reading 3 datasets of the layer before (skewed: a few hub tables are read by hundreds of
// jobs) and writing 1 or 2 of its own layer, plus back edges that close cycles (a job that reads
// a table two layers on). Every job has a completed run, so job nodes carry their latest run. It
// is written straight into the lineage tables (ingesting 100,000 edges through events would time
// the ingestion, which scripts/bench/lineage-ingest.ts does). The database is fresh and dropped.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { createTestDatabase } from "../../server/testing/databases";
import { createTestUser } from "../../server/testing/expectations";
import type { Db } from "../../server/db/client";
import { lineage, walkLineage } from "../../server/lineage/read/graph";

const { values: args } = parseArgs({
  options: {
    pglite: { type: "boolean", default: false },
    depth: { type: "string", default: "5" },
    starts: { type: "string", default: "20" },
    repeat: { type: "string", default: "5" },
    layers: { type: "string", default: "20" },
    jobs: { type: "string", default: "1250" },
  },
});
const DEPTH = Number(args.depth);
const STARTS = Number(args.starts);
const REPEAT = Number(args.repeat);
const LAYERS = Number(args.layers);
const JOBS_PER_LAYER = Number(args.jobs);
const DATASETS_PER_LAYER = Math.round(JOBS_PER_LAYER * 1.2);

// A small deterministic generator, so every run builds the same graph.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function buildGraph(db: Db) {
  const t0 = performance.now();
  const [ns] = await db.$queryRaw<{ id: bigint }[]>`INSERT INTO lineage_namespaces (name, updated_at) VALUES ('bench', now()) RETURNING id`;
  const namespaceId = ns!.id;
  const datasetNames: string[] = [];
  for (let l = 0; l <= LAYERS; l++) for (let i = 0; i < DATASETS_PER_LAYER; i++) datasetNames.push(`layer${l}.table${i}`);
  const jobNames: string[] = [];
  for (let l = 1; l <= LAYERS; l++) for (let i = 0; i < JOBS_PER_LAYER; i++) jobNames.push(`layer${l}.job${i}`);
  const fields = JSON.stringify([
    { name: "id", type: "BIGINT" },
    { name: "value", type: "VARCHAR" },
  ]);
  await db.$executeRaw`
    INSERT INTO lineage_datasets (namespace_id, name, fields, created_at, updated_at)
    SELECT ${namespaceId}, n, ${fields}::jsonb, now(), now() FROM unnest(${datasetNames}::text[]) AS n`;
  await db.$executeRaw`INSERT INTO lineage_jobs (namespace_id, name, created_at, updated_at) SELECT ${namespaceId}, n, now(), now() FROM unnest(${jobNames}::text[]) AS n`;
  const dsId = new Map((await db.$queryRaw<{ id: bigint; name: string }[]>`SELECT id, name FROM lineage_datasets`).map((r) => [r.name, r.id]));
  const jobId = new Map((await db.$queryRaw<{ id: bigint; name: string }[]>`SELECT id, name FROM lineage_jobs`).map((r) => [r.name, r.id]));

  const edges = new Map<string, [bigint, bigint, string]>();
  const add = (job: string, dataset: string, direction: string) => {
    const j = jobId.get(job)!;
    const d = dsId.get(dataset)!;
    edges.set(`${j} ${d} ${direction}`, [j, d, direction]);
  };
  for (let l = 1; l <= LAYERS; l++) {
    for (let i = 0; i < JOBS_PER_LAYER; i++) {
      const job = `layer${l}.job${i}`;
      // Reads: skewed towards the first tables of the layer before (hubs read by hundreds of jobs).
      for (let k = 0; k < 3; k++) add(job, `layer${l - 1}.table${Math.floor(DATASETS_PER_LAYER * random() ** 3)}`, "input");
      add(job, `layer${l}.table${i}`, "output");
      if (random() < 0.2) add(job, `layer${l}.table${JOBS_PER_LAYER + Math.floor(random() * (DATASETS_PER_LAYER - JOBS_PER_LAYER))}`, "output");
      // A few back edges: cycles, as in real pipelines that read a later table (or their own output).
      if (l + 2 <= LAYERS && random() < 0.004) add(job, `layer${l + 2}.table${Math.floor(random() * JOBS_PER_LAYER)}`, "input");
    }
  }
  const list = [...edges.values()];
  for (let start = 0; start < list.length; start += 20_000) {
    const chunk = list.slice(start, start + 20_000);
    await db.$executeRaw`
      INSERT INTO lineage_edges (job_id, dataset_id, direction, valid_from, last_seen_at)
      SELECT j, d, dir, now() - interval '30 days', now()
        FROM unnest(${chunk.map((e) => e[0])}::bigint[], ${chunk.map((e) => e[1])}::bigint[], ${chunk.map((e) => e[2])}::text[]) AS t(j, d, dir)`;
  }
  const runIds = jobNames.map(() => randomUUID());
  await db.$executeRaw`
    INSERT INTO lineage_runs (id, job_id, state, state_at, started_at, ended_at, created_at, updated_at)
    SELECT r, j.id, 'COMPLETE', now(), now() - interval '5 minutes', now(), now(), now()
      FROM unnest(${runIds}::uuid[], ${jobNames}::text[]) AS t(r, name) JOIN lineage_jobs j ON j.name = t.name`;
  await db.$executeRawUnsafe("ANALYZE");
  return { edges: list.length, datasets: datasetNames.length, jobs: jobNames.length, seconds: (performance.now() - t0) / 1000 };
}

/** The naive walk: one query per hop and direction, the frontier kept in Node. Same answer as walkLineage. */
async function naiveWalk(db: Db, start: { kind: "d" | "j"; id: bigint }, depth: number): Promise<Set<string>> {
  const reached = new Set([`${start.kind}${start.id}`]);
  for (const dir of ["up", "down"] as const) {
    let kind = start.kind;
    let frontier = [start.id];
    const seen = new Set([`${kind}${start.id}`]);
    for (let hop = 0; hop < depth && frontier.length; hop++) {
      const direction = kind === "d" ? (dir === "down" ? "input" : "output") : dir === "down" ? "output" : "input";
      const rows =
        kind === "d"
          ? await db.$queryRaw<
              { id: bigint }[]
            >`SELECT DISTINCT job_id AS id FROM lineage_edges WHERE dataset_id = ANY(${frontier}::bigint[]) AND direction = ${direction} AND valid_to IS NULL`
          : await db.$queryRaw<
              { id: bigint }[]
            >`SELECT DISTINCT dataset_id AS id FROM lineage_edges WHERE job_id = ANY(${frontier}::bigint[]) AND direction = ${direction} AND valid_to IS NULL`;
      kind = kind === "d" ? "j" : "d";
      frontier = rows.map((r) => r.id).filter((id) => !seen.has(`${kind}${id}`));
      for (const id of frontier) {
        seen.add(`${kind}${id}`);
        reached.add(`${kind}${id}`);
      }
    }
  }
  return reached;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1)! };
};
const fmt = (n: number) => n.toFixed(1).padStart(8);

async function main() {
  const kind = args.pglite ? "pglite" : "postgres";
  const database = await createTestDatabase(kind);
  try {
    const built = await buildGraph(database.db);
    console.log(
      `${kind}: ${built.edges.toLocaleString("en-US")} edges, ${built.datasets.toLocaleString("en-US")} datasets, ${built.jobs.toLocaleString("en-US")} jobs (built in ${built.seconds.toFixed(1)} s)`,
    );
    const user = await createTestUser(database.db, "bench@example.com", "viewer");
    const ctx = { user, ip: null, db: database.db };

    // Start nodes in the middle layers, half datasets, half jobs.
    const starts: { nodeId: string; kind: "d" | "j"; id: bigint }[] = [];
    for (let i = 0; i < STARTS; i++) {
      const layer = 8 + (i % 5);
      const n = Math.floor(random() * JOBS_PER_LAYER);
      const isJob = i % 2 === 1;
      const name = isJob ? `layer${layer}.job${n}` : `layer${layer}.table${n}`;
      const [row] = isJob
        ? await database.db.$queryRaw<{ id: bigint }[]>`SELECT id FROM lineage_jobs WHERE name = ${name}`
        : await database.db.$queryRaw<{ id: bigint }[]>`SELECT id FROM lineage_datasets WHERE name = ${name}`;
      starts.push({ nodeId: `${isJob ? "job" : "dataset"}:bench:${name}`, kind: isJob ? "j" : "d", id: row!.id });
    }

    const api: number[] = [];
    const walk: number[] = [];
    const naive: number[] = [];
    const sizes: number[] = [];
    let truncated = 0;
    // One warm-up pass (plans, caches), then REPEAT timed passes over every start node.
    for (let pass = 0; pass <= REPEAT; pass++) {
      for (const s of starts) {
        let t = performance.now();
        const answer = await lineage({ ctx, input: { nodeId: s.nodeId, depth: DEPTH } });
        const apiMs = performance.now() - t;
        t = performance.now();
        const walked = await walkLineage(database.db, s, DEPTH);
        const walkMs = performance.now() - t;
        t = performance.now();
        const naiveNodes = await naiveWalk(database.db, s, DEPTH);
        const naiveMs = performance.now() - t;
        if (pass === 0) {
          if (!answer.truncated && naiveNodes.size !== walked.length) throw new Error(`walks disagree at ${s.nodeId}: ${walked.length} vs ${naiveNodes.size}`);
          continue;
        }
        api.push(apiMs);
        walk.push(walkMs);
        naive.push(naiveMs);
        sizes.push(answer.graph.length);
        if (answer.truncated) truncated++;
      }
    }
    const a = stats(api);
    const w = stats(walk);
    const n = stats(naive);
    const sortedSizes = [...sizes].sort((x, y) => x - y);
    console.log(
      `depth ${DEPTH}, ${starts.length} start nodes × ${REPEAT}: nodes per answer p50 ${percentile(sortedSizes, 50)}, max ${sortedSizes.at(-1)}; cut at the node limit: ${truncated}`,
    );
    console.log(`                                         p50 ms   p95 ms   max ms`);
    console.log(`lineage() handler (walk + node data)  ${fmt(a.p50)} ${fmt(a.p95)} ${fmt(a.max)}`);
    console.log(`recursive walk alone (one SQL)        ${fmt(w.p50)} ${fmt(w.p95)} ${fmt(w.max)}`);
    console.log(`naive walk (one query per hop)        ${fmt(n.p50)} ${fmt(n.p95)} ${fmt(n.max)}`);
    console.log(`ratio naive ÷ recursive walk          ${fmt(n.p50 / w.p50)} ${fmt(n.p95 / w.p95)}`);
  } finally {
    await database.close();
  }
}

await main();
