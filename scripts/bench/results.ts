// Where the time of a 1,000,000-row workbench result goes, stage by stage, in one process and one
// run (the ratios are the point; the machine is shared). Each line adds one stage to the one
// before, so the differences are what each stage costs:
//
//   engine, native values      DuckDB's own streaming read (getColumns: its native JS values)
//   engine, old conversion     the same rows through DuckDB's JSON converter (what the portal did first)
//   portal engine              DuckDbEngine.execute: sandbox check, chunks copied into column pages (chunk-columns.ts)
//   + frames                   each event as the binary frames the workbench gets (rows-json.ts eventFrames)
//   + kept result              also written as brotli frames into a local result space
//   + HTTP                     served by node:http (the route's framesResponse), read in a worker as the workbench reads
//                              (its CPU includes the worker loading tsx, its times start at the fetch)
//   NDJSON instead             the engine's events as the NDJSON lines scripts get (rows decoded from the pages)
//
//   npx tsx scripts/bench/results.ts [rows]      (default 1,000,000; uses the demo flights file)
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { DuckDBInstance } from "@duckdb/node-api";
import { DuckDbEngine } from "../../server/engines/duckdb/duckdb-engine";
import { jsonSafeConverter } from "../../server/engines/duckdb/values";
import { rowCountOf, type QueryEvent } from "../../server/engines/query-engine";
import { eventFrames, eventLine } from "../../server/sql/rows-json";
import { FRAMES_SUFFIX, ResultWriter } from "../../server/sql/results/result-file";
import { LocalObjectStore } from "../../server/storage/local-store";
import { framesResponse } from "../../server/http/frames";
import { FRAME_PAGE } from "../../lib/sql/frames";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const root = path.resolve(import.meta.dirname, "../..");
const PARQUET = path.join(root, "node_modules/vega-datasets/data/flights-3m.parquet");
const work = mkdtempSync(path.join(os.tmpdir(), "bench-results-"));
const dbFile = path.join(work, "flights.duckdb");
const SQL = `SELECT * FROM flights LIMIT ${ROWS}`;

type Timing = { label: string; firstRowMs: number; totalMs: number; rows: number; cpuMs?: number };

/** Runs a stage and adds the process's CPU time (all its threads) to its timing: less noisy than wall time on a shared machine. */
async function withCpu(stage: () => Promise<Timing>): Promise<Timing> {
  const before = process.cpuUsage();
  const timing = await stage();
  const used = process.cpuUsage(before);
  return { ...timing, cpuMs: (used.user + used.system) / 1000 };
}

async function directRead(label: string, convert: "native" | "json"): Promise<Timing> {
  const instance = await DuckDBInstance.create(dbFile, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  const started = performance.now();
  const result = await conn.stream(SQL);
  let rows = 0;
  let firstRowMs = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    if (convert === "native") chunk.getColumns();
    else chunk.convertRows(jsonSafeConverter);
    if (!rows) firstRowMs = performance.now() - started;
    rows += chunk.rowCount;
  }
  const totalMs = performance.now() - started;
  conn.disconnectSync();
  instance.closeSync();
  return { label, firstRowMs, totalMs, rows };
}

type Encoding = "none" | "frames" | "ndjson";

/** The engine's events, optionally encoded and kept, as the run route does it. */
async function* portalEvents(engine: DuckDbEngine, stages: { encode: Encoding; keep: LocalObjectStore | null }): AsyncGenerator<QueryEvent | Uint8Array[] | string> {
  let writer: ResultWriter | null = null;
  for await (const event of engine.execute({ sql: SQL, limit: ROWS, user: "bench", role: "viewer" })) {
    if (event.type === "columns" && stages.keep) writer = new ResultWriter(stages.keep, "sql-results", `bench/${Date.now()}${FRAMES_SUFFIX}`, event.columns, 1e12);
    if (event.type === "rows") await writer?.append(event);
    if (event.type === "finished" && writer) await writer.commit();
    yield stages.encode === "frames" ? eventFrames(event) : stages.encode === "ndjson" ? eventLine(event) : event;
  }
}

async function inProcess(label: string, engine: DuckDbEngine, stages: { encode: Encoding; keep: LocalObjectStore | null }): Promise<Timing> {
  const started = performance.now();
  let rows = 0;
  let firstRowMs = 0;
  let rowEvents = 0;
  for await (const item of portalEvents(engine, stages)) {
    const count =
      typeof item === "string"
        ? item.startsWith('{"type":"rows"')
          ? 1
          : 0
        : Array.isArray(item)
          ? item[0]![0] === FRAME_PAGE
            ? 1
            : 0
          : item.type === "rows"
            ? rowCountOf(item)
            : 0;
    if (count && !rowEvents) firstRowMs = performance.now() - started;
    if (count) rowEvents++;
    rows += count;
  }
  return { label, firstRowMs, totalMs: performance.now() - started, rows: stages.encode === "none" ? rows : ROWS };
}

async function overHttp(label: string, engine: DuckDbEngine, keep: LocalObjectStore): Promise<Timing> {
  const server = createServer((_req, res) => {
    const events = portalEvents(engine, { encode: "none", keep }) as AsyncGenerator<QueryEvent>;
    const response = framesResponse(events, () => ({ type: "error" }), eventFrames);
    res.writeHead(200, Object.fromEntries(response.headers));
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    // The client reads in a worker thread, as the browser does in its own process.
    return { label, ...(await readInWorker(`http://127.0.0.1:${port}/`)) };
  } finally {
    server.close();
  }
}

/** Reads the frame stream in a worker thread as the workbench does (read-frames-worker.ts). */
function readInWorker(url: string): Promise<{ firstRowMs: number; totalMs: number; rows: number }> {
  return new Promise((resolve, reject) => {
    // The worker is TypeScript: a one-line module registers tsx in it first (a worker does not
    // inherit this process's loader on Node 20).
    const entry = new URL("./read-frames-worker.ts", import.meta.url).href;
    const boot = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(entry)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: url });
    worker.once("message", (m: { firstRowMs: number; totalMs: number; rows: number }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

async function main() {
  const setup = await DuckDBInstance.create(dbFile);
  const conn = await setup.connect();
  await conn.run(`CREATE TABLE flights AS SELECT * FROM read_parquet('${PARQUET}') LIMIT ${ROWS}`);
  conn.disconnectSync();
  setup.closeSync();

  const results: Timing[] = [];
  for (let round = 0; round < 2; round++) {
    // Round 0 warms the file cache and the JIT; only round 1 is reported.
    const measured: Timing[] = [];
    measured.push(await withCpu(() => directRead("DuckDB directly, native values", "native")));
    measured.push(await withCpu(() => directRead("DuckDB directly, its JSON converter (the portal's old conversion)", "json")));
    const engine = await DuckDbEngine.create({ path: dbFile, settings: { access_mode: "READ_ONLY" } });
    const keep = new LocalObjectStore({ root: path.join(work, "results"), signingSecret: () => "bench" });
    await keep.init(["sql-results"]);
    try {
      measured.push(await withCpu(() => inProcess("portal engine (DuckDbEngine.execute: column pages)", engine, { encode: "none", keep: null })));
      measured.push(await withCpu(() => inProcess("+ frames", engine, { encode: "frames", keep: null })));
      measured.push(await withCpu(() => inProcess("+ kept result (brotli frames, local store)", engine, { encode: "frames", keep })));
      measured.push(await withCpu(() => overHttp("+ HTTP (node:http, fetch, frames read in a worker)", engine, keep)));
      measured.push(await withCpu(() => inProcess("NDJSON instead of frames (what scripts get; rows decoded from the pages)", engine, { encode: "ndjson", keep: null })));
    } finally {
      await engine.close();
    }
    if (round === 1) results.push(...measured);
  }
  const native = results[0]!;
  const rate = (t: Timing) => t.rows / (t.totalMs / 1000);
  console.log(`\n${ROWS.toLocaleString("en-US")} rows (${SQL}), one process, load average ${os.loadavg()[0]!.toFixed(1)}:\n`);
  console.log("| stage | first row | total | rows/s | ÷ native | CPU (process) |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const t of results) {
    console.log(
      `| ${t.label} | ${t.firstRowMs.toFixed(0)} ms | ${(t.totalMs / 1000).toFixed(2)} s | ${Math.round(rate(t)).toLocaleString("en-US")} | ${(rate(t) / rate(native)).toFixed(2)} | ${((t.cpuMs ?? 0) / 1000).toFixed(2)} s |`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
