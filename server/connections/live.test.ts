// Connections take effect on every replica: two "replicas" — two live-connection watchers, each on
// its own database client — on PGlite and on PostgreSQL. A Trino connection created through one is
// used by the other (SELECT 1 against the in-process Trino protocol server), as the signed-in user
// or as its own user, with basic or JWT auth; a disabled one disappears from both; a broken one is
// listed with its error while the others keep working; a replaced engine lets its running query
// finish; one S3 connection is the object store. Waits are on the replicas' own snapshots (with
// the test's timeout as the only clock).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import { createPrismaClient, type Db } from "../db/client";
import { generateSecretKeyText, parseSecretKey, setSecretKey } from "../secrets";
import { TrinoProtocolServer } from "../engines/testing/trino-protocol-server";
import { startS3Server, S3RVER_CREDENTIALS, type TestS3Server } from "../storage/testing/s3-server";
import { collect } from "../engines/contract";
import type { CurrentUser } from "../auth/current-user";
import { createConnection, listConnections, updateConnection } from "./connections";
import { startLiveConnections, type LiveConnections, type LiveSnapshot } from "./live";
import { setLiveConnections } from "./live-slot";
import { airflowSettings, s3Settings, trinoSettings } from "./schemas";
import { composeRegistry } from "../engines/registry";
import { startFakeAirflow, type FakeAirflow } from "../orchestrators/airflow/testing/fake-airflow";

const PASSWORD = "replica-pass-not-logged";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwb3J0YWwifQ.c2lnbmF0dXJl";

type Replica = { live: LiveConnections; snapshots: LiveSnapshot[]; waiters: { until: (s: LiveSnapshot) => boolean; resolve: (s: LiveSnapshot) => void }[] };

function startReplica(db: Db, reserved: string[] = ["duckdb"], environmentOrchestrator = false): Replica {
  const replica: Replica = { live: undefined as never, snapshots: [], waiters: [] };
  replica.live = startLiveConnections({
    db,
    reservedEngineIds: new Set(reserved),
    environmentStore: false,
    environmentOrchestrator,
    intervalMs: 100,
    checkAfterBuild: false,
    onSnapshot: (snapshot) => {
      replica.snapshots.push(snapshot);
      for (const w of [...replica.waiters])
        if (w.until(snapshot)) {
          replica.waiters.splice(replica.waiters.indexOf(w), 1);
          w.resolve(snapshot);
        }
    },
  });
  return replica;
}

/** The replica's first snapshot (current or later) that satisfies `until`. */
function snapshotWhere(replica: Replica, until: (s: LiveSnapshot) => boolean): Promise<LiveSnapshot> {
  const now = replica.live.snapshot();
  if (replica.snapshots.length && until(now)) return Promise.resolve(now);
  return new Promise((resolve) => replica.waiters.push({ until, resolve }));
}

await describeOnDatabases("live connections on two replicas, $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let second: Db;
  let admin: CurrentUser;
  let trino: TrinoProtocolServer;
  let s3: TestS3Server;
  let a: Replica;
  let b: Replica;
  const ctx = () => ({ user: admin, ip: null, db: database.db });
  const trinoInput = (name: string, settings: Record<string, unknown> = {}, secret: string | null = PASSWORD) => ({
    name,
    kind: "trino" as const,
    enabled: true,
    settings: trinoSettings.parse({ url: trino.url, auth: "basic", user: "portal", ...settings }),
    ...(secret !== null ? { secret: { value: secret } } : {}),
  });

  beforeAll(async () => {
    if (skip) return;
    setSecretKey(parseSecretKey(generateSecretKeyText()));
    database = await createTestDatabase(kind);
    // The second replica's own client (its own connection to the same database).
    second = createPrismaClient(database.url, 1, { connectionWaitMs: 60_000 });
    admin = await createTestUser(database.db, "admin@example.com", "admin");
    trino = await TrinoProtocolServer.start();
    s3 = await startS3Server({ buckets: ["landing", "gold"] });
  }, 60_000);
  afterAll(async () => {
    setSecretKey(undefined);
    await trino?.close();
    await s3?.close();
    await second?.$disconnect();
    await database?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    await database.db.$executeRaw`TRUNCATE connections, audit_events`;
    Object.assign(trino.options, { auth: null, pageSize: 1000, pageDelayMs: 0 });
    a = startReplica(database.db);
    b = startReplica(second);
    // Replica A is "this process": a change saved through it is applied here at once.
    setLiveConnections(a.live);
    await Promise.all([a.live.ready, b.live.ready]);
  });
  afterEach(async () => {
    setLiveConnections(undefined);
    await a?.live.stop();
    await b?.live.stop();
  });

  const selectOne = async (snapshot: LiveSnapshot, id: string, user = "alice@example.com") => {
    const result = await collect(snapshot.engines.get(id)!.engine.execute({ sql: "SELECT 1", limit: null, user }));
    return { rows: result.rows, served: trino.query(result.queryId!)!, requests: trino.requests.filter((r) => r.queryId === result.queryId) };
  };

  describe.skipIf(skip)("engines", () => {
    it("a Trino connection created through one replica is used by the other; disabling it removes it from both", { timeout: 30_000 }, async () => {
      trino.options.auth = { user: "portal", password: PASSWORD };
      const created = await createConnection({ ctx: ctx(), input: trinoInput("trino-lake", { catalog: "memory", schema: "main" }) });
      // Applied on the replica that saved it before the answer…
      expect(a.live.snapshot().engines.has("trino-lake")).toBe(true);
      expect(created.applied).toMatchObject({ state: "in-use", engineId: "trino-lake", message: null });
      // …and on the other one by polling.
      const onB = await snapshotWhere(b, (s) => s.engines.has("trino-lake"));
      const entry = onB.engines.get("trino-lake")!;
      expect(entry).toMatchObject({ defaultCatalog: "memory", defaultSchema: "main" });
      expect(entry.engine.label).toMatch(/^trino-lake \(Trino at 127\.0\.0\.1:\d+\)$/);
      const { rows, served, requests } = await selectOne(onB, "trino-lake");
      expect(rows).toEqual([[1]]);
      // Impersonation on: the portal user; the service account authenticates.
      expect(served).toMatchObject({ user: "alice@example.com", catalog: "memory", schema: "main" }); // the default catalog and schema are the session's
      expect(requests.every((r) => r.authorization === `Basic ${Buffer.from(`portal:${PASSWORD}`).toString("base64")}`)).toBe(true);
      // The registry offers it beside the embedded engine, which wins an id clash.
      const fixed = new Map([["duckdb", { engine: {} as never, defaultCatalog: "demo", defaultSchema: "curated" }]]);
      expect([...composeRegistry(fixed, onB.engines).keys()]).toEqual(["duckdb", "trino-lake"]);

      await updateConnection({
        ctx: ctx(),
        input: { ...trinoInput("trino-lake", { catalog: "memory", schema: "main" }), id: created.id, version: created.version, enabled: false },
      });
      expect(a.live.snapshot().engines.has("trino-lake")).toBe(false);
      await snapshotWhere(b, (s) => !s.engines.has("trino-lake"));
      expect(a.live.status(created.id)).toMatchObject({ state: "disabled" });
      expect(b.live.status(created.id)).toMatchObject({ state: "disabled" });
    });

    it("JWT auth with impersonation off: Bearer token, every request as the connection's user", { timeout: 30_000 }, async () => {
      await createConnection({ ctx: ctx(), input: trinoInput("trino-jwt", { auth: "jwt", user: "svc-portal", impersonation: false }, JWT) });
      const onB = await snapshotWhere(b, (s) => s.engines.has("trino-jwt"));
      const { rows, served, requests } = await selectOne(onB, "trino-jwt", "alice@example.com");
      expect(rows).toEqual([[1]]);
      expect(served.user).toBe("svc-portal");
      expect(requests.length).toBeGreaterThan(1);
      expect(requests.every((r) => r.authorization === `Bearer ${JWT}` && r.user === "svc-portal")).toBe(true);
    });

    it("a broken connection is listed with its error and the others keep working", { timeout: 30_000 }, async () => {
      // No VAULT_ADDR here: a Vault reference cannot be read.
      const vault = await createConnection({ ctx: ctx(), input: trinoInput("trino-vault", {}, "vault:secret/portal/trino#password") });
      const incomplete = await createConnection({ ctx: ctx(), input: trinoInput("trino-nopass", {}, null) });
      const clash = await createConnection({ ctx: ctx(), input: trinoInput("trino", { auth: "none" }, null) });
      await createConnection({ ctx: ctx(), input: trinoInput("trino-ok", { auth: "none" }, null) });
      const airflow = await createConnection({
        ctx: ctx(),
        input: { name: "airflow-prod", kind: "airflow", enabled: true, settings: airflowSettings.parse({ url: "http://127.0.0.1:9", auth: "none" }) },
      });
      // Replica B reserves "trino" as if TRINO_URL were set there.
      await b.live.stop();
      b = startReplica(second, ["duckdb", "trino"]);
      const onB = await snapshotWhere(b, (s) => s.engines.has("trino-ok"));
      expect([...onB.engines.keys()]).toEqual(["trino-ok"]);
      expect((await selectOne(onB, "trino-ok")).rows).toEqual([[1]]);
      expect(b.live.status(vault.id)).toMatchObject({ state: "failed", message: "This secret lives in Vault, but VAULT_ADDR is not set on this portal." });
      expect(b.live.status(incomplete.id)).toMatchObject({ state: "failed", message: "Basic authentication needs a user and a password." });
      expect(b.live.status(clash.id)).toMatchObject({ state: "failed", message: "“trino” is the id of an engine from environment variables; rename this connection." });
      // Nothing listens on its port: built and used all the same (the run pages say Airflow is not reachable).
      expect(b.live.status(airflow.id)).toMatchObject({ state: "in-use" });
      // The admin page of replica A shows the same for its own build (no clash there).
      const listed = await listConnections({ ctx: ctx(), input: undefined });
      expect(listed.find((c) => c.name === "trino-vault")!.applied).toMatchObject({ state: "failed" });
      expect(listed.find((c) => c.name === "trino")!.applied).toMatchObject({ state: "in-use", engineId: "trino" });
      expect(JSON.stringify(listed)).not.toContain(PASSWORD);
    });

    it("a replaced engine lets the query it is running finish, then the new settings apply", { timeout: 30_000 }, async () => {
      Object.assign(trino.options, { pageSize: 100, pageDelayMs: 5 });
      const created = await createConnection({ ctx: ctx(), input: trinoInput("trino-drain", { auth: "none" }, null) });
      const old = a.live.snapshot().engines.get("trino-drain")!.engine;
      let rows = 0;
      let queryId: string | null = null;
      let replaced = false;
      let finished: unknown = null;
      for await (const event of old.execute({ sql: "SELECT range AS x FROM range(2000)", limit: null, user: "alice@example.com" })) {
        if (event.type === "started") queryId = event.queryId;
        if (event.type === "rows") {
          rows += event.rows.length;
          if (!replaced) {
            replaced = true;
            // Mid-query: an admin changes the connection (new version → a new engine instance).
            await updateConnection({
              ctx: ctx(),
              input: { ...trinoInput("trino-drain", { auth: "none", catalog: "memory" }, null), id: created.id, version: created.version, enabled: true },
            });
            const now = a.live.snapshot().engines.get("trino-drain")!;
            expect(now.engine).not.toBe(old);
            expect(now.defaultCatalog).toBe("memory");
          }
        }
        if (event.type === "finished") finished = event;
      }
      expect(rows).toBe(2000);
      expect(finished).toMatchObject({ rowCount: 2000, truncated: false });
      expect(trino.query(queryId!)!.deletes).toEqual([]); // never cancelled
    });
  });

  describe.skipIf(skip)("orchestrator", () => {
    let airflow: FakeAirflow;
    beforeAll(async () => {
      airflow = await startFakeAirflow({ users: [{ username: "portal", password: PASSWORD }] });
      airflow.addDag({ dag_id: "orders_daily" });
    });
    afterAll(() => airflow?.close());
    const airflowInput = (name: string) => ({
      name,
      kind: "airflow" as const,
      enabled: true,
      settings: airflowSettings.parse({ url: airflow.url, auth: "basic", user: "portal", namespace: "airflow://prod" }),
      secret: { value: PASSWORD },
    });

    it("the first enabled Airflow connection is the other replica's orchestrator; AIRFLOW_URL wins where it is set", { timeout: 30_000 }, async () => {
      const first = await createConnection({ ctx: ctx(), input: airflowInput("airflow-a") });
      const other = await createConnection({ ctx: ctx(), input: airflowInput("airflow-b") });
      const onB = await snapshotWhere(b, (s) => s.orchestrator !== null && b.live.status(other.id)?.state === "not-used");
      expect(onB.orchestrator!.namespace).toBe("airflow://prod");
      // It answers with the stored password (decrypted on replica B).
      expect((await onB.orchestrator!.orchestrator.listDags({ limit: 10, offset: 0 })).items.map((d) => d.dagId)).toEqual(["orders_daily"]);
      expect(b.live.status(first.id)).toMatchObject({ state: "in-use" });
      expect(b.live.status(other.id)).toMatchObject({ state: "not-used", message: "Only one Airflow is used: “airflow-a” (the first enabled by name)." });

      // A replica with AIRFLOW_URL uses its own: the stored ones are listed as not used there.
      const c = startReplica(second, ["duckdb"], true);
      try {
        const onC = await snapshotWhere(c, () => c.live.status(first.id) !== undefined);
        expect(onC.orchestrator).toBeNull();
        expect(c.live.status(first.id)).toMatchObject({ state: "not-used", message: "AIRFLOW_URL is set: the Airflow from environment variables is used." });
      } finally {
        await c.live.stop();
      }

      // Disabled: gone from the replica.
      await updateConnection({ ctx: ctx(), input: { ...airflowInput("airflow-a"), id: first.id, version: first.version, enabled: false } });
      await snapshotWhere(b, () => b.live.status(other.id)?.state === "in-use");
      expect(b.live.status(first.id)).toMatchObject({ state: "disabled" });
    });
  });

  describe.skipIf(skip)("object store", () => {
    it("the first enabled S3 connection by name is the store on both replicas; another is listed as not used", { timeout: 30_000 }, async () => {
      const s3Input = (name: string) => ({
        name,
        kind: "s3" as const,
        enabled: true,
        settings: s3Settings.parse({ endpoint: s3.endpoint, accessKeyId: S3RVER_CREDENTIALS.accessKeyId }),
        secret: { value: S3RVER_CREDENTIALS.secretAccessKey },
      });
      const first = await createConnection({ ctx: ctx(), input: s3Input("minio-a") });
      const other = await createConnection({ ctx: ctx(), input: s3Input("minio-b") });
      const onB = await snapshotWhere(b, (s) => s.store !== null && b.live.status(other.id)?.state === "not-used");
      expect((await onB.store!.listBuckets()).map((x) => x.name)).toEqual(["gold", "landing"]);
      expect(b.live.status(first.id)).toMatchObject({ state: "in-use" });
      expect(b.live.status(other.id)).toMatchObject({ state: "not-used", message: "Only one object store is used: “minio-a” (the first enabled by name)." });
      await updateConnection({ ctx: ctx(), input: { ...s3Input("minio-a"), id: first.id, version: first.version, enabled: false } });
      await snapshotWhere(b, () => b.live.status(other.id)?.state === "in-use");
      expect(b.live.status(first.id)).toMatchObject({ state: "disabled" });
    });
  });
});
