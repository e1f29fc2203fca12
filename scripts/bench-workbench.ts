// Benchmark: a 1,000,000-row result through the portal's streaming API versus the same query on
// DuckDB called directly, in the same run. Reports time to first row and rows per second, and
// the portal's resident memory before and after (it must not grow with the result size).
// Then downloads the whole result as CSV twice: from the result the portal kept while streaming
// (by run id) and by running the statement again (what a download did before results were
// kept, and what Superset/Hue do), and reports that ratio too.
//
//   npx tsx scripts/bench-workbench.ts            (builds the app first if needed)
import { execFileSync } from "node:child_process";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { jsonSafeConverter } from "../server/engines/duckdb/values";
import { signIn, startPortal } from "./lib/portal-process";

const ROWS = 1_000_000;
// Exactly ROWS rows (the file has 3,000,000): a result cut at the row limit is not kept.
const SQL = `SELECT * FROM raw.flights LIMIT ${ROWS}`;
const root = path.resolve(import.meta.dirname, "..");

async function portalRun(url: string, cookie: string) {
  const started = performance.now();
  const res = await fetch(`${url}/api/sql/execute`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ engineId: "duckdb", sql: SQL, limit: ROWS }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let rows = 0;
  let firstRowMs = 0;
  let runId = "";
  let keptBytes = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf("\n")) !== -1) {
      const event = JSON.parse(buffer.slice(0, nl)) as { type: string; rows?: unknown[][]; message?: string; runId?: string; bytes?: number };
      buffer = buffer.slice(nl + 1);
      if (event.type === "rows") {
        if (!rows) firstRowMs = performance.now() - started;
        rows += event.rows!.length;
      }
      if (event.type === "run") runId = event.runId!;
      if (event.type === "stored") keptBytes = event.bytes!;
      if (event.type === "error") throw new Error(event.message);
    }
  }
  return { rows, firstRowMs, totalMs: performance.now() - started, runId, keptBytes };
}

/** Downloads a CSV through /api/sql/download and counts its lines. */
async function download(url: string, cookie: string, body: Record<string, string>) {
  const started = performance.now();
  const res = await fetch(`${url}/api/sql/download`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  let lines = 0;
  let firstByteMs = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!bytes) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  return { source: res.headers.get("x-result-source"), rows: lines - 1, bytes, firstByteMs, totalMs: performance.now() - started };
}

async function directRun(parquet: string) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const started = performance.now();
  const result = await conn.stream(`SELECT * FROM read_parquet('${parquet}') LIMIT ${ROWS}`);
  let rows = 0;
  let firstRowMs = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const converted = chunk.convertRows(jsonSafeConverter); // same JSON-safe values the portal sends
    if (!rows) firstRowMs = performance.now() - started;
    rows += converted.length;
  }
  const totalMs = performance.now() - started;
  conn.disconnectSync();
  instance.closeSync();
  return { rows, firstRowMs, totalMs };
}

async function residentMemoryMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("portal_process_resident_memory_bytes"));
  return Math.round(Number(line?.split(" ").at(-1)) / 1e6);
}

async function main() {
  execFileSync(process.execPath, [path.join(root, "scripts/build-if-needed.mjs")], { stdio: "inherit", cwd: root });
  const password = "benchmark-password-1";
  const portal = await startPortal({ PORTAL_ADMIN_EMAIL: "bench@example.com", PORTAL_ADMIN_PASSWORD: password });
  try {
    const cookie = await signIn(portal.url, "bench@example.com", password);
    const parquet = path.join(portal.dataDir, "lake/raw/flights/flights-3m.parquet");
    await portalRun(portal.url, cookie); // warm-up: file cache, JIT
    const memBefore = await residentMemoryMb(portal.url);
    const viaPortal = await portalRun(portal.url, cookie);
    // Memory must level off, not grow with every million rows: stream twice more and compare.
    const memAfter = [await residentMemoryMb(portal.url)];
    for (let i = 0; i < 2; i++) {
      await portalRun(portal.url, cookie);
      memAfter.push(await residentMemoryMb(portal.url));
    }
    const fromKept = await download(portal.url, cookie, { runId: viaPortal.runId, format: "csv" });
    const rerun = await download(portal.url, cookie, { engineId: "duckdb", sql: SQL, format: "csv" });
    if (fromKept.source !== "stored" || rerun.source !== "engine") throw new Error(`unexpected download sources: ${fromKept.source}, ${rerun.source}`);
    // The same stream from a portal that keeps nothing: what keeping costs while streaming.
    const plain = await startPortal({ PORTAL_ADMIN_EMAIL: "bench@example.com", PORTAL_ADMIN_PASSWORD: password, SQL_RESULT_RETENTION_HOURS: "0" });
    let notKept: Awaited<ReturnType<typeof portalRun>>;
    try {
      const plainCookie = await signIn(plain.url, "bench@example.com", password);
      await portalRun(plain.url, plainCookie); // warm-up
      notKept = await portalRun(plain.url, plainCookie);
    } finally {
      await plain.stop();
    }
    await directRun(parquet); // warm-up
    const direct = await directRun(parquet);
    const rate = (r: { rows: number; totalMs: number }) => Math.round(r.rows / (r.totalMs / 1000));
    const fmt = (n: number) => n.toLocaleString("en-US");
    console.log(`\n1,000,000-row result (${SQL}), same machine, same run:\n`);
    console.log("| path | rows | time to first row | total | rows/s |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    console.log(
      `| portal API (HTTP, NDJSON stream), result kept | ${fmt(viaPortal.rows)} | ${viaPortal.firstRowMs.toFixed(0)} ms | ${(viaPortal.totalMs / 1000).toFixed(2)} s | ${fmt(rate(viaPortal))} |`,
    );
    console.log(
      `| portal API, keeping off (SQL_RESULT_RETENTION_HOURS=0) | ${fmt(notKept.rows)} | ${notKept.firstRowMs.toFixed(0)} ms | ${(notKept.totalMs / 1000).toFixed(2)} s | ${fmt(rate(notKept))} |`,
    );
    console.log(
      `| DuckDB called directly (in-process) | ${fmt(direct.rows)} | ${direct.firstRowMs.toFixed(0)} ms | ${(direct.totalMs / 1000).toFixed(2)} s | ${fmt(rate(direct))} |`,
    );
    console.log(`\nThe portal kept the streamed result as ${(viaPortal.keptBytes / 1e6).toFixed(1)} MB (gzip NDJSON) while streaming it.`);
    console.log(`\nWhole-result CSV download (${fmt(fromKept.rows)} rows, ${(fromKept.bytes / 1e6).toFixed(1)} MB):\n`);
    console.log("| source | first byte | total | rows/s |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const [label, d] of [
      ["kept result (runId)", fromKept],
      ["statement run again", rerun],
    ] as const) {
      console.log(`| ${label} | ${d.firstByteMs.toFixed(0)} ms | ${(d.totalMs / 1000).toFixed(2)} s | ${fmt(rate(d))} |`);
    }
    console.log(`\nkept ÷ re-run download time: ${(fromKept.totalMs / rerun.totalMs).toFixed(2)} (engine queries for the kept download: 0).`);
    console.log(
      `\nportal / direct throughput ratio: ${(rate(viaPortal) / rate(direct)).toFixed(2)} kept, ${(rate(notKept) / rate(direct)).toFixed(2)} keeping off; portal resident memory ${memBefore} MB before, then ${memAfter.join(" / ")} MB after each of three more 1M-row streams.`,
    );
  } finally {
    await portal.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
