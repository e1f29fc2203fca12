// Where an idle portal's memory goes (issue 16, item 10): the embedded default brought up step by
// step in this one process, in server/main.ts's order and with its own functions, and after each
// step the resident set (RSS, anonymous and file-backed), V8's heap, the WebAssembly memories
// (PGlite's Postgres, Prisma's query compiler), DuckDB's own accounting and Next's loaded modules.
//
//   node --expose-gc --import tsx scripts/bench/memory-breakdown.ts               # fresh data folder
//   node --expose-gc --import tsx scripts/bench/memory-breakdown.ts --data-dir /tmp/x   # a restart
//     --heap-snapshot /tmp/idle.heapsnapshot   writes V8's heap at the end (open it in Chrome's DevTools)
//     --app-dir <copy of the repository>      the build to serve (default: this repository)
//
// Needs `npm run build` first (Next serves the production build). A fresh data folder builds the
// demo lakehouse on the way (a first start); run it twice on the same --data-dir to see a restart.
// Start it with the same flags the portal starts with (package.json "start") to see their effect.
// Figures are "after a full GC" when --expose-gc is given (what is really held), else as found.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    rows: { type: "string", default: "1000000" },
    "idle-seconds": { type: "string", default: "10" },
    "app-dir": { type: "string" },
    "heap-snapshot": { type: "string" },
  },
});
// --app-dir: a copy of the repository with a finished build, so a rebuild here cannot pull it away mid-run.
const ROOT = path.resolve(args["app-dir"] ?? path.join(import.meta.dirname, "../.."));
const ownDataDir = !args["data-dir"];
const dataDir = args["data-dir"] ? path.resolve(args["data-dir"]) : mkdtempSync(path.join(os.tmpdir(), "portal-memory-"));
const ADMIN = { email: "admin@memory.test", password: "memory-admin-password" };

// The embedded default, as `npm start` with no configuration runs it (plus a known admin).
Object.assign(process.env, {
  NODE_ENV: "production",
  PORTAL_DATA_DIR: dataDir,
  PORTAL_HOST: "127.0.0.1",
  PORTAL_ADMIN_EMAIL: ADMIN.email,
  PORTAL_ADMIN_PASSWORD: ADMIN.password,
  LOG_LEVEL: "warn",
  PORTAL_DEMO_PIPELINE_MINUTES: "0", // no background work between the steps
  CATALOG_CRAWL_INTERVAL_MINUTES: "0",
});
delete process.env.DATABASE_URL;
delete process.env.NEXTAUTH_URL; // as the launcher does without a public URL
process.env.AUTH_TRUST_HOST = "true";

// ---- what is measured --------------------------------------------------------------------------

/**
 * Every WebAssembly memory made in this process (PGlite creates its own; others export theirs),
 * held weakly so that measuring keeps none alive (initdb's memory is dropped after a first start).
 */
const wasmMemories: { memory: WeakRef<WebAssembly.Memory>; owner: string }[] = [];
const seen = new WeakSet<WebAssembly.Memory>();
const remember = (memory: WebAssembly.Memory) => {
  if (seen.has(memory)) return;
  seen.add(memory);
  wasmMemories.push({ memory: new WeakRef(memory), owner: whoCalled() });
};
{
  const Original = WebAssembly.Memory;
  const Recording = function (this: unknown, descriptor: WebAssembly.MemoryDescriptor) {
    const memory = new Original(descriptor);
    remember(memory);
    return memory;
  } as unknown as typeof WebAssembly.Memory;
  Recording.prototype = Original.prototype;
  (WebAssembly as { Memory: typeof WebAssembly.Memory }).Memory = Recording;
  const record = (instance: WebAssembly.Instance) => {
    for (const value of Object.values(instance.exports)) if (value instanceof Original) remember(value);
  };
  const instantiate = WebAssembly.instantiate.bind(WebAssembly);
  WebAssembly.instantiate = (async (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    const result = (await instantiate(source as BufferSource, imports)) as WebAssembly.WebAssemblyInstantiatedSource | WebAssembly.Instance;
    record(result instanceof WebAssembly.Instance ? result : result.instance);
    return result;
  }) as typeof WebAssembly.instantiate;
  const OriginalInstance = WebAssembly.Instance;
  const RecordingInstance = function (this: unknown, module: WebAssembly.Module, imports?: WebAssembly.Imports) {
    const instance = new OriginalInstance(module, imports);
    record(instance);
    return instance;
  } as unknown as typeof WebAssembly.Instance;
  RecordingInstance.prototype = OriginalInstance.prototype;
  (WebAssembly as { Instance: typeof WebAssembly.Instance }).Instance = RecordingInstance;
}

/** The package that made a WebAssembly memory, from the stack (e.g. "@electric-sql/pglite"). */
function whoCalled(): string {
  const stack = new Error().stack ?? "";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(stack) ?? /\.next\/server\/([^\s:)]+)/.exec(stack);
  return match?.[1] ? (match[0].startsWith(".next") ? "a .next chunk" : match[1]) : "unknown";
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(0);

function status(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync("/proc/self/status", "utf8").split("\n")) {
    const m = /^(VmRSS|RssAnon|RssFile|Threads):\s+(\d+)/.exec(line);
    if (m) out[m[1]!] = m[1] === "Threads" ? Number(m[2]) : Number(m[2]) * 1024;
  }
  return out;
}

/**
 * Resident part of the WebAssembly memories: V8 maps each one on its own (inside a larger
 * reservation of guard pages), and only its touched pages are resident. Matched by size.
 */
function wasmResidentBytes(sizes: number[]): number {
  const wanted = new Map<number, number>();
  for (const size of sizes) wanted.set(size, (wanted.get(size) ?? 0) + 1);
  let total = 0;
  let sizeBytes = 0;
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    const size = /^Size:\s+(\d+) kB/.exec(line);
    if (size) sizeBytes = Number(size[1]) * 1024;
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && (wanted.get(sizeBytes) ?? 0) > 0) {
      wanted.set(sizeBytes, wanted.get(sizeBytes)! - 1);
      total += Number(rss[1]) * 1024;
    }
  }
  return total;
}

type DuckFigures = { bufferBytes: number; limit: string; threads: string; tags: string };
let readDuck: (() => Promise<DuckFigures>) | undefined;

const require = createRequire(import.meta.url);
const rows: string[][] = [];
let previousRss = 0;

async function measure(step: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
    await new Promise((r) => setTimeout(r, 200)); // let finalizers free native memory
  }
  const s = status();
  const m = process.memoryUsage();
  const wasm: Record<string, number> = {};
  const sizes: number[] = [];
  for (const { memory, owner } of wasmMemories) {
    const live = memory.deref();
    if (live) wasm[owner] = (wasm[owner] ?? 0) + live.buffer.byteLength;
    if (live) sizes.push(live.buffer.byteLength);
  }
  const duck = readDuck ? await readDuck() : undefined;
  const modules = Object.keys(require.cache);
  const nextModules = modules.filter((k) => k.includes(`${path.sep}.next${path.sep}server${path.sep}`)).length;
  rows.push([
    step,
    mb(s.VmRSS!),
    `${s.VmRSS! >= previousRss ? "+" : ""}${mb(s.VmRSS! - previousRss)}`,
    mb(s.RssAnon!),
    mb(s.RssFile!),
    mb(m.heapUsed),
    mb(m.heapTotal),
    mb(m.external),
    mb(m.arrayBuffers),
    Object.entries(wasm).length
      ? `${Object.entries(wasm)
          .filter(([, bytes]) => bytes >= MB)
          .map(([owner, bytes]) => `${owner.replace(/^@electric-sql\//, "").replace(/^@prisma\//, "prisma/")} ${mb(bytes)}`)
          .join(", ")}; resident ${mb(wasmResidentBytes(sizes))}`
      : "–",
    duck ? `${mb(duck.bufferBytes)} (${duck.tags || "–"})` : "–",
    `${modules.length} (${nextModules} .next)`,
    String(s.Threads),
  ]);
  previousRss = s.VmRSS!;
  process.stderr.write(`  measured: ${step}\n`);
}

function printTable(): void {
  const head = [
    "step",
    "RSS MB",
    "Δ",
    "anon",
    "file",
    "heapUsed",
    "heapTotal",
    "external",
    "arrayBuffers",
    "WASM memories MB (≥ 1 MB)",
    "DuckDB buffers MB (largest tags)",
    "CJS modules",
    "threads",
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i >= 9 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w, i) => (i === 0 || i >= 9 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}

// ---- the steps ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  const flags = [...process.execArgv.filter((a) => !a.includes("tsx")), process.env.NODE_OPTIONS ?? ""].filter(Boolean).join(" ");
  console.log(`Machine: ${os.cpus().length} cores, ${mb(os.totalmem())} MB RAM, load average ${os.loadavg()[0]!.toFixed(2)}; Node ${process.version}`);
  console.log(`Flags: ${flags || "(none)"}; MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? "(unset)"}; data folder ${ownDataDir ? "fresh (first start)" : dataDir}\n`);
  await measure("node + tsx, no portal module loaded");

  // The launcher's import graph (server/main.ts imports these; each pulls in its own).
  const [{ default: next }, { loadConfig }, embeddedDb, { migrate }, dbClient, bootstrap, { setRuntime }, { prepareSecrets }, registry, storage, snapshot, { signIn }] =
    await Promise.all([
      import("next"),
      import("../../server/config/env"),
      import("../../server/db/embedded"),
      import("../../server/db/migrate"),
      import("../../server/db/client"),
      import("../../server/auth/bootstrap"),
      import("../../server/runtime"),
      import("../../server/secrets/startup"),
      import("../../server/engines/registry"),
      import("../../server/storage"),
      import("../../server/settings/snapshot"),
      import("../lib/portal-process"),
    ]);
  await Promise.all(MAIN_SIDE_IMPORTS.map((load) => load()));
  await measure("+ the launcher's modules imported (next, prisma, pino, …)");

  const config = loadConfig();
  const embedded = await embeddedDb.startEmbeddedPostgres(config.dataDir);
  await migrate(embedded.url);
  const prisma = dbClient.createPrismaClient(embedded.url, 1, { connectionWaitMs: 60_000 });
  dbClient.setDb(prisma);
  await prepareSecrets(config, prisma);
  const authSecret = await bootstrap.ensureAuthSecret(prisma, undefined);
  await bootstrap.ensureFirstAdmin(prisma, { email: ADMIN.email, password: ADMIN.password });
  const settings = snapshot.startSettingsSnapshot({ db: prisma });
  snapshot.setSettingsSnapshot(settings);
  await settings.ready;
  setRuntime({ databaseUrl: embedded.url, authSecret });
  await measure("+ PGlite opened and migrated, Prisma connected");

  await storage.objectStore();
  await registry.startEngines(config);
  const duck = registry.getEngine("duckdb").engine as import("../../server/engines/duckdb/duckdb-engine").DuckDbEngine;
  const conn = await duck.connect();
  readDuck = async () => {
    const tags = (await conn.runAndReadAll("SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC")).getRows();
    const settingsRows = (await conn.runAndReadAll("SELECT current_setting('memory_limit'), current_setting('threads')::VARCHAR")).getRows()[0]!;
    return {
      bufferBytes: tags.reduce((s, [, bytes]) => s + Number(bytes), 0),
      tags: tags
        .slice(0, 3)
        .map(([tag, bytes]) => `${String(tag).toLowerCase()} ${mb(Number(bytes))}`)
        .join(", "),
      limit: String(settingsRows[0]),
      threads: String(settingsRows[1]),
    };
  };
  await measure("+ DuckDB opened, demo lakehouse attached");

  // What the schedulers do in the first minute of a first start (server/main.ts starts them after
  // listening; here they run now, once, so their memory is told apart): the first catalog crawl,
  // the demo pipeline's 14 days of history. On a restart both find nothing to do.
  const [{ crawlEngine }, { runDemoPipelineIfDue }] = await Promise.all([import("../../server/catalog/crawler"), import("../../server/lineage/demo-pipeline/scheduler")]);
  const crawled = await prisma.catalogCrawlRun.count({ where: { engineId: "duckdb", status: "succeeded" } });
  if (!crawled) await crawlEngine({ engineId: "duckdb", trigger: "schedule", client: prisma });
  const runsBefore = await prisma.lineageRun.count();
  await runDemoPipelineIfDue({ intervalMinutes: 60, client: () => prisma, databaseUrl: embedded.url });
  const runsWritten = (await prisma.lineageRun.count()) - runsBefore;
  await measure(`+ background jobs: ${crawled ? "no crawl due" : "first crawl"}, ${runsWritten ? `${runsWritten} demo runs written` : "no demo history due"}`);

  const app = next({ dev: false, dir: ROOT, hostname: "127.0.0.1" });
  await app.prepare();
  await measure("+ Next server prepared (production build)");

  const handle = app.getRequestHandler();
  // The launcher's headers that pages read (server/main.ts); security headers are not memory.
  const server = http.createServer((req, res) => {
    req.headers["x-portal-path"] = req.url ?? "/";
    req.headers["x-portal-peer"] = req.socket.remoteAddress ?? "";
    req.headers["x-nonce"] = "bWVtb3J5LWJyZWFrZG93bg==";
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}`;
  const signInPage = await fetch(`${url}/signin`);
  if (!signInPage.ok) throw new Error(`GET /signin: HTTP ${signInPage.status}`);
  await signInPage.text();
  await measure("+ first page rendered (/signin)");
  const cookie = await signIn(url, ADMIN.email, ADMIN.password);
  for (const page of ["/", "/catalog", "/sql"]) {
    const res = await fetch(`${url}${page}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${page}: HTTP ${res.status}`);
    await res.text();
  }
  await measure("+ signed in; /, /catalog, /sql rendered");

  const started = performance.now();
  const res = await fetch(`${url}/api/sql/download`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: url },
    body: JSON.stringify({ engineId: "duckdb", sql: `SELECT i, repeat('x', 40) AS pad FROM range(${Number(args.rows)}) t(i)`, format: "csv" }),
  });
  if (res.status !== 200) throw new Error(`download: HTTP ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  await measure(`+ first query (${Number(args.rows).toLocaleString("en")}-row CSV download, ${mb(bytes)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  await new Promise((r) => setTimeout(r, Number(args["idle-seconds"]) * 1000));
  await measure(`idle ${args["idle-seconds"]} s later`);
  if (args["heap-snapshot"]) process.stderr.write(`  heap snapshot: ${(await import("node:v8")).writeHeapSnapshot(args["heap-snapshot"])}\n`);

  const duckNow = await readDuck();
  console.log("");
  printTable();
  console.log(`\nDuckDB: memory_limit ${duckNow.limit}, threads ${duckNow.threads}. PGlite: ${await pgliteSettings(prisma)}.`);
  console.log(
    "RSS = anon (malloc heaps of every thread, V8's heap, WASM memories, DuckDB's buffers) + file (mapped code: node, DuckDB's and Prisma's native libraries)." +
      " external includes the ArrayBuffers behind the WASM memories.",
  );

  conn.disconnectSync();
  server.close();
  await app.close?.();
  await settings.stop();
  await registry.stopEngines();
  await prisma.$disconnect();
  await embedded.stop();
  if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** The launcher's remaining imports, so step 2 holds what `npm start` holds before it runs. */
const MAIN_SIDE_IMPORTS: (() => Promise<unknown>)[] = [
  () => import("../../server/catalog/scheduler"),
  () => import("../../server/lineage/demo-pipeline/scheduler"),
  () => import("../../server/alerts/scheduler"),
  () => import("../../server/sql/results/sweeper"),
  () => import("../../server/audit/retention"),
  () => import("../../server/metrics/registry"),
  () => import("../../server/http/static/static-assets"),
  () => import("../../server/telemetry/tracing"),
  () => import("../../server/telemetry/spans"),
  () => import("../../server/lifecycle/backup-on-signal"),
  () => import("../../server/lifecycle/schema-version"),
  () => import("../../server/lifecycle/secret-key-agreement"),
];

/** PGlite's memory settings, read through the portal's own (single) connection. */
async function pgliteSettings(prisma: { $queryRawUnsafe<T>(sql: string): Promise<T> }): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ name: string; setting: string; unit: string | null }[]>(
    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'temp_buffers', 'wal_buffers') ORDER BY name",
  );
  return rows.map((r) => `${r.name} ${r.setting}${r.unit ? ` × ${r.unit}` : ""}`).join(", ");
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
