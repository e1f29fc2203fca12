// Lineage ingestion benchmark (issue 11, item 6): OpenLineage events per second batched into
// PostgreSQL and PGlite, single events through POST /api/v1/lineage, and — in the same run, into
// the same database — a plain multi-row INSERT of the same events into one JSONB table, the floor
// any ingestion that keeps the raw events pays. Prints events/s and the ratio.
//
//   npx tsx scripts/bench/lineage-ingest.ts                      # PostgreSQL (TEST_POSTGRES_URL) and PGlite
//   npx tsx scripts/bench/lineage-ingest.ts --only postgres --events 20000 --batch 2000
//   npx tsx scripts/bench/lineage-ingest.ts --profile            # also the time of each SQL statement
//   npx tsx scripts/bench/lineage-ingest.ts --mix small          # only the smallest real event (605 bytes as varied, 2 inputs, 1 output)
//   npx tsx scripts/bench/lineage-ingest.ts --concurrency 4      # four producers posting batches at once
//
// It also prints the CPU time PostgreSQL's processes (when the server runs on this machine) and
// this process (all its threads: the garbage collector's helpers count) spent during ingestion:
// on a 2-core machine, their sum over two is the least wall time any overlap could reach.
//
// The events are the real examples of server/lineage/testing/examples (Marquez, dbt, Spark with
// column lineage) with their run ids, job and dataset names varied: runs (START then COMPLETE) of a
// few hundred jobs over a few thousand datasets, each job reading some of the others' outputs, as
// a real lakehouse does. Each database is fresh (created, migrated, dropped).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../server/testing/databases";
import { createTestUser } from "../../server/testing/expectations";
import { ingestLineage } from "../../server/lineage/ingest";
import { exampleEvents } from "../../server/lineage/testing/events";
import { createToken } from "../../server/auth/api-tokens";
import { sqlPoolOf, type Db } from "../../server/db/client";
import { POST } from "../../app/api/v1/lineage/route";
import { checkEvent } from "../../server/lineage/validate-event";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    batch: { type: "string", default: "1000" },
    jobs: { type: "string", default: "300" },
    datasets: { type: "string", default: "3000" },
    single: { type: "string", default: "300" },
    only: { type: "string" },
    mix: { type: "string", default: "real" },
    profile: { type: "boolean", default: false },
    concurrency: { type: "string", default: "1" },
  },
});
const EVENTS = Number(args.events);
const BATCH = Number(args.batch);
const JOBS = Number(args.jobs);
const DATASETS = Number(args.datasets);
const SINGLE = Number(args.single);
const CONCURRENCY = Number(args.concurrency);

// ---------------------------------------------------------------------------------------------
// Events: real examples as templates, names varied.
// ---------------------------------------------------------------------------------------------
type Json = Record<string, unknown>;
type DatasetRef = { namespace: string; name: string };
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

/** A small deterministic generator, so every run benchmarks the same graph. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMESPACES = ["postgres://warehouse:5432", "s3://lake", "duckdb://portal", "trino://trino:8080", "file"];
function datasetName(i: number): DatasetRef {
  const namespace = NAMESPACES[i % NAMESPACES.length]!;
  const domain = ["sales", "finance", "logistics", "web", "billing", "hr"][i % 6]!;
  if (namespace === "s3://lake") return { namespace, name: `raw/${domain}/table_${i}/part-0000.parquet` };
  if (namespace === "file") return { namespace, name: `/data/lake/${domain}/table_${i}` };
  return { namespace, name: `lakehouse.${domain}.table_${i}` };
}

/** Templates: RunEvents with a job; weights say how many jobs look like each. */
function templates(): { event: Json; weight: number }[] {
  const byFile = new Map(exampleEvents().map((e) => [e.file, e.event]));
  const pick = (file: string, weight: number) => {
    const event = byFile.get(file);
    if (!isObject(event)) throw new Error(`missing example ${file}`);
    return { event, weight };
  };
  if (args.mix === "small") return [pick("marquez-fixture__event_unicode.json", 1)];
  return [
    pick("marquez-fixture__event_unicode.json", 35), // small: two inputs, one output
    pick("dbt-1.40.0__csv_to_postgres__event_012.json", 25), // dbt test: parent run, data-quality assertions
    pick("spark-1.19.0__CLL-scenario__event-3.json", 15), // Spark: schema, symlinks, lifecycle, data source
    pick("marquez-fixture__event_full.json", 15), // every facet: SQL, source location, schema, documentation…
    pick("spark-1.19.0__CLL-scenario__event-8.json", 10), // Spark CTAS with column lineage (37 KB)
  ];
}

type Job = { template: Json; namespace: string; name: string; inputs: DatasetRef[]; outputs: DatasetRef[]; parent: string };

function jobsOf(count: number, datasets: number): Job[] {
  const next = random(42);
  const list = templates();
  const total = list.reduce((n, t) => n + t.weight, 0);
  const jobs: Job[] = [];
  for (let j = 0; j < count; j++) {
    let r = next() * total;
    const template = list.find((t) => (r -= t.weight) < 0)?.event ?? list[0]!.event;
    const inputs = new Set<number>();
    const wanted = 1 + Math.floor(next() * 3);
    // Half of the inputs are other jobs' outputs (a connected graph), half raw sources.
    while (inputs.size < wanted) inputs.add(next() < 0.5 ? Math.floor(next() * count) : count + Math.floor(next() * (datasets - count)));
    inputs.delete(j);
    if (inputs.size === 0) inputs.add(count + j);
    const job = template.job as Json;
    jobs.push({
      template,
      namespace: String(job.namespace),
      name: `${String(job.name)}.job_${j}`,
      inputs: [...inputs].map(datasetName),
      outputs: [datasetName(j)],
      parent: `dag_${Math.floor(j / 20)}`,
    });
  }
  return jobs;
}

/** The template's datasets renamed to the job's, column lineage and symlinks following the names. */
function datasetsOf(templateList: unknown, refs: DatasetRef[], rename: Map<string, DatasetRef>): Json[] {
  const shapes = Array.isArray(templateList) ? templateList.filter(isObject) : [];
  return refs.map((ref, i) => {
    const shape = shapes.length ? clone(shapes[i % shapes.length]!) : { facets: {} };
    const facets = isObject(shape.facets) ? shape.facets : {};
    const symlinks = facets.symlinks;
    if (isObject(symlinks) && Array.isArray(symlinks.identifiers)) {
      symlinks.identifiers = symlinks.identifiers.map((s: unknown) => (isObject(s) ? { ...s, name: `default.${ref.name.split("/").pop()}` } : s));
    }
    const lineage = facets.columnLineage;
    if (isObject(lineage)) {
      const follow = (f: unknown) => (isObject(f) ? { ...f, ...(rename.get(`${String(f.namespace)} ${String(f.name)}`) ?? {}) } : f);
      if (isObject(lineage.fields)) {
        for (const dep of Object.values(lineage.fields)) if (isObject(dep) && Array.isArray(dep.inputFields)) dep.inputFields = dep.inputFields.map(follow);
      }
      if (Array.isArray(lineage.dataset)) lineage.dataset = lineage.dataset.map(follow);
    }
    return { ...shape, namespace: ref.namespace, name: ref.name };
  });
}

function benchEvents(count: number, jobCount = JOBS, datasetCount = DATASETS): Json[] {
  const jobs = jobsOf(jobCount, datasetCount);
  const next = random(7);
  const events: Json[] = [];
  const start = Date.parse("2025-01-01T00:00:00Z");
  let dagRun = randomUUID();
  for (let run = 0; events.length < count; run++) {
    const job = jobs[Math.floor(next() * jobs.length)]!;
    if (run % 10 === 0) dagRun = randomUUID();
    const t = job.template;
    const rename = new Map<string, DatasetRef>();
    (Array.isArray(t.inputs) ? t.inputs.filter(isObject) : []).forEach((d, i) => rename.set(`${String(d.namespace)} ${String(d.name)}`, job.inputs[i % job.inputs.length]!));
    const inputs = datasetsOf(t.inputs, job.inputs, rename);
    const outputs = datasetsOf(t.outputs, job.outputs, rename);
    const runId = randomUUID();
    const runFacets = isObject((t.run as Json).facets) ? clone((t.run as Json).facets as Json) : {};
    if (isObject(runFacets.parent)) runFacets.parent = { ...runFacets.parent, run: { runId: dagRun }, job: { namespace: job.namespace, name: job.parent } };
    for (const [k, type] of (["START", "COMPLETE"] as const).entries()) {
      const time = new Date(start + run * 60_000 + k * 30_000 + Math.floor(next() * 1000)).toISOString();
      events.push({
        ...t,
        eventType: type,
        eventTime: time,
        run: { runId, facets: runFacets },
        job: { ...(t.job as Json), namespace: job.namespace, name: job.name },
        inputs,
        outputs,
      });
    }
  }
  return events.slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------
type Timing = Map<string, { ms: number; calls: number }>;

/**
 * Times every statement sent on the database client's pool by its first words (for --profile):
 * ingestion writes through a pg client of that pool (server/lineage/ingest-sql.ts), so this is
 * the time of each statement as Node sees it, BEGIN and COMMIT included.
 */
function timePool(db: Db, timing: Timing): () => void {
  const pool = sqlPoolOf(db);
  if (!pool) throw new Error("--profile needs a client made by createPrismaClient");
  const label = (text: unknown) => {
    const sql = typeof text === "string" ? text : isObject(text) && typeof text.text === "string" ? text.text : String(text);
    return sql.replace(/\s+/g, " ").trim().slice(0, 60);
  };
  let timingOn = true;
  const record = (k: string, ms: number) => {
    if (!timingOn) return;
    const entry = timing.get(k) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls++;
    timing.set(k, entry);
  };
  const wrapped = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    client.query = new Proxy(client.query, {
      apply(target, self, a: unknown[]) {
        const t0 = performance.now();
        const result: unknown = Reflect.apply(target, self, a);
        return result instanceof Promise ? result.finally(() => record(label(a[0]), performance.now() - t0)) : result;
      },
    });
  });
  return () => {
    timingOn = false;
  };
}

async function batched(database: TestDatabase, events: Json[], timing: Timing | null) {
  const user = await createTestUser(database.db, `bench-${randomUUID()}@example.com`, "editor");
  const db = database.db;
  const stopTiming = timing ? timePool(db, timing) : () => {};
  // The database's own backends (other work on the same server does not count); the pool is
  // warmed first so its connections exist before the clock starts.
  const backends = database.kind === "postgres" ? await backendPids(db) : [];
  const cpu0 = { pg: postgresCpuMs(backends), node: nodeCpuMs() };
  const t0 = performance.now();
  let accepted = 0;
  // CONCURRENCY producers post their batches at once (Airflow workers, Spark executors …), each
  // taking the next batch when its previous one is answered.
  let next = 0;
  const producer = async () => {
    for (let i = next; i < events.length; i = next) {
      next += BATCH;
      const { results } = await ingestLineage({ ctx: { user, ip: "127.0.0.1", db }, input: { events: events.slice(i, i + BATCH) } });
      accepted += results.filter((r) => r.status === "accepted").length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, producer));
  const ms = performance.now() - t0;
  const node = Math.round(nodeCpuMs() - cpu0.node);
  const server = backends.length ? `, the database's PostgreSQL backends ${postgresCpuMs(backends) - cpu0.pg} ms` : "";
  console.log(`  CPU during ingestion: this process ${node} ms (all threads)${server}`);
  stopTiming();
  if (accepted !== events.length) throw new Error(`only ${accepted} of ${events.length} events were accepted`);
  return ms;
}

/** The server processes of the pool's connections, when the server runs on this machine (else none). */
async function backendPids(db: Db): Promise<number[]> {
  const pool = sqlPoolOf(db);
  if (!pool) return [];
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.connect()));
  const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid));
  clients.forEach((c) => c.release());
  return pids.filter((pid) => fs.existsSync(`/proc/${pid}/stat`));
}

/** CPU milliseconds the given PostgreSQL backends have used so far. */
function postgresCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks of 10 ms
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticks * 10;
}
const nodeCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The floor: the same events, serialised and inserted with plain multi-row INSERTs into one JSONB table. */
async function plainInsert(url: string, events: Json[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE bench_plain_events (id bigserial PRIMARY KEY, payload jsonb NOT NULL)");
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += BATCH) {
      const chunk = events.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO bench_plain_events (payload) VALUES ${chunk.map((_, k) => `($${k + 1}::jsonb)`).join(",")}`,
        chunk.map((e) => JSON.stringify(e)),
      );
    }
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

/** One event per request through the route's POST (Bearer token with lineage:write, as a producer sends them). */
async function singlePosts(database: TestDatabase, events: Json[]) {
  const user = await createTestUser(database.db, `producer-${randomUUID()}@example.com`, "editor");
  const { token } = await createToken({ ctx: { user, ip: "127.0.0.1", db: database.db }, input: { name: "bench", scopes: ["lineage:write"], expiresInDays: 30 } });
  const t0 = performance.now();
  for (const event of events) {
    const res = await POST(
      new Request("http://localhost/api/v1/lineage", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(event),
      }),
      {},
    );
    if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
  }
  return performance.now() - t0;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en");

async function benchOn(kind: "postgres" | "pglite", events: Json[], singles: Json[]) {
  const database = await createTestDatabase(kind);
  try {
    const timing: Timing | null = args.profile ? new Map() : null;
    const ingestMs = await batched(database, events, timing);
    const plainMs = await plainInsert(database.url, events);
    const singleMs = SINGLE > 0 ? await singlePosts(database, singles) : 0;
    console.log(`\n${kind}: ${events.length.toLocaleString("en")} events in batches of ${BATCH.toLocaleString("en")}`);
    console.log(`  ingestion (check, dedupe, normalise, write) ${rate(events.length, ingestMs).padStart(7)} events/s  (${Math.round(ingestMs)} ms)`);
    console.log(`  plain multi-row INSERT into one JSONB table ${rate(events.length, plainMs).padStart(7)} events/s  (${Math.round(plainMs)} ms)`);
    console.log(`  ratio ingestion / plain insert              ${(plainMs / ingestMs).toFixed(2)}`);
    if (SINGLE > 0) console.log(`  single-event POSTs (route, Bearer token)    ${rate(singles.length, singleMs).padStart(7)} events/s  (${singles.length} requests)`);
    if (timing) {
      const per10k = 10_000 / events.length;
      console.log(`  SQL per 10,000 events (ms, calls):`);
      for (const [sql, t] of [...timing.entries()].sort((a, b) => b[1].ms - a[1].ms))
        console.log(`    ${(t.ms * per10k).toFixed(0).padStart(6)}  ${String(t.calls).padStart(4)}  ${sql}`);
      const sqlMs = [...timing.values()].reduce((n, t) => n + t.ms, 0);
      console.log(`    ${(sqlMs * per10k).toFixed(0).padStart(6)}  total SQL; JS and driver ${((ingestMs - sqlMs) * per10k).toFixed(0)}`);
    }
  } finally {
    await database.close();
  }
}

const events = benchEvents(EVENTS);
const singles = benchEvents(SINGLE, JOBS, DATASETS);
const bytes = events.reduce((n, e) => n + JSON.stringify(e).length, 0);
console.log(
  `${events.length.toLocaleString("en")} RunEvents (START and COMPLETE of ${events.length / 2} runs) of ${JOBS} jobs over ${DATASETS} datasets, ${Math.round(bytes / events.length).toLocaleString("en")} bytes on average`,
);
// The validators compile once per process (lazily, per facet): a running portal has paid that long before.
const compile0 = performance.now();
for (const e of events.slice(0, 500)) checkEvent(e);
console.log(`validators compiled and warmed in ${Math.round(performance.now() - compile0)} ms (not counted below)`);
for (const kind of ["postgres", "pglite"] as const) if (!args.only || args.only === kind) await benchOn(kind, events, singles);
