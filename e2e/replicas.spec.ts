// Several replicas behave as one: three portal processes on one fresh PostgreSQL database behind
// a real load balancer (Debian's haproxy, round robin, health-checked on /api/health/ready).
// Kept results live in one S3 bucket (s3rver on loopback), as in production.
// Shows: a session signed in on one replica works on the others; first-start work and the
// background jobs (crawl, demo pipeline, result sweeper, alert evaluator) run once, not once per
// replica; a setting changed through one replica is used by the others within seconds; SIGKILL of
// a replica during a long result stream and during OpenLineage ingestion loses and duplicates
// nothing once clients retry; a rolling restart (SIGTERM, drain, start again) under a bounded load
// fails no request.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from "../server/storage/testing/s3-server";
import { signInCookie, startPortal, tempDataDir, waitUntilReady, type PortalProcess } from "./portal-processes";

const HAPROXY = "/usr/sbin/haproxy";
const PG_ADMIN_URL = process.env.PORTAL_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const LB_PORT = 3490;
const REPLICA_PORTS = [3491, 3492, 3493];
const ADMIN = { email: "admin@replicas.test", password: "replicas-admin-password" };

const haveHaproxy = spawnSync(HAPROXY, ["-v"]).status === 0;
async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
const havePostgres = await postgresAnswers();

test.describe.configure({ mode: "serial" });
test.skip(!haveHaproxy || !havePostgres, "needs haproxy and PostgreSQL on 127.0.0.1:5432 (scripts/prepare-test-machine.sh installs them)");
test.setTimeout(600_000); // a cap for a loaded machine; on a quiet one the spec takes about 4 minutes

let database: { name: string; url: string } | undefined;
const replicas: (PortalProcess | undefined)[] = [];
let haproxy: ChildProcess | undefined;
let s3: TestS3Server | undefined;
const RESULT_BUCKET = "portal-results";

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database ? database.url : PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function replicaEnv(): Record<string, string> {
  return {
    DATABASE_URL: database!.url,
    PORTAL_SECRET_KEY: SECRET_KEY,
    PORTAL_ADMIN_EMAIL: ADMIN.email,
    PORTAL_ADMIN_PASSWORD: ADMIN.password,
    PORTAL_SHUTDOWN_SECONDS: "10",
    CATALOG_CRAWL_INTERVAL_MINUTES: "60",
    PORTAL_DEMO_PIPELINE_MINUTES: "1", // due every minute: over the test, each period's run must happen once
    PORTAL_ALERTS_EVALUATE_SECONDS: "2",
    PORTAL_ALERTS_ALLOW_PRIVATE: "true", // the webhook receiver is on loopback
    SQL_RESULT_SWEEP_SECONDS: "2",
    S3_ENDPOINT: s3!.endpoint,
    S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    SQL_RESULT_BUCKET: RESULT_BUCKET,
    LOG_LEVEL: "info", // the sweeper's "expired query results removed" lines are counted
  };
}
const SECRET_KEY = randomBytes(32).toString("base64");

// A replica keeps its scratch folder across restarts (as a pod's volume would across container restarts).
const dataDirs = REPLICA_PORTS.map((_, i) => tempDataDir(`replica${i + 1}`));
function startReplica(index: number, wait: "ready" | "nothing" = "ready"): Promise<PortalProcess> {
  return startPortal({ port: REPLICA_PORTS[index]!, dataDir: dataDirs[index]!, env: replicaEnv(), waitFor: wait });
}
let testStart = new Date();

const DEMO_RUNS = `SELECT r.started_at FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces ns ON ns.id = j.namespace_id
  WHERE ns.name = 'portal' AND j.name = 'demo_lakehouse' ORDER BY r.started_at`;

function startHaproxy(): ChildProcess {
  const dir = tempDataDir("haproxy");
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(
    config,
    [
      "global",
      "  maxconn 512",
      "defaults",
      "  mode http",
      "  timeout connect 2s",
      "  timeout client 120s",
      "  timeout server 120s",
      // A request that hits a replica which just stopped or died is sent to another one.
      "  retries 3",
      "  option redispatch 1",
      "  retry-on conn-failure empty-response response-timeout",
      "frontend portal",
      `  bind 127.0.0.1:${LB_PORT}`,
      "  default_backend replicas",
      "backend replicas",
      "  balance roundrobin",
      "  option httpchk GET /api/health/ready",
      "  http-check expect status 200",
      "  http-response set-header X-Replica %s",
      "  default-server inter 300ms fall 1 rise 2",
      ...REPLICA_PORTS.map((port, i) => `  server r${i + 1} 127.0.0.1:${port} check`),
      "",
    ].join("\n"),
  );
  const child = spawn(HAPROXY, ["-db", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  return child;
}

test.afterAll(async () => {
  for (const replica of replicas) if (replica && replica.child.exitCode === null) replica.child.kill("SIGKILL");
  await Promise.all(replicas.map((r) => r?.exited));
  haproxy?.kill("SIGKILL");
  await s3?.close();
  if (database) {
    const name = database.name;
    database = undefined;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
});

const LB = `http://127.0.0.1:${LB_PORT}`;

async function session(url: string, cookie: string): Promise<{ email?: string; replica: string | null }> {
  const res = await fetch(`${url}/api/auth/session`, { headers: { cookie } });
  const body = (await res.json()) as { user?: { email?: string } };
  return { email: body.user?.email, replica: res.headers.get("x-replica") };
}

function lineageEvent(runId: string, eventType: "START" | "COMPLETE" | "FAIL", job: string, namespace = "replica-test") {
  return {
    eventType,
    eventTime: new Date().toISOString(),
    run: { runId },
    job: { namespace, name: job },
    inputs: [],
    outputs: [],
    producer: "https://example.com/replica-test",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  };
}

/** A tRPC call as the browser makes it (superjson envelope); throws with the server's message. */
async function trpc<T>(url: string, cookie: string, procedure: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const res =
    kind === "query"
      ? await fetch(`${url}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } })
      : await fetch(`${url}/api/trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, origin: url },
          body: JSON.stringify({ json: input }),
        });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!res.ok || !body.result) throw new Error(`${procedure} failed (${res.status}): ${body.error?.json.message ?? "no message"}`);
  return body.result.data.json;
}

/** A webhook receiver on loopback that records every message it is sent. */
async function startReceiver() {
  const received: { delivery: string; runId: string | null; title: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { runId?: string | null; title?: string };
      received.push({ delivery: String(req.headers["x-portal-delivery"]), runId: json.runId ?? null, title: json.title ?? "" });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Every file under a folder (s3rver keeps one file per object, named after its key). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Sends one event through the load balancer as a client would: retries until it is accepted. */
async function sendWithRetries(event: unknown, cookie: string): Promise<number> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const ok = await fetch(`${LB}/api/v1/lineage`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: LB }, body: JSON.stringify(event) }).then(
      (r) => r.status < 300,
      () => false,
    );
    if (ok) return attempt;
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
  throw new Error("an event was never accepted");
}

const MB = 1024 * 1024;

/** The rows the sweepers said they removed, summed over the running replicas' logs. */
function sweptResults(): number {
  return replicas
    .flatMap((replica) => replica?.logs() ?? [])
    .filter((line) => line.msg === "expired query results removed")
    .reduce((sum, line) => sum + Number(line.expired ?? 0), 0);
}

const STREAM_ROWS = 1_000_000;

/**
 * Starts downloading STREAM_ROWS rows as CSV through the load balancer (each row 40 bytes of
 * padding, so about 48 MB). countRest reads the rest and checks that every row came exactly once.
 */
async function downloadRows() {
  const res = await fetch(`${LB}/api/sql/download`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: adminCookie, origin: LB },
    body: JSON.stringify({ engineId: "duckdb", sql: `SELECT i, repeat('x', 40) AS pad FROM range(${STREAM_ROWS}) t(i)`, format: "csv" }),
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  return {
    replica: res.headers.get("x-replica"),
    reader,
    async countRest(already?: Uint8Array): Promise<{ rows: number; duplicates: number; missing: number; error?: string }> {
      const seen = new Uint8Array(STREAM_ROWS);
      const decoder = new TextDecoder();
      let rows = 0;
      let duplicates = 0;
      let header = true;
      let partial = "";
      const take = (chunk: Uint8Array) => {
        const lines = (partial + decoder.decode(chunk, { stream: true })).split("\n");
        partial = lines.pop()!;
        for (const line of lines) {
          if (header) {
            header = false;
            continue;
          }
          const i = Number.parseInt(line, 10);
          if (seen[i]) duplicates++;
          seen[i] = 1;
          rows++;
        }
      };
      let error: string | undefined;
      try {
        if (already) take(already);
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          take(value);
        }
      } catch (err) {
        error = (err as Error).message;
      }
      return { rows, duplicates, missing: STREAM_ROWS - seen.reduce((n, v) => n + v, 0), ...(error ? { error } : {}) };
    },
  };
}
let adminCookie = "";

test("three replicas on one PostgreSQL behind haproxy behave as one", async () => {
  await test.step("a fresh database, three replicas started together, a load balancer", async () => {
    testStart = new Date();
    const name = `portal_replicas_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    database = { name, url: url.toString() };
    s3 = await startS3Server({ buckets: [RESULT_BUCKET, "raw"] });
    // Started at once: migrations, the first admin and the session secret must each happen once.
    replicas.push(...(await Promise.all(REPLICA_PORTS.map((_, i) => startReplica(i)))));
    haproxy = startHaproxy();
    await expect
      .poll(
        () =>
          fetch(`${LB}/api/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 20_000 },
      )
      .toBe(200);
    const counts = await admin(async (c) => ({
      admins: (await c.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [ADMIN.email])).rows[0].n as number,
      migrations: (await c.query(`SELECT count(*)::int AS n, count(DISTINCT migration_name)::int AS d FROM "_prisma_migrations"`)).rows[0] as { n: number; d: number },
      secrets: (await c.query(`SELECT count(*)::int AS n FROM portal_settings WHERE key IN ('auth.session_secret', 'secrets.key_id')`)).rows[0].n as number,
    }));
    expect(counts.admins).toBe(1);
    expect(counts.migrations.n).toBe(counts.migrations.d);
    expect(counts.secrets).toBe(2);
  });

  let cookie = "";
  await test.step("a session signed in through one replica works on the others", async () => {
    cookie = await signInCookie(replicas[0]!.url, ADMIN.email, ADMIN.password);
    adminCookie = cookie;
    for (const replica of replicas) expect((await session(replica!.url, cookie)).email).toBe(ADMIN.email);
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const answer = await session(LB, cookie);
      expect(answer.email).toBe(ADMIN.email);
      seen.add(answer.replica ?? "?");
    }
    expect([...seen].sort()).toEqual(["r1", "r2", "r3"]); // round robin reached every replica
  });

  await test.step("start-up work ran once across the replicas: the first crawl, the demo history backfill", async () => {
    // Every replica's scheduler ticks within seconds of start; give them time to race.
    await new Promise((r) => setTimeout(r, 15_000));
    const effects = await admin(async (c) => ({
      crawls: (await c.query(`SELECT engine_id, count(*)::int AS n FROM catalog_crawl_runs GROUP BY engine_id`)).rows as { engine_id: string; n: number }[],
      demo: (await c.query(DEMO_RUNS)).rows as { started_at: Date }[],
    }));
    expect(effects.crawls.length).toBeGreaterThan(0);
    for (const crawl of effects.crawls) expect(crawl, `crawls of ${crawl.engine_id}`).toMatchObject({ n: 1 });
    // The backfilled history (runs before this test began): once, not once per replica.
    const history = effects.demo.filter((r) => r.started_at < testStart);
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history.map((r) => r.started_at.getTime())).size).toBe(history.length);
  });

  await test.step("a setting changed through one replica is used by the others within seconds", async () => {
    const upload = (url: string, key: string) =>
      fetch(`${url}/api/storage/upload?bucket=raw&key=${key}`, {
        method: "PUT",
        headers: { cookie, origin: url, "content-type": "application/octet-stream" },
        body: randomBytes(2 * MB),
      }).then((r) => r.status);
    const limitOn = (url: string) => trpc<{ maxBytes: number }>(url, cookie, "buckets.uploadLimit", { bucket: "raw" }, "query").then((l) => l.maxBytes);
    expect(await upload(replicas[2]!.url, "replica-test/before.bin")).toBe(201); // 2 MB passes the default limit
    // Admin › Settings on replica 1: "Largest upload" down to 1 MB.
    const settings = await trpc<{ key: string; version: number }[]>(replicas[0]!.url, cookie, "settings.list", undefined, "query");
    const version = settings.find((setting) => setting.key === "uploads.maxMB")!.version;
    await trpc(replicas[0]!.url, cookie, "settings.update", { key: "uploads.maxMB", value: 1, version }, "mutation");
    for (const replica of replicas.slice(1)) {
      await expect.poll(() => limitOn(replica!.url), { timeout: 10_000, intervals: [250] }).toBe(MB);
      expect(await upload(replica!.url, `replica-test/after-${replica!.port}.bin`), `an upload to ${replica!.url}`).toBe(413);
    }
    const stored = filesUnder(path.join(s3!.directory, "raw"));
    expect(stored.some((f) => f.includes("before.bin"))).toBe(true);
    expect(stored.filter((f) => f.includes("after-"))).toEqual([]);
  });

  await test.step("the result sweeper removes each expired result once, one replica sweeping at a time", async () => {
    // Kept results of workbench runs through the load balancer, so every replica kept some.
    const runIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${LB}/api/sql/execute`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: LB },
        body: JSON.stringify({ engineId: "duckdb", sql: `SELECT i, ${i} AS attempt FROM range(50) t(i)` }),
      });
      expect(res.status).toBe(200);
      const events = (await res.text())
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { type: string; runId?: string });
      expect(events.map((e) => e.type)).toContain("stored");
      runIds.push(events.find((e) => e.type === "run")!.runId!);
    }
    const keptObjects = () => filesUnder(path.join(s3!.directory, RESULT_BUCKET)).filter((file) => runIds.some((id) => file.includes(id)));
    const stillKept = async () =>
      (await admin((c) => c.query(`SELECT count(*)::int AS n FROM query_runs WHERE id::text = ANY($1) AND result_key IS NOT NULL`, [runIds]))).rows[0].n as number;
    expect(await stillKept()).toBe(runIds.length);
    expect(keptObjects().length).toBeGreaterThanOrEqual(runIds.length);
    const sweptBefore = sweptResults();

    await admin((c) => c.query(`UPDATE query_runs SET result_expires_at = now() - interval '1 second' WHERE id::text = ANY($1)`, [runIds]));
    await expect.poll(stillKept, { timeout: 20_000 }).toBe(0);
    expect(keptObjects()).toEqual([]);
    await new Promise((r) => setTimeout(r, 5_000)); // more periods pass on every replica
    // Counted once: replicas sweeping together would each delete and count the same results.
    expect(sweptResults() - sweptBefore).toBe(runIds.length);
  });

  await test.step("the alert evaluator fires each alert once across the replicas", async () => {
    const receiver = await startReceiver();
    try {
      const namespace = "replica-alerts";
      const channel = await trpc<{ id: string }>(
        LB,
        cookie,
        "alerts.createChannel",
        { name: "replica receiver", kind: "json", url: receiver.url, secret: "replica-test-signing-secret" },
        "mutation",
      );
      const rule = await trpc<{ id: string }>(
        LB,
        cookie,
        "alerts.createRule",
        { name: "replica jobs failed", kind: "job_failed", scopeKind: "namespace", scopeValue: namespace, channelIds: [channel.id] },
        "mutation",
      );
      const failing = Array.from({ length: 5 }, (_, i) => ({ runId: randomUUID(), job: `failing-${i}` }));
      for (const run of failing) {
        await sendWithRetries(lineageEvent(run.runId, "START", run.job, namespace), cookie);
        await sendWithRetries(lineageEvent(run.runId, "FAIL", run.job, namespace), cookie);
      }
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(failing.length);
      await new Promise((r) => setTimeout(r, 8_000)); // four more evaluation periods on three replicas: nothing fires again
      expect(receiver.received.length).toBe(failing.length);
      expect(new Set(receiver.received.map((m) => m.delivery)).size).toBe(failing.length);
      expect(new Set(receiver.received.map((m) => m.runId)).size).toBe(failing.length);
      const incidents = await admin((c) => c.query(`SELECT count(*)::int AS n FROM alert_incidents WHERE rule_id = $1`, [rule.id]));
      expect(incidents.rows[0].n).toBe(failing.length);
    } finally {
      await receiver.close();
    }
  });

  await test.step("SIGKILL of a replica serving a 1,000,000-row stream and receiving OpenLineage events: after retries nothing is lost or duplicated", async () => {
    // The stream: far larger than the sockets' buffers, read slowly, so the replica is still sending when it dies.
    const first = await downloadRows();
    const serving = REPLICA_PORTS.findIndex((_, i) => first.replica === `r${i + 1}`);
    expect(serving, `x-replica ${first.replica}`).toBeGreaterThanOrEqual(0);
    const firstChunk = await first.reader.read();
    expect(firstChunk.done).toBe(false);

    // The burst: events sent through the load balancer, four at a time, each retried until acknowledged.
    const runs = Array.from({ length: 60 }, (_, i) => ({ runId: randomUUID(), job: `job-${i}` }));
    const events = runs.flatMap((r) => [lineageEvent(r.runId, "START", r.job), lineageEvent(r.runId, "COMPLETE", r.job)]);
    let sent = 0;
    const sending = (async () => {
      const pending = new Set<Promise<unknown>>();
      for (const event of events) {
        const p = sendWithRetries(event, cookie).then(() => {
          sent++;
          pending.delete(p);
        });
        pending.add(p);
        if (pending.size >= 4) await Promise.race(pending);
      }
      await Promise.all(pending);
    })();
    await expect.poll(() => sent, { timeout: 60_000 }).toBeGreaterThan(20);
    const killed = replicas[serving]!;
    killed.child.kill("SIGKILL");

    const cutShort = await first.countRest(firstChunk.value!);
    expect(cutShort.error, "the first download ends with an error, not a short file taken as whole").toBeDefined();
    expect(cutShort.rows).toBeLessThan(STREAM_ROWS);
    // The client retries the download through the load balancer: another replica runs it again.
    const retried = await downloadRows();
    expect(retried.replica).not.toBe(first.replica);
    const whole = await retried.countRest();
    expect(whole.error).toBeUndefined();
    expect(whole).toMatchObject({ rows: STREAM_ROWS, duplicates: 0, missing: 0 });

    await sending;
    await killed.exited;
    const stored = await admin(async (c) => ({
      raw: (await c.query(`SELECT count(*)::int AS n, count(DISTINCT event_hash)::int AS d FROM lineage_raw_events WHERE job_namespace = 'replica-test'`)).rows[0] as {
        n: number;
        d: number;
      },
      // Every event (run id × event type) stored exactly once.
      events: (
        await c.query(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE copies <> 1)::int AS not_once FROM (SELECT run_id, event_type, count(*) AS copies FROM lineage_raw_events WHERE job_namespace = 'replica-test' GROUP BY 1, 2) e`,
        )
      ).rows[0] as { n: number; not_once: number },
      runs: (
        await c.query(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE r.state = 'COMPLETE')::int AS complete FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces ns ON ns.id = j.namespace_id WHERE ns.name = 'replica-test'`,
        )
      ).rows[0] as { n: number; complete: number },
    }));
    expect(stored.raw).toEqual({ n: events.length, d: events.length });
    expect(stored.events).toEqual({ n: events.length, not_once: 0 });
    expect(stored.runs).toEqual({ n: runs.length, complete: runs.length });
    replicas[serving] = await startReplica(serving); // back to three
  });

  await test.step("a rolling restart under a bounded load fails no request", async () => {
    const failures: string[] = [];
    let answered = 0;
    let loading = true;
    const load = (async () => {
      while (loading) {
        await Promise.all(
          Array.from({ length: 3 }, () =>
            session(LB, cookie).then(
              (s) => {
                answered++;
                if (s.email !== ADMIN.email) failures.push(`no session from ${s.replica}`);
              },
              (err: unknown) => failures.push(String(err)),
            ),
          ),
        );
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    for (let i = 0; i < replicas.length; i++) {
      const old = replicas[i]!;
      old.child.kill("SIGTERM");
      expect(await old.exited).toBe(0);
      const fresh = await startReplica(i, "nothing");
      await waitUntilReady(fresh);
      replicas[i] = fresh;
      await new Promise((r) => setTimeout(r, 1_000)); // haproxy marks it up (rise 2 × 300 ms)
    }
    loading = false;
    await load;
    expect(answered).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  await test.step("the scheduled demo pipeline ran once per period across the replicas", async () => {
    const demo = (await admin((c) => c.query(DEMO_RUNS))).rows as { started_at: Date }[];
    // Each replica records its own first build of its local demo lakehouse at start (one run per
    // replica, server/engines/registry.ts); the scheduled runs come after those.
    const recent = demo.filter((r) => r.started_at >= testStart).map((r) => r.started_at.getTime());
    const scheduled = recent.slice(REPLICA_PORTS.length);
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < scheduled.length; i++) expect(scheduled[i]! - scheduled[i - 1]!, "ms between two scheduled runs").toBeGreaterThanOrEqual(50_000);
  });
});
