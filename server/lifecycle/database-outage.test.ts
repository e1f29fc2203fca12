// The database disappears in the middle of a rolling restart. A real replica (node --import tsx
// server/main.ts, the production build) runs on a fresh PostgreSQL database reached through a
// TCP proxy that the test kills, as a crashed or failed-over database server would drop every
// connection. The replica must stay up (liveness), leave the load balancer (readiness 503 with
// the reason), answer 503 (never 500, never a silent loss) to an OpenLineage producer so that it
// retries; the next pod of the rollout must refuse to start with exit 69; when the database is
// back the replica is ready again on its own and the retried events are stored exactly once; and
// a SIGTERM while the database is gone still ends in a clean exit 0. The replica logs one line
// when it leaves the load balancer, with the reason, and one when it returns.
import { existsSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../testing/databases";
import { createTestUser } from "../testing/expectations";
import { TcpProxy } from "../testing/tcp-proxy";
import { createToken } from "../auth/api-tokens";
import { DATABASE_UNAVAILABLE_MESSAGE } from "../errors";
import { startPortal, waitForLog, type PortalProcess } from "../../e2e/portal-processes";
import { freePort } from "../../scripts/lib/portal-process";

const available = await postgresAvailable();
/** The replica serves the production build; `npm run build` (or an e2e run) makes it. */
const built = existsSync(path.join(process.cwd(), ".next/BUILD_ID"));
const KEY = "c".repeat(64);

const event = (runId: string) => ({
  eventType: "START",
  eventTime: new Date().toISOString(),
  run: { runId },
  job: { namespace: "outage-test", name: "nightly" },
  inputs: [],
  outputs: [],
  producer: "https://example.com/outage-test",
  schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
});

let database: TestDatabase | undefined;
let proxy: TcpProxy | undefined;
const portals: PortalProcess[] = [];
afterAll(async () => {
  for (const p of portals) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await proxy?.kill();
  await database?.close();
});

describe.skipIf(!available || !built)("a replica whose database disappears mid rolling restart", () => {
  it(
    "stays alive but unready, answers 503 so producers retry, keeps the next pod from starting (69), recovers by itself, stores each retried event once, and still stops cleanly",
    { timeout: 300_000 },
    async () => {
      database = await createTestDatabase("postgres");
      const target = new URL(database.url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      await proxy.start();
      const proxied = new URL(database.url);
      proxied.port = String(proxy.port);
      const editor = await createTestUser(database.db, "outage-editor@example.com", "editor");
      const { token } = await createToken({ ctx: { user: editor, ip: null, db: database.db }, input: { name: "producer", scopes: ["lineage:write"], expiresInDays: 1 } });
      const env = {
        DATABASE_URL: proxied.toString(),
        PORTAL_SECRET_KEY: KEY,
        PORTAL_SHUTDOWN_SECONDS: "5",
        CATALOG_CRAWL_INTERVAL_MINUTES: "0",
        PORTAL_DEMO_PIPELINE_MINUTES: "0",
        // Background jobs keep running through the outage: they must not take the process down.
        PORTAL_ALERTS_EVALUATE_SECONDS: "1",
        SQL_RESULT_SWEEP_SECONDS: "1",
      };
      const replica = await startPortal({ port: await freePort(), env });
      portals.push(replica);
      // A producer retries with the same bytes: one body per run id, made once.
      const bodies = new Map<string, string>();
      const send = (runId: string) => {
        if (!bodies.has(runId)) bodies.set(runId, JSON.stringify(event(runId)));
        return fetch(`${replica.url}/api/v1/lineage`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: bodies.get(runId),
        });
      };
      const stored = async (runId: string) => database!.db.lineageRawEvent.count({ where: { runId } });

      const before = randomUUID();
      expect((await send(before)).status).toBe(201);

      await proxy.kill(); // the database is gone

      const ready = await fetch(`${replica.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/^database unavailable/);
      expect((await fetch(`${replica.url}/api/health/live`)).status).toBe(200); // not restarted by the kubelet
      expect(await waitForLog(replica, "replica not ready")).toMatchObject({ level: 40, reason: expect.stringMatching(/^database unavailable/) as string });

      const during = randomUUID();
      const refused = await send(during);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE });

      // The rollout's next pod starts now: it refuses with 69 and a message naming the database.
      const next = await startPortal({ port: await freePort(), env, waitFor: "nothing" });
      portals.push(next);
      expect(await next.exited).toBe(69);
      expect(next.output()).toContain(`Cannot reach the database at 127.0.0.1:${proxy.port}/`);

      // Several periods of the background jobs later, the running replica is still up.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(replica.child.exitCode).toBeNull();
      expect(await stored(during)).toBe(0);

      await proxy.start(); // the database is back, on the same address
      await expect.poll(async () => (await fetch(`${replica.url}/api/health/ready`)).status, { timeout: 60_000, interval: 500 }).toBe(200);
      await waitForLog(replica, "replica ready again");
      expect(replica.logs().filter((l) => l.msg === "replica not ready")).toHaveLength(1); // one line per outage, not one per probe
      // The producer retries (twice: it never saw the first retry's answer): stored once.
      expect((await send(during)).status).toBe(201);
      expect((await send(during)).status).toBe(201);
      expect(await stored(during)).toBe(1);
      expect(await stored(before)).toBe(1);

      // Gone again, and the replica is stopped (the rollout replaces it): it still exits 0.
      await proxy.kill();
      replica.child.kill("SIGTERM");
      expect(await replica.exited).toBe(0);
      await waitForLog(replica, "stopped");
    },
  );
});
