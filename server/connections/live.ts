// Connections take effect: every replica watches connections_revision (server/config/revision-watch.ts)
// and, when it changes, rebuilds the engines and the object store of the stored connections and
// swaps them in. What is decided here:
//
// - Engines: every enabled Trino connection becomes an engine whose id is the connection's name.
//   The embedded DuckDB and the Trino from TRINO_URL are not ours to change: a stored connection
//   whose name clashes with one of them is listed with that error and left out.
// - Object store: one store per process (the bucket browser, signed links and DuckDB's lake read
//   one). S3_ENDPOINT wins; otherwise the first enabled S3 connection by name that can be built is
//   the store, and any other enabled one is listed as "not used" with the reason. Several stores
//   by bucket prefix would need every storage caller to route by bucket; not done.
// - Orchestrator: likewise one. AIRFLOW_URL wins; otherwise the first enabled Airflow connection
//   by name that can be built is the run pages' Airflow, others "not used".
// - Swap: a new snapshot (engines + store) replaces the old one in one assignment; a connection
//   whose id and version did not change keeps its instance. A replaced or removed Trino engine
//   waits until its running statements end (at most RETIRE_WAIT_MS) and is then closed. An old S3
//   store is not destroyed: downloads still streaming from it finish, and its idle sockets close.
// - Failures never break the registry: a connection whose secret cannot be read (Vault down, key
//   changed) or whose settings are incomplete is listed with its error and left out; the others
//   are applied. After building, each connection is checked once in the background (Trino
//   SELECT 1 as its service user, S3 list buckets) and the result is shown beside it: an engine
//   that answers 401 stays in the picker (the next query says why) but the admin sees it at once.
import type { ObjectStore } from "../storage/object-store";
import { S3ObjectStore } from "../storage/s3-store";
import { createTrinoEngine } from "../engines/trino/trino-engine";
import type { EngineEntry } from "../engines/registry";
import type { QueryEngine } from "../engines/query-engine";
import { readRevisionRow, watchRevision, type RevisionWatch } from "../config/revision-watch";
import { sqlPoolOf, type Db } from "../db/client";
import { getConfig } from "../config/env";
import { logger } from "../logger";
import type { AppliedStatus, LiveConnectionsHandle } from "./live-slot";
import { resolveSecret, SecretDecryptError, VaultError } from "../secrets";
import { airflowSettings, s3Settings, trinoSettings, type S3Settings, type TrinoSettings } from "./schemas";
import { airflowAuthOf, probeAirflowSettings, probeS3, probeTrino, type ProbeResult } from "./probe";
import { createAirflowOrchestrator } from "../orchestrators/airflow/adapter";
import type { ConfiguredOrchestrator } from "../orchestrators/configured";
import { forgetLongGoneReplicas, forgetReplica, REPLICA_HEARTBEAT_MS, thisReplica, writeReplicaStatus, type ReplicaConnectionStatus, type ReplicaIdentity } from "./replica-status";

/** How long a replaced engine may keep running statements before it is closed (they are then cancelled). */
export const RETIRE_WAIT_MS = 15 * 60_000;
/** The background check after building; shorter than Test's, it only informs the list. */
const CHECK_TIMEOUT_MS = 5_000;
/** X-Trino-User of the background check when the connection has no user of its own. */
const CHECK_USER = "lakehouse-portal";

export type LiveSnapshot = {
  /** Stored Trino engines by id, in name order. */
  engines: Map<string, EngineEntry>;
  /** The stored S3 connection used as the object store, when one is. */
  store: ObjectStore | null;
  /** The stored Airflow connection the run pages use, when one is. */
  orchestrator: ConfiguredOrchestrator | null;
};

export type LiveConnectionsOptions = {
  db: Db;
  /** Engine ids taken by the embedded and environment engines. */
  reservedEngineIds: ReadonlySet<string>;
  /** True when S3_ENDPOINT is set: stored S3 connections are not used. */
  environmentStore: boolean;
  /** True when AIRFLOW_URL is set: stored Airflow connections are not used. */
  environmentOrchestrator?: boolean;
  /** Called with each new snapshot, before the old instances are retired. */
  onSnapshot: (snapshot: LiveSnapshot) => void;
  intervalMs?: number;
  /** The background reachability check (default on). */
  checkAfterBuild?: boolean;
  /** Who reports this process's status to connection_replicas (default: this host and process); null: no report. */
  replica?: ReplicaIdentity | null;
  heartbeatMs?: number;
};

export type LiveConnections = LiveConnectionsHandle & {
  snapshot: () => LiveSnapshot;
  stop: () => Promise<void>;
};

type Row = { id: string; name: string; kind: string; enabled: boolean; settings: unknown; secret: string | null; version: number };

type Built = {
  /** id:version — a change to a row (settings, secret, enabled) gives it a new version. */
  key: string;
  row: Row;
  status: AppliedStatus;
  engine?: EngineEntry;
  store?: ObjectStore;
  orchestrator?: ConfiguredOrchestrator;
  /** Kept for the background check. */
  probe?: () => Promise<ProbeResult>;
};

/** Reads the rows with one simple-protocol statement (safe beside other sessions on PGlite). */
async function readRows(db: Db): Promise<Row[]> {
  const pool = sqlPoolOf(db);
  const sql = "SELECT id::text AS id, name, kind, enabled, settings, secret, version FROM connections ORDER BY name";
  if (pool) return (await pool.query<Row>(sql)).rows;
  return db.$queryRawUnsafe<Row[]>(sql);
}

async function readRevision(db: Db): Promise<bigint | null> {
  const pool = sqlPoolOf(db);
  if (!pool) return readRevisionRow(db, "connections_revision");
  const { rows } = await pool.query<{ revision: string }>("SELECT revision::text AS revision FROM connections_revision WHERE id = 1");
  return rows[0] ? BigInt(rows[0].revision) : null;
}

function secretProblem(err: unknown): string | null {
  if (err instanceof VaultError) return err.message;
  if (err instanceof SecretDecryptError) return `The stored secret cannot be decrypted: ${err.message}`;
  return null;
}

async function secretOf(row: Row): Promise<string | null> {
  return row.secret ? resolveSecret(row.secret) : null;
}

type BuildResult = { engine?: EngineEntry; store?: ObjectStore; orchestrator?: ConfiguredOrchestrator; probe?: () => Promise<ProbeResult> } | { error: string };

export function trinoEngineOf(name: string, settings: TrinoSettings, secret: string | null): { engine: QueryEngine } | { error: string } {
  if (settings.auth === "basic" && (!settings.user || !secret)) return { error: "Basic authentication needs a user and a password." };
  if (settings.auth === "jwt" && !secret) return { error: "JWT authentication needs a token." };
  if (!settings.impersonation && !settings.user) return { error: "With “Run queries as the signed-in user” off, the connection needs a user to run queries as." };
  const engine = createTrinoEngine({
    id: name,
    label: `${name} (Trino at ${new URL(settings.url).host})`,
    url: settings.url,
    catalog: settings.catalog || null,
    schema: settings.schema || null,
    source: getConfig().TRINO_SOURCE,
    auth: settings.auth === "basic" ? { user: settings.user, password: secret! } : settings.auth === "jwt" ? { token: secret! } : null,
    runAs: settings.impersonation ? null : settings.user,
    ssl: settings.caCert ? { ca: settings.caCert } : null,
    credentialsHint: `the credentials of the connection “${name}” in Admin › Connections`,
  });
  return { engine };
}

export function s3StoreOf(settings: S3Settings, secret: string | null): { store: ObjectStore } | { error: string } {
  if (Boolean(settings.accessKeyId) !== Boolean(secret))
    return { error: settings.accessKeyId ? "An access key id needs its secret access key." : "A secret access key needs its access key id." };
  const known = Object.keys(getConfig().PORTAL_BUCKET_ACCESS).filter((name) => name !== "*");
  return {
    store: new S3ObjectStore({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.pathStyle,
      credentials: settings.accessKeyId && secret ? { accessKeyId: settings.accessKeyId, secretAccessKey: secret } : undefined,
      knownBuckets: known,
    }),
  };
}

async function build(row: Row): Promise<BuildResult> {
  let secret: string | null;
  try {
    secret = await secretOf(row);
  } catch (err) {
    const problem = secretProblem(err);
    if (problem) return { error: problem };
    throw err;
  }
  if (row.kind === "trino") {
    const parsed = trinoSettings.safeParse(row.settings);
    if (!parsed.success) return { error: "The saved settings are not valid any more: edit and save the connection." };
    const made = trinoEngineOf(row.name, parsed.data, secret);
    if ("error" in made) return made;
    const settings = parsed.data;
    return {
      engine: { engine: made.engine, defaultCatalog: settings.catalog || null, defaultSchema: settings.schema || null },
      probe: () => probeTrino(settings, secret, settings.user || CHECK_USER, CHECK_TIMEOUT_MS),
    };
  }
  if (row.kind === "s3") {
    const parsed = s3Settings.safeParse(row.settings);
    if (!parsed.success) return { error: "The saved settings are not valid any more: edit and save the connection." };
    const made = s3StoreOf(parsed.data, secret);
    if ("error" in made) return made;
    const settings = parsed.data;
    return { store: made.store, probe: () => probeS3(settings, secret, CHECK_TIMEOUT_MS) };
  }
  if (row.kind === "airflow") {
    const parsed = airflowSettings.safeParse(row.settings);
    if (!parsed.success) return { error: "The saved settings are not valid any more: edit and save the connection." };
    const settings = parsed.data;
    const made = airflowAuthOf(settings, secret);
    if ("error" in made) return made;
    return {
      orchestrator: { orchestrator: createAirflowOrchestrator({ url: settings.url, auth: made.auth }), namespace: settings.namespace || null },
      probe: () => probeAirflowSettings(settings, secret),
    };
  }
  return { error: `Unknown connection kind “${row.kind}”.` };
}

function summaryOf(result: ProbeResult): string {
  const failed = result.steps.find((s) => !s.ok);
  return failed ? `${failed.step}: ${failed.message}` : (result.steps.at(-1)?.message ?? "Reachable.");
}

async function retire(built: Built): Promise<void> {
  const engine = built.engine?.engine as (QueryEngine & { idle?: (maxWaitMs: number) => Promise<void> }) | undefined;
  if (!engine) return;
  try {
    if (typeof engine.idle === "function") await engine.idle(RETIRE_WAIT_MS);
    await engine.close();
  } catch (err) {
    logger.warn({ connection: built.row.name, err: (err as Error).message }, "closing a replaced engine failed");
  }
}

export function startLiveConnections(options: LiveConnectionsOptions): LiveConnections {
  let current = new Map<string, Built>(); // by connection id
  let snapshot: LiveSnapshot = { engines: new Map(), store: null, orchestrator: null };
  let stopped = false;
  const retiring = new Set<Built>();
  const replica = options.replica === undefined ? thisReplica() : options.replica;
  let appliedRevision: bigint | null = null;
  let reporting: Promise<void> = Promise.resolve();
  let reportFailing = false;

  /** Writes this replica's row (one write at a time, in order); a failure is logged once, the next write retries. */
  const report = (): Promise<void> => {
    if (!replica || stopped) return reporting;
    reporting = reporting.then(async () => {
      const statuses: Record<string, ReplicaConnectionStatus> = {};
      for (const [id, built] of current) {
        const { state, message, check } = built.status;
        statuses[id] = { version: built.row.version, state, message, check: check ? { ok: check.ok, message: check.message } : null };
      }
      try {
        await writeReplicaStatus(options.db, { replica, revision: appliedRevision, statuses });
        if (reportFailing) logger.info("writing this replica's connection status works again");
        reportFailing = false;
      } catch (err) {
        if (!reportFailing) logger.warn({ err: (err as Error).message }, "could not write this replica's connection status; will retry");
        reportFailing = true;
      }
    });
    return reporting;
  };
  const heartbeat = replica
    ? setInterval(() => {
        void report();
        void forgetLongGoneReplicas(options.db).catch(() => {});
      }, options.heartbeatMs ?? REPLICA_HEARTBEAT_MS)
    : undefined;
  heartbeat?.unref();

  const runCheck = (built: Built) => {
    if (!built.probe || options.checkAfterBuild === false) return;
    void built
      .probe()
      .then((result) => ({ ok: result.ok, message: summaryOf(result) }))
      .catch((err: unknown) => ({ ok: false, message: (err as Error).message }))
      .then((check) => {
        // Only if this build is still the applied one.
        if (current.get(built.row.id) === built) {
          built.status = { ...built.status, check: { ...check, at: new Date() } };
          void report();
        }
      });
  };

  async function apply(): Promise<void> {
    const rows = await readRows(options.db);
    const next = new Map<string, Built>();
    const fresh: Built[] = [];
    for (const row of rows) {
      const key = `${row.id}:${row.version}`;
      const old = current.get(row.id);
      if (old && old.key === key) {
        next.set(row.id, old);
        continue;
      }
      const built: Built = { key, row, status: { state: "disabled", message: null, engineId: null, check: null } };
      if (row.enabled) {
        const result = await build(row).catch((err: unknown): BuildResult => ({ error: `Could not be built: ${(err as Error).message}` }));
        if ("error" in result) built.status = { ...built.status, state: "failed", message: result.error };
        else Object.assign(built, result);
      }
      next.set(row.id, built);
      fresh.push(built);
    }
    // Decide what is used: engines by name (reserved ids excluded), the first buildable S3 store.
    const engines = new Map<string, EngineEntry>();
    let store: { name: string; store: ObjectStore } | null = null;
    let orchestrator: { name: string; orchestrator: ConfiguredOrchestrator } | null = null;
    for (const built of next.values()) {
      const { row } = built;
      if (built.orchestrator) {
        if (options.environmentOrchestrator) built.status = { ...built.status, state: "not-used", message: "AIRFLOW_URL is set: the Airflow from environment variables is used." };
        else if (orchestrator) built.status = { ...built.status, state: "not-used", message: `Only one Airflow is used: “${orchestrator.name}” (the first enabled by name).` };
        else {
          orchestrator = { name: row.name, orchestrator: built.orchestrator };
          built.status = { ...built.status, state: "in-use", message: null };
        }
        continue;
      }
      if (!built.engine && !built.store) continue;
      if (built.engine) {
        if (options.reservedEngineIds.has(row.name)) {
          built.status = {
            ...built.status,
            state: "failed",
            message: `“${row.name}” is the id of an engine from ${row.name === "duckdb" ? "the embedded default" : "environment variables"}; rename this connection.`,
          };
          continue;
        }
        engines.set(row.name, built.engine);
        built.status = { ...built.status, state: "in-use", message: null, engineId: row.name };
      } else if (built.store) {
        if (options.environmentStore) built.status = { ...built.status, state: "not-used", message: "S3_ENDPOINT is set: the object store from environment variables is used." };
        else if (store) built.status = { ...built.status, state: "not-used", message: `Only one object store is used: “${store.name}” (the first enabled by name).` };
        else {
          store = { name: row.name, store: built.store };
          built.status = { ...built.status, state: "in-use", message: null };
        }
      }
    }
    const previous = current;
    current = next;
    snapshot = { engines, store: store?.store ?? null, orchestrator: orchestrator?.orchestrator ?? null };
    options.onSnapshot(snapshot);
    for (const built of fresh) if (built.status.state === "in-use" || built.status.state === "not-used") runCheck(built);
    for (const [id, old] of previous) {
      if (next.get(id) === old) continue;
      retiring.add(old);
      void retire(old).finally(() => retiring.delete(old));
    }
    logger.info(
      {
        engines: [...engines.keys()],
        store: store?.name ?? null,
        orchestrator: orchestrator?.name ?? null,
        failed: [...next.values()].filter((b) => b.status.state === "failed").map((b) => b.row.name),
      },
      "connections applied",
    );
  }

  const watch: RevisionWatch = watchRevision({
    name: "connections",
    read: () => readRevision(options.db),
    onChange: async (revision) => {
      if (stopped) return;
      await apply();
      appliedRevision = revision;
      await report();
    },
    intervalMs: options.intervalMs,
  });

  return {
    ready: watch.ready,
    refresh: () => watch.check(),
    status: (id) => current.get(id)?.status,
    snapshot: () => snapshot,
    stop: async () => {
      stopped = true;
      clearInterval(heartbeat);
      await watch.stop();
      // A clean stop drops out of the cluster view at once (a dead replica goes stale instead).
      await reporting;
      if (replica) await forgetReplica(options.db, replica.id).catch(() => {});
      // Shutting down: running statements are cancelled, not waited for.
      for (const built of [...retiring, ...current.values()]) {
        const engine = built.engine?.engine;
        if (engine) await engine.close().catch(() => {});
      }
      current = new Map();
    },
  };
}
