// Connection status across replicas, on PGlite and PostgreSQL: two live-connection watchers in
// this process, each reporting as its own replica, plus rows for a replica that went quiet.
// Admin › Connections' list says how many live replicas applied the current version and which
// replica failed what (here: one where the name is taken by an environment engine, one whose
// background check cannot reach the server); a stale replica is not counted; a cleanly stopped
// one drops out at once; a changed connection is "pending" on a replica until it applied it.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import { createPrismaClient, type Db } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { createConnection, listConnections, updateConnection } from "./connections";
import { startLiveConnections, type LiveConnections } from "./live";
import { trinoSettings } from "./schemas";
import { REPLICA_STALE_MS } from "./replica-status";

const WAIT = { timeout: 20_000, interval: 50 };

await describeOnDatabases("connection status across replicas on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let second: Db;
  let admin: CurrentUser;
  const started: LiveConnections[] = [];
  const ctx = () => ({ user: admin, ip: null, db: database.db });
  const start = (db: Db, id: string, reserved: string[], checkAfterBuild: boolean) => {
    const live = startLiveConnections({
      db,
      reservedEngineIds: new Set(reserved),
      environmentStore: false,
      intervalMs: 50,
      heartbeatMs: 100,
      checkAfterBuild,
      replica: { id, host: `${id}.pods` },
      onSnapshot: () => {},
    });
    started.push(live);
    return live;
  };
  const stored = async () => (await listConnections({ ctx: ctx(), input: undefined })).find((c) => c.source === "database")!;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    second = createPrismaClient(database.url, 1, { connectionWaitMs: 60_000 });
    admin = await createTestUser(database.db, "admin@example.com", "admin");
  }, 60_000);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((l) => l.stop()));
  });
  afterAll(async () => {
    await second?.$disconnect();
    await database?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    await database.db.$executeRaw`TRUNCATE connections, connection_replicas, audit_events`;
  });

  it.skipIf(skip)("counts the live replicas that applied the current version and names what failed where", { timeout: 60_000 }, async () => {
    // Nothing to report before any replica runs: no cluster line.
    const input = { name: "trino", kind: "trino" as const, enabled: true, settings: trinoSettings.parse({ url: "http://127.0.0.1:9/", auth: "none" }) };
    const created = await createConnection({ ctx: ctx(), input });
    expect((await stored()).cluster).toBeNull();

    // A: checks after building (nothing listens on port 9); B: "trino" is its TRINO_URL engine.
    const a = start(database.db, "replica-a", ["duckdb"], true);
    const b = start(second, "replica-b", ["duckdb", "trino"], false);
    await Promise.all([a.ready, b.ready]);
    // A replica that went quiet long ago is not counted.
    await database.db.connectionReplica.create({
      data: { replicaId: "replica-gone", host: "gone.pods", appliedRevision: 1n, statuses: {}, heartbeatAt: new Date(Date.now() - 2 * REPLICA_STALE_MS) },
    });

    await vi.waitFor(async () => {
      const { cluster } = await stored();
      expect(cluster).toEqual({
        replicas: 2,
        appliedOn: 2,
        problems: [
          { replica: "replica-a", host: "replica-a.pods", problem: "check-failed", message: expect.stringMatching(/^Connect: /) as string },
          { replica: "replica-b", host: "replica-b.pods", problem: "failed", message: "“trino” is the id of an engine from environment variables; rename this connection." },
        ],
      });
    }, WAIT);

    // A change is pending on a replica until it has applied the new version, then counted again.
    const updated = await updateConnection({ ctx: ctx(), input: { id: created.id, version: created.version, ...input, name: "trino-lakehouse" } });
    expect(updated.version).toBe(created.version + 1);
    await vi.waitFor(async () => {
      const { cluster } = await stored();
      expect(cluster).toMatchObject({ replicas: 2, appliedOn: 2 });
      // Renamed: B no longer clashes; A's check still cannot reach the server.
      expect(cluster!.problems.map((p) => [p.replica, p.problem])).toEqual([["replica-a", "check-failed"]]);
    }, WAIT);

    // A clean stop removes the replica from the count at once.
    await b.stop();
    expect((await stored()).cluster).toMatchObject({ replicas: 1, appliedOn: 1 });
    expect(await database.db.connectionReplica.findMany({ select: { replicaId: true }, orderBy: { replicaId: "asc" } })).toEqual([
      { replicaId: "replica-a" },
      { replicaId: "replica-gone" },
    ]);
  });

  it.skipIf(skip)("a replica that has not applied a version yet is listed as pending", async () => {
    const created = await createConnection({
      ctx: ctx(),
      input: { name: "pending", kind: "trino", enabled: true, settings: trinoSettings.parse({ url: "http://127.0.0.1:9/", auth: "none" }) },
    });
    // Another replica's row, alive, that still reports the connection's previous version.
    await database.db.connectionReplica.create({
      data: {
        replicaId: "replica-slow",
        host: "slow.pods",
        appliedRevision: 0n,
        statuses: { [created.id]: { version: created.version - 1, state: "in-use", message: null, check: null } },
      },
    });
    expect((await stored()).cluster).toEqual({ replicas: 1, appliedOn: 0, problems: [{ replica: "replica-slow", host: "slow.pods", problem: "pending", message: null }] });
  });
});
