// Benchmark: a 1,000,000-row result through the portal's streaming API versus the same query on
// DuckDB called directly, in the same run. Reports time to first row and rows per second, and
// the portal's resident memory before and after (it must not grow with the result size).
// The portal is read the way the workbench reads it (binary frames of column pages, decoded),
// with every value read too, and as NDJSON (what scripts get). "Directly" is measured three
// ways: DuckDB's native JS values (the engine's own time, nothing converted: the goal's
// reference), JSON-safe rows in-process (chunk-rows.ts: what the NDJSON stream carries, without
// HTTP or JSON), and DuckDB's own JSON converter (the definition used first).
// Then the same result in Chromium, through the real workbench (Run → 1,000,000 rows shown).
// Then downloads the whole result as CSV twice: from the result the portal kept while streaming
// (by run id) and by running the statement again (what a download did before results were
// kept, and what Superset/Hue do), and reports that ratio too.
//
//   npx tsx scripts/bench-workbench.ts            (builds the app first if needed)
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { chromium } from "playwright-core";
import { jsonSafeConverter } from "../server/engines/duckdb/values";
import { chunkRows, columnReaders } from "../server/engines/duckdb/chunk-rows";
import { signIn, startPortal } from "./lib/portal-process";
import { ColumnPage } from "../lib/sql/column-page";
import { chunksOf, FRAME_PAGE, FRAMES_CONTENT_TYPE, parseEventFrame, readFrames } from "../lib/sql/frames";

const ROWS = 1_000_000;
// Exactly ROWS rows (the file has 3,000,000): a result cut at the row limit is not kept.
const SQL = `SELECT * FROM raw.flights LIMIT ${ROWS}`;
const root = path.resolve(import.meta.dirname, "..");

/**
 * One run through POST /api/sql/execute. "ndjson": the JSON stream scripts get, every line
 * parsed. "frames": the binary stream the workbench asks for, every column page decoded as the
 * workbench keeps it; "frames, every value": and every value of every page read as the JS value
 * the grid would show (what DuckDB's native getColumns gives directly).
 */
async function portalRun(url: string, cookie: string, format: "ndjson" | "frames" | "frames, every value" = "frames") {
  const started = performance.now();
  const res = await fetch(`${url}/api/sql/execute`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, accept: format === "ndjson" ? "application/x-ndjson" : FRAMES_CONTENT_TYPE },
    body: JSON.stringify({ engineId: "duckdb", sql: SQL, limit: ROWS }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  let rows = 0;
  let firstRowMs = 0;
  let runId = "";
  let keptBytes = 0;
  const onEvent = (event: { type: string; rows?: unknown[][]; message?: string; runId?: string; bytes?: number }, pageRows?: number) => {
    if (event.type === "rows") {
      if (!rows) firstRowMs = performance.now() - started;
      rows += pageRows ?? event.rows!.length;
    }
    if (event.type === "run") runId = event.runId!;
    if (event.type === "stored") keptBytes = event.bytes!;
    if (event.type === "error") throw new Error(event.message);
  };
  if (format === "ndjson") {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf("\n")) !== -1) {
        onEvent(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
    }
  } else {
    for await (const frame of readFrames(chunksOf(res.body!))) {
      if (frame.kind !== FRAME_PAGE) {
        onEvent(parseEventFrame(frame.payload) as { type: string });
        continue;
      }
      const page = ColumnPage.decode(frame.payload);
      if (format === "frames, every value") for (let c = 0; c < page.width; c++) for (let r = 0; r < page.length; r++) page.value(r, c);
      onEvent({ type: "rows" }, page.length);
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

type DirectReading = "native" | "portal conversion" | "DuckDB JSON converter";

async function directRun(parquet: string, reading: DirectReading) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const started = performance.now();
  const result = await conn.stream(`SELECT * FROM read_parquet('${parquet}') LIMIT ${ROWS}`);
  const readers = columnReaders(Array.from({ length: result.columnCount }, (_, i) => result.columnType(i)));
  let rows = 0;
  let firstRowMs = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    if (reading === "native") chunk.getColumns();
    else if (reading === "portal conversion") chunkRows(chunk, readers);
    else chunk.convertRows(jsonSafeConverter);
    if (!rows) firstRowMs = performance.now() - started;
    rows += chunk.rowCount;
  }
  const totalMs = performance.now() - started;
  conn.disconnectSync();
  instance.closeSync();
  return { rows, firstRowMs, totalMs };
}

/** The whole result in Chromium through the workbench: from Ctrl+Enter until it shows 1,000,000 rows and the run has succeeded. */
async function chromiumRun(url: string, cookie: string) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const context = await browser.newContext();
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${url}/sql`);
    await page.locator(".monaco-editor").waitFor({ timeout: 60_000 });
    await page.getByLabel("Limit").selectOption(String(ROWS));
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      // Run 0 warms the page's JIT; run 1 is reported.
      await page.locator(".monaco-editor .view-lines").click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(SQL);
      await page.keyboard.press("Escape");
      const started = performance.now();
      await page.keyboard.press("ControlOrMeta+Enter");
      await page.locator('[data-testid="run-progress"][data-status="succeeded"]').waitFor({ timeout: 300_000 });
      times.push(performance.now() - started);
      const shown = await page.getByTestId("row-count").textContent();
      if (!shown?.includes("1,000,000")) throw new Error(`the workbench shows ${shown}`);
    }
    return { rows: ROWS, totalMs: times[1]! };
  } finally {
    await browser.close();
  }
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
    const everyValue = await portalRun(portal.url, cookie, "frames, every value");
    await portalRun(portal.url, cookie, "ndjson"); // warm-up of the JSON path
    const viaNdjson = await portalRun(portal.url, cookie, "ndjson");
    // Memory must level off, not grow with every million rows: stream twice more and compare.
    const memAfter = [await residentMemoryMb(portal.url)];
    for (let i = 0; i < 2; i++) {
      await portalRun(portal.url, cookie);
      memAfter.push(await residentMemoryMb(portal.url));
    }
    const fromKept = await download(portal.url, cookie, { runId: viaPortal.runId, format: "csv" });
    const rerun = await download(portal.url, cookie, { engineId: "duckdb", sql: SQL, format: "csv" });
    const parquetFile = await download(portal.url, cookie, { runId: viaPortal.runId, format: "parquet" });
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
    const inChromium = await chromiumRun(portal.url, cookie);
    const direct: Record<DirectReading, Awaited<ReturnType<typeof directRun>>> = {} as never;
    for (const reading of ["native", "portal conversion", "DuckDB JSON converter"] as const) {
      await directRun(parquet, reading); // warm-up
      direct[reading] = await directRun(parquet, reading);
    }
    const rate = (r: { rows: number; totalMs: number }) => Math.round(r.rows / (r.totalMs / 1000));
    const fmt = (n: number) => n.toLocaleString("en-US");
    const line = (label: string, r: { rows: number; firstRowMs?: number; totalMs: number }) =>
      console.log(`| ${label} | ${fmt(r.rows)} | ${r.firstRowMs === undefined ? "–" : `${r.firstRowMs.toFixed(0)} ms`} | ${(r.totalMs / 1000).toFixed(2)} s | ${fmt(rate(r))} |`);
    console.log(`\n1,000,000-row result (${SQL}), same machine, same run (load average ${loadavg()[0]!.toFixed(1)} at the end):\n`);
    console.log("| path | rows | time to first row | total | rows/s |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    line("portal API (HTTP, column-page frames, as the workbench reads it), result kept", viaPortal);
    line("portal API, frames, every value read by the client, result kept", everyValue);
    line("portal API, frames, keeping off (SQL_RESULT_RETENTION_HOURS=0)", notKept);
    line("portal API, NDJSON stream (scripts), result kept", viaNdjson);
    line("Chromium, the workbench (Run until 1,000,000 rows shown)", inChromium);
    line("DuckDB directly, native values (the engine's own time)", direct.native);
    line("DuckDB directly, the portal's JSON-safe values (chunk-rows.ts)", direct["portal conversion"]);
    line("DuckDB directly, DuckDB's JSON converter (the earlier definition)", direct["DuckDB JSON converter"]);
    console.log(`\nThe portal kept the streamed result as ${(viaPortal.keptBytes / 1e6).toFixed(1)} MB (brotli frames) while streaming it.`);
    console.log(`\nWhole-result CSV download (${fmt(fromKept.rows)} rows, ${(fromKept.bytes / 1e6).toFixed(1)} MB):\n`);
    console.log("| source | first byte | total | rows/s |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const [label, d] of [
      ["kept result (runId)", fromKept],
      ["statement run again", rerun],
    ] as const) {
      console.log(`| ${label} | ${d.firstByteMs.toFixed(0)} ms | ${(d.totalMs / 1000).toFixed(2)} s | ${fmt(rate(d))} |`);
    }
    console.log(
      `\nParquet from the kept result: ${(parquetFile.bytes / 1e6).toFixed(1)} MB, first byte ${parquetFile.firstByteMs.toFixed(0)} ms (DuckDB writes the whole file first), total ${(parquetFile.totalMs / 1000).toFixed(2)} s.`,
    );
    console.log(`\nkept ÷ re-run download time: ${(fromKept.totalMs / rerun.totalMs).toFixed(2)} (engine queries for the kept download: 0).`);
    const ratio = (a: { rows: number; totalMs: number }, b: { rows: number; totalMs: number }) => (rate(a) / rate(b)).toFixed(2);
    console.log(
      `\nportal ÷ direct (native values) rows/s: frames kept ${ratio(viaPortal, direct.native)}, every value read ${ratio(everyValue, direct.native)}, keeping off ${ratio(notKept, direct.native)}, NDJSON ${ratio(viaNdjson, direct.native)}; against the JSON-safe rows in-process: NDJSON ${ratio(viaNdjson, direct["portal conversion"])}.`,
    );
    console.log(
      `first row: portal ${viaPortal.firstRowMs.toFixed(0)} ms (frames) / ${viaNdjson.firstRowMs.toFixed(0)} ms (NDJSON), direct ${direct.native.firstRowMs.toFixed(0)} ms (native): ${(viaPortal.firstRowMs - direct.native.firstRowMs).toFixed(0)} ms later.`,
    );
    console.log(
      `Chromium ÷ engine's own time: ${(inChromium.totalMs / direct.native.totalMs).toFixed(2)}; Chromium ÷ portal API: ${(inChromium.totalMs / viaPortal.totalMs).toFixed(2)}.`,
    );
    console.log(`portal resident memory ${memBefore} MB before, then ${memAfter.join(" / ")} MB after each of three more 1M-row streams.`);
  } finally {
    await portal.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
