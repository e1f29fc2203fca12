// Several replicas behave as one: three portal processes on one fresh PostgreSQL database behind
// a real load balancer (Debian's haproxy, round robin, health-checked on /api/health/ready).
// Shows: a session signed in on one replica works on the others; first-start work and the
// background jobs run once, not once per replica; SIGKILL of a replica during OpenLineage
// ingestion loses and duplicates nothing once clients retry; a rolling restart (SIGTERM, drain,
// start again) under a bounded load fails no request.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
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
test.setTimeout(420_000);

let database: { name: string; url: string } | undefined;
const replicas: (PortalProcess | undefined)[] = [];
let haproxy: ChildProcess | undefined;

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
    LOG_LEVEL: "warn",
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

function lineageEvent(runId: string, eventType: "START" | "COMPLETE", job: string) {
  return {
    eventType,
    eventTime: new Date().toISOString(),
    run: { runId },
    job: { namespace: "replica-test", name: job },
    inputs: [],
    outputs: [],
    producer: "https://example.com/replica-test",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  };
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

test("three replicas on one PostgreSQL behind haproxy behave as one", async () => {
  await test.step("a fresh database, three replicas started together, a load balancer", async () => {
    testStart = new Date();
    const name = `portal_replicas_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    database = { name, url: url.toString() };
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

  await test.step("SIGKILL of a replica during OpenLineage ingestion: after retries nothing is lost or duplicated", async () => {
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
    replicas[1]!.child.kill("SIGKILL");
    await sending;
    await replicas[1]!.exited;
    const stored = await admin(async (c) => ({
      raw: (await c.query(`SELECT count(*)::int AS n, count(DISTINCT event_hash)::int AS d FROM lineage_raw_events WHERE job_namespace = 'replica-test'`)).rows[0] as {
        n: number;
        d: number;
      },
      runs: (
        await c.query(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE r.state = 'COMPLETE')::int AS complete FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces ns ON ns.id = j.namespace_id WHERE ns.name = 'replica-test'`,
        )
      ).rows[0] as { n: number; complete: number },
    }));
    expect(stored.raw).toEqual({ n: events.length, d: events.length });
    expect(stored.runs).toEqual({ n: runs.length, complete: runs.length });
    replicas[1] = await startReplica(1); // back to three
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
