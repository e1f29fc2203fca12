// Benchmark: a prefix of 100,000 objects, listed page by page through the portal versus direct
// ListObjectsV2 calls, in the same run. Not a test: it prints figures for the README.
//
//   npx tsx scripts/bench-buckets.ts [--objects 100000] [--pages 20] [--page-size 200] [--http [--mode production]]
//
// "Portal" is the buckets.objects tRPC procedure called in-process (input validation, bucket
// access rules, domain module, S3 adapter) — everything but HTTP and superjson. With --http the
// script also starts the real portal (server/main.ts on port 3455, S3_ENDPOINT = the test
// server; development mode unless --mode production, which needs `npm run build`) and lists through
// GET /api/trpc/buckets.objects as a signed-in browser would.
// "Direct" is @aws-sdk/client-s3's ListObjectsV2 against the same server.
// The S3 server is s3rver on loopback; it stats every file up to the cursor on each page, so
// later pages cost it more: portal and direct pages are interleaved so both see the same.
// The local-folder adapter is measured too (its "eager" figure is listing the whole prefix,
// what a browser that loads whole prefixes, like MinIO Console, waits for before showing any).
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ListObjectsV2Command, PutObjectCommand, type ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { createCaller } from "../server/api/root";
import { db } from "../server/db/client";
import { setObjectStore } from "../server/storage";
import { LocalObjectStore } from "../server/storage/local-store";
import type { ObjectStore } from "../server/storage/object-store";
import { S3ObjectStore } from "../server/storage/s3-store";
import { S3RVER_CREDENTIALS, startS3Server } from "../server/storage/testing/s3-server";

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "100000" },
    pages: { type: "string", default: "20" },
    "page-size": { type: "string", default: "200" },
    http: { type: "boolean", default: false },
    mode: { type: "string", default: "development" },
  },
});
const OBJECTS = Number(values.objects);
const PAGES = Number(values.pages);
const PAGE_SIZE = Number(values["page-size"]);
const BUCKET = "bench";
const PREFIX = "events/";

// A context per call, as per request in the portal: the database is installed further down.
const caller = createCaller(() => ({
  user: { id: "00000000-0000-4000-8000-00000000000b", email: "bench@example.com", name: "Bench", role: "viewer" as const },
  ip: null,
  db: db(),
}));

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const keyOf = (i: number) => `${PREFIX}event-${String(i).padStart(7, "0")}.json`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => `${x.toFixed(1)} ms`;

type Lister = (cursor: string | null) => Promise<{ count: number; next: string | null }>;

/**
 * Time to first page (median of 5 fresh requests each), then `pages` consecutive pages,
 * the two listers interleaved step by step so both see the same machine load.
 */
async function race(a: Lister, b: Lister, pages: number) {
  const firstA: number[] = [];
  const firstB: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = process.hrtime.bigint();
    await a(null);
    firstA.push(ms(t));
    t = process.hrtime.bigint();
    await b(null);
    firstB.push(ms(t));
  }
  const result = { firstA: median(firstA), firstB: median(firstB), a: [] as number[], b: [] as number[], seen: 0 };
  let ca: string | null = null;
  let cb: string | null = null;
  for (let p = 0; p < pages; p++) {
    let t = process.hrtime.bigint();
    const pa = await a(ca);
    result.a.push(ms(t));
    t = process.hrtime.bigint();
    const pb = await b(cb);
    result.b.push(ms(t));
    result.seen += pa.count;
    ca = pa.next;
    cb = pb.next;
    if (!ca || !cb) break;
  }
  return result;
}

function report(title: string, r: Awaited<ReturnType<typeof race>>) {
  const perA = median(r.a.slice(1));
  const perB = median(r.b.slice(1));
  console.log(`\n${title}`);
  console.log(`  pages of ${PAGE_SIZE}; first page: median of 5; then ${r.a.length} consecutive pages (${r.seen.toLocaleString("en-US")} entries)`);
  console.log(`  time to first page   portal ${fmt(r.firstA)}   direct ${fmt(r.firstB)}   ratio ${(r.firstA / r.firstB).toFixed(2)}`);
  console.log(`  per page (median)    portal ${fmt(perA)}   direct ${fmt(perB)}   ratio ${(perA / perB).toFixed(2)}`);
}

async function portalLister(store: ObjectStore): Promise<Lister> {
  setObjectStore(store);
  return async (cursor) => {
    const page = await caller.buckets.objects({ bucket: BUCKET, prefix: PREFIX, cursor, pageSize: PAGE_SIZE });
    return { count: page.objects.length + page.folders.length, next: page.nextCursor };
  };
}

async function benchS3() {
  const server = await startS3Server({ buckets: [BUCKET] });
  try {
    const store = new S3ObjectStore({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    // One object through the S3 protocol; the rest are copies of the files s3rver wrote for it
    // (100,000 PUTs would take s3rver about five minutes and measure nothing we care about).
    await store.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyOf(0), Body: '{"n":0}', ContentType: "application/json" }));
    const dir = path.join(server.directory, BUCKET, PREFIX);
    const template = readdirSync(dir);
    let t = process.hrtime.bigint();
    for (let i = 1; i < OBJECTS; i++) {
      const name = path.basename(keyOf(i));
      for (const file of template) copyFileSync(path.join(dir, file), path.join(dir, file.replace(path.basename(keyOf(0)), name)));
    }
    console.log(`s3rver: ${OBJECTS.toLocaleString("en-US")} objects under s3://${BUCKET}/${PREFIX} ready in ${(ms(t) / 1000).toFixed(1)} s`);

    const direct: Lister = async (cursor) => {
      const out = await store.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX, Delimiter: "/", MaxKeys: PAGE_SIZE, ContinuationToken: cursor ?? undefined }));
      return { count: (out.Contents?.length ?? 0) + (out.CommonPrefixes?.length ?? 0), next: out.IsTruncated ? (out.NextContinuationToken ?? null) : null };
    };
    // Warm-up: connections, module loading, JIT; not counted.
    await direct(null);
    await (
      await portalLister(store)
    )(null);
    report("S3 adapter (s3rver on loopback): portal procedure in-process vs direct ListObjectsV2", await race(await portalLister(store), direct, PAGES));
    if (values.http) {
      const portal = await startPortal(server.endpoint);
      try {
        const http = await portal.lister();
        await http(null); // warm-up (compiles the route in development mode)
        report(`S3 adapter: the running portal over HTTP (${portal.mode} mode) vs direct ListObjectsV2`, await race(http, direct, PAGES));
      } finally {
        await portal.stop();
      }
    }

    // What a browser that loads the whole prefix first waits for: every page of 1,000.
    t = process.hrtime.bigint();
    let cursor: string | null = null;
    let total = 0;
    let pages = 0;
    do {
      const out: ListObjectsV2CommandOutput = await store.client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX, Delimiter: "/", MaxKeys: 1000, ContinuationToken: cursor ?? undefined }),
      );
      total += out.Contents?.length ?? 0;
      cursor = out.IsTruncated ? (out.NextContinuationToken ?? null) : null;
      pages++;
    } while (cursor && ms(t) < 300_000);
    console.log(
      `  eager listing of the whole prefix (${total.toLocaleString("en-US")} objects in ${pages} calls of 1,000${cursor ? ", stopped after 5 minutes" : ""}): ${fmt(ms(t))}`,
    );
  } finally {
    await server.close();
  }
}

async function benchLocal() {
  const root = mkdtempSync(path.join(os.tmpdir(), "portal-bench-lake-"));
  try {
    const dir = path.join(root, BUCKET, PREFIX);
    mkdirSync(dir, { recursive: true });
    let t = process.hrtime.bigint();
    for (let i = 0; i < OBJECTS; i++) writeFileSync(path.join(root, BUCKET, keyOf(i)), `{"n":${i}}`);
    console.log(`\nlocal folder: ${OBJECTS.toLocaleString("en-US")} files ready in ${(ms(t) / 1000).toFixed(1)} s`);
    const store = new LocalObjectStore({ root, signingSecret: () => "bench".repeat(8) });
    await store.init();
    const adapter: Lister = async (cursor) => {
      const page = await store.list(BUCKET, { prefix: PREFIX, delimiter: "/", maxKeys: PAGE_SIZE, continuationToken: cursor ?? undefined });
      return { count: page.objects.length + page.prefixes.length, next: page.nextContinuationToken };
    };
    // Cold first page: the folder's name list is read and sorted once, then cached by mtime.
    t = process.hrtime.bigint();
    const portal = await portalLister(store);
    await portal(null);
    const cold = ms(t);
    report("Local-folder adapter: portal procedure vs the adapter's own list()", await race(portal, adapter, PAGES));
    console.log(`  cold first page (folder not yet cached): ${fmt(cold)}`);

    t = process.hrtime.bigint();
    let cursor: string | null = null;
    let total = 0;
    do {
      const page = await store.list(BUCKET, { prefix: PREFIX, delimiter: "/", maxKeys: 1000, continuationToken: cursor ?? undefined });
      total += page.objects.length;
      cursor = page.nextContinuationToken;
    } while (cursor);
    console.log(`  eager listing of the whole prefix (${total.toLocaleString("en-US")} objects, what a load-everything browser waits for): ${fmt(ms(t))}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The real portal against the test S3 server, and a signed-in tRPC lister over HTTP. */
async function startPortal(endpoint: string) {
  const port = 3455;
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-bench-data-"));
  const mode = values.mode === "production" ? "production" : "development";
  if (mode === "production" && !existsSync(".next/BUILD_ID")) throw new Error("--mode production needs a build: run npm run build first");
  const admin = { email: "bench@example.com", password: "bench-password-123" };
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      PORTAL_DATA_DIR: dataDir,
      PORTAL_ADMIN_EMAIL: admin.email,
      PORTAL_ADMIN_PASSWORD: admin.password,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      NODE_ENV: mode,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode}`);
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error("the portal did not start within 4 minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
    // Sign in as a browser does: next-auth's CSRF token, then the credentials callback.
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = new Map<string, string>();
    const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0]!, c.split(";")[0]!));
    keep(csrf);
    const cookie = () => [...jar.values()].join("; ");
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password, json: "true" }),
    });
    keep(signIn);
    if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${signIn.status})`);
    return {
      mode,
      stop,
      lister: async (): Promise<Lister> => async (cursor) => {
        const input = { json: { bucket: BUCKET, prefix: PREFIX, cursor, pageSize: PAGE_SIZE } };
        const response = await fetch(`${base}/api/trpc/buckets.objects?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie: cookie() } });
        const body = (await response.json()) as { result?: { data: { json: { objects: unknown[]; folders: unknown[]; nextCursor: string | null } } }; error?: unknown };
        if (!body.result) throw new Error(`buckets.objects failed over HTTP (${response.status}): ${JSON.stringify(body.error).slice(0, 300)}`);
        const page = body.result.data.json;
        return { count: page.objects.length + page.folders.length, next: page.nextCursor };
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

await benchS3();
await benchLocal();
process.exit(0);
