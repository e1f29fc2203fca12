// Sizing figures for README "Deploying" (issue 15, item 7), measured on one real portal replica
// (server/main.ts, production build) on a fresh database on the PostgreSQL server at
// 127.0.0.1:5432, as a production replica runs:
// 1. memory: the replica's resident set (RSS, /proc/<pid>/status) at rest, then its peak while N
//    clients each download a 1,000,000-row CSV (about 48 MB) at once; per stream = (peak − rest) / N
//    (RSS rarely shrinks once grown, so each N starts from the peak of the one before);
// 2. OpenLineage ingestion: events per second into that one replica over HTTP, single events
//    (one per request, several producers at once) and batches (a JSON array per request);
// 3. PostgreSQL connections: the replica's pool size (DATABASE_POOL_SIZE) and the connections it
//    really holds (pg_stat_activity), at rest and at the most seen during the load above.
//
//   npx tsx scripts/bench/sizing.ts                          # streams 1,4,8; 4,000 events
//   npx tsx scripts/bench/sizing.ts --streams 1,2,4 --events 2000 --pool 10
//   npx tsx scripts/bench/sizing.ts --embedded               # the embedded default (PGlite), no PostgreSQL
//   npx tsx scripts/bench/sizing.ts --bare                   # without the start command's memory settings
//
// The replica is started as the image starts it: MALLOC_ARENA_MAX and the source-map preload of
// server/memory/runtime-env.ts (--bare leaves both out, to compare). Memory is also read once
// the replica is ready, before anyone signs in ("idle"), and after the ingestion ("at the end").
//
// Needs `npm run build` first (the replica serves the production build). Figures depend on the
// machine and on what else runs on it; say which when you quote them.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { signInCookie, startPortal, type PortalProcess } from "../../e2e/portal-processes";
import { freePort } from "../lib/portal-process";
import { MEMORY_ENV, preloadNodeOptions } from "../../server/memory/runtime-env";

const { values: args } = parseArgs({
  options: {
    streams: { type: "string", default: "1,4,8" },
    rows: { type: "string", default: "1000000" },
    events: { type: "string", default: "4000" },
    batch: { type: "string", default: "100" },
    producers: { type: "string", default: "8" },
    pool: { type: "string", default: "10" },
    embedded: { type: "boolean", default: false },
    bare: { type: "boolean", default: false },
  },
});
const ROOT = path.resolve(import.meta.dirname, "../..");
const STREAMS = args.streams.split(",").map(Number);
const ROWS = Number(args.rows);
const EVENTS = Number(args.events);
const BATCH = Number(args.batch);
const PRODUCERS = Number(args.producers);
const POOL = Number(args.pool);
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const ADMIN = { email: "admin@sizing.test", password: "sizing-admin-password" };

const PAGES = ["/", "/catalog", "/sql", "/lineage", "/pipelines", "/buckets", "/admin", "/admin/settings"];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? 0) * 1024;
}

/** Samples a value every `ms` until stopped; returns the highest seen. */
function sampleMax(read: () => number | Promise<number>, ms = 100) {
  let max = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      max = Math.max(max, await read());
      await new Promise((r) => setTimeout(r, ms));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return max;
    },
  };
}

async function adminQuery<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Downloads the whole CSV and returns how many bytes and lines came. */
async function download(portal: PortalProcess, cookie: string): Promise<{ bytes: number; lines: number }> {
  const res = await fetch(`${portal.url}/api/sql/download`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: portal.url },
    body: JSON.stringify({ engineId: "duckdb", sql: `SELECT i, repeat('x', 40) AS pad FROM range(${ROWS}) t(i)`, format: "csv" }),
  });
  if (res.status !== 200) throw new Error(`download: HTTP ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  return { bytes, lines };
}

function lineageEvent(runId: string, eventType: "START" | "COMPLETE", job: number) {
  return {
    eventType,
    eventTime: new Date().toISOString(),
    run: { runId },
    job: { namespace: "sizing", name: `job-${job % 200}` },
    inputs: [{ namespace: "postgres://sizing:5432", name: `raw.table_${job % 500}` }],
    outputs: [{ namespace: "postgres://sizing:5432", name: `staging.table_${job % 500}` }],
    producer: "https://example.com/sizing",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  };
}

function events(count: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; out.length < count; i++) {
    const runId = randomUUID();
    out.push(lineageEvent(runId, "START", i), lineageEvent(runId, "COMPLETE", i));
  }
  return out.slice(0, count);
}

async function post(portal: PortalProcess, cookie: string, body: unknown): Promise<void> {
  const res = await fetch(`${portal.url}/api/v1/lineage`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: portal.url },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`lineage: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** Sends the items with `producers` requests in flight at once; returns items per second. */
async function send(items: unknown[], producers: number, sendOne: (item: unknown) => Promise<void>, perItem: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: producers }, async () => {
      while (next < items.length) await sendOne(items[next++]);
    }),
  );
  return (items.length * perItem) / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const name = `portal_sizing_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  if (!args.embedded) await adminQuery(ADMIN_URL, `CREATE DATABASE "${name}"`);
  // As the image starts the portal (server/memory/runtime-env.ts), unless --bare.
  const memoryEnv: Record<string, string> = args.bare ? {} : { ...MEMORY_ENV, NODE_OPTIONS: [process.env.NODE_OPTIONS, preloadNodeOptions(ROOT)].filter(Boolean).join(" ") };
  let portal: PortalProcess | undefined;
  try {
    portal = await startPortal({
      port: await freePort(),
      env: {
        ...(args.embedded ? {} : { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL), PORTAL_SECRET_KEY: "b".repeat(64) }),
        PORTAL_ADMIN_EMAIL: ADMIN.email,
        PORTAL_ADMIN_PASSWORD: ADMIN.password,
        PORTAL_DEMO_PIPELINE_MINUTES: "0",
        CATALOG_CRAWL_INTERVAL_MINUTES: "0",
        LOG_LEVEL: "warn",
        ...memoryEnv,
      },
    });
    const pid = portal.child.pid!;
    // Ready and nobody signed in yet: what a replica holds between deployments and first use.
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = rssBytes(pid);
    const cookie = await signInCookie(portal.url, ADMIN.email, ADMIN.password);
    const connections = () =>
      args.embedded
        ? Promise.resolve(0)
        : adminQuery<{ n: number }>(ADMIN_URL, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]).then((r) => r[0]!.n);
    const peakConnections = sampleMax(connections, 200);

    console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${mb(os.totalmem())} RAM, load average ${os.loadavg()[0]!.toFixed(2)}`);
    console.log(
      `One replica on ${args.embedded ? "the embedded PGlite" : `PostgreSQL, DATABASE_POOL_SIZE=${POOL}`}, production build, Node ${process.version}; ` +
        `${
          args.bare
            ? "no memory settings (--bare)"
            : Object.entries(memoryEnv)
                .map(([k, v]) => `${k}=${v.replace(ROOT, ".")}`)
                .join(" ")
        }\n`,
    );
    console.log(`Memory idle (ready, nobody signed in yet): RSS ${mb(idle)}`);

    // Every page once and a first download: the routes a replica serves all day are loaded, and the
    // engine is warm (their memory is part of "at rest").
    for (const page of PAGES) {
      const res = await fetch(`${portal.url}${page}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`GET ${page}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    await download(portal, cookie);
    await new Promise((r) => setTimeout(r, 2_000));
    const rest = rssBytes(pid);
    console.log(`Memory at rest (after every page once and one warm-up stream): RSS ${mb(rest)}`);
    for (const n of STREAMS) {
      const before = rssBytes(pid);
      const peak = sampleMax(() => rssBytes(pid), 50);
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: n }, () => download(portal!, cookie)));
      const seconds = (performance.now() - started) / 1000;
      const max = await peak.stop();
      for (const r of results) if (r.lines !== ROWS + 1) throw new Error(`a stream came short: ${r.lines - 1} rows`);
      const bytes = results.reduce((s, r) => s + r.bytes, 0);
      console.log(
        `  ${n} concurrent ${ROWS.toLocaleString("en")}-row streams (${mb(results[0]!.bytes)} each): RSS ${mb(before)} → peak ${mb(max)}, ` +
          `${mb(Math.max(0, max - rest) / n)} per stream above rest; ${(bytes / 1024 / 1024 / seconds).toFixed(0)} MB/s in all, ${seconds.toFixed(1)} s`,
      );
      await new Promise((r) => setTimeout(r, 2_000));
    }
    console.log(`Memory after the streams: RSS ${mb(rssBytes(pid))}`);

    if (EVENTS > 0) {
      console.log(`\nOpenLineage ingestion into this replica (${EVENTS.toLocaleString("en")} events of runs START + COMPLETE):`);
      const single = await send(events(EVENTS), PRODUCERS, (event) => post(portal!, cookie, event), 1);
      console.log(`  single events, ${PRODUCERS} producers at once: ${single.toFixed(0)} events/s`);
      const all = events(EVENTS);
      const batches = Array.from({ length: Math.ceil(all.length / BATCH) }, (_, i) => all.slice(i * BATCH, (i + 1) * BATCH));
      const batched = await send(batches, 2, (batch) => post(portal!, cookie, batch), BATCH);
      console.log(`  batches of ${BATCH}, 2 producers at once: ${batched.toFixed(0)} events/s`);
      console.log(`Memory at the end: RSS ${mb(rssBytes(pid))}`);
    }

    const open = await connections();
    const peakSeen = await peakConnections.stop();
    if (!args.embedded) {
      console.log(`\nPostgreSQL connections of this replica: pool size ${POOL}; ${open} open now, at most ${peakSeen} seen during the streams and ingestion`);
      console.log(`  (the pool, plus one short-lived connection per advisory lock held by a background job)`);
    }
  } finally {
    if (portal && portal.child.exitCode === null) {
      portal.child.kill("SIGTERM");
      await portal.exited;
    }
    if (!args.embedded) await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
