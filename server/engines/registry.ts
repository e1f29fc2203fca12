// Which query engines this portal offers: the embedded DuckDB lakehouse always, Trino when
// TRINO_URL is set (read-only, and it wins an id clash), and every enabled Trino connection of
// Admin › Connections, applied on every replica within seconds of a change
// (server/connections/live.ts). Engines are connection caches (and DuckDB's file is opened once):
// one registry per process, in a process slot (server/process-slot.ts). A change builds a new
// Map and replaces the old one in one assignment, so a caller holds either the old or the new
// registry, never half of each.
import { mkdirSync, realpathSync } from "node:fs";
import path from "node:path";
import type { PortalConfig } from "../config/env";
import { DomainError } from "../errors";
import { processSlot } from "../process-slot";
import { isVisibleBucket, rightsOf } from "../storage/access";
import type { QueryEngine } from "./query-engine";
import { DuckDbEngine } from "./duckdb/duckdb-engine";
import { DEMO_CATALOG, ensureDemoLakehouse, type BuildProgress } from "./duckdb/demo-lakehouse";
import { trinoEngineConfig } from "./trino/trino-config";
import { db } from "../db/client";
import { logger } from "../logger";
import { recordDemoBuild } from "../lineage/demo-pipeline/run";
import { createTrinoEngine } from "./trino/trino-engine";
import { startLiveConnections, type LiveConnections, type LiveSnapshot } from "../connections/live";
import { setLiveConnections } from "../connections/live-slot";
import { setAppliedObjectStore } from "../storage";
import { setAppliedOrchestrator } from "../orchestrators/configured";

export type EngineEntry = {
  engine: QueryEngine;
  defaultCatalog: string | null;
  defaultSchema: string | null;
};

export type EngineRegistry = Map<string, EngineEntry>;

const started = processSlot<EngineRegistry>("engines");
const watching = processSlot<LiveConnections>("engines-live");
const STARTUP_WAIT_MS = 15_000;

/** The embedded and environment engines first; then stored ones whose id is not taken. */
export function composeRegistry(fixed: EngineRegistry, stored: LiveSnapshot["engines"]): EngineRegistry {
  const registry: EngineRegistry = new Map(fixed);
  for (const [id, entry] of stored) if (!registry.has(id)) registry.set(id, entry);
  return registry;
}

/**
 * Starts the configured engines (building the demo lakehouse on first start), then the stored
 * connections, and keeps applying their changes until stopEngines().
 */
export async function startEngines(config: PortalConfig, onProgress?: BuildProgress, options: { intervalMs?: number } = {}): Promise<EngineRegistry> {
  const registry: EngineRegistry = new Map();
  mkdirSync(lakeDir(config), { recursive: true });
  const duck = await DuckDbEngine.create({
    path: path.join(config.dataDir, `${DEMO_CATALOG}.duckdb`),
    id: "duckdb",
    label: "Embedded DuckDB lakehouse",
    // SQL reaches the lake's buckets only, by the bucket browser's rules; never the database
    // files, kept results or DuckDB's own spill files, which all live beside the lake.
    sandbox: {
      lakeDir: realpathSync(lakeDir(config)),
      bucketRights: (role) => (bucket) => ({ ...rightsOf(role, bucket), visible: isVisibleBucket(bucket) }),
      memoryLimit: config.DUCKDB_MEMORY_LIMIT,
      tempDir: path.join(config.dataDir, "duckdb-tmp"),
    },
  });
  const conn = await duck.connect();
  try {
    const built = await ensureDemoLakehouse(conn, lakeDir(config), onProgress);
    // The first build is the demo pipeline's first run: its runs and lineage are recorded (never failing the start).
    if (built)
      await Promise.resolve()
        .then(() => recordDemoBuild(db(), conn, built))
        .catch((err: unknown) => logger.warn({ err }, "could not record the demo lakehouse's build as lineage"));
  } finally {
    conn.disconnectSync();
  }
  registry.set("duckdb", { engine: duck, defaultCatalog: DEMO_CATALOG, defaultSchema: "curated" });
  const trino = trinoEngineConfig(config); // null when TRINO_URL is not set
  if (trino) registry.set("trino", { engine: createTrinoEngine(trino), defaultCatalog: trino.catalog ?? null, defaultSchema: trino.schema ?? null });
  setEngines(registry);
  const fixed = new Map(registry);
  const connections = startLiveConnections({
    db: db(),
    reservedEngineIds: new Set(fixed.keys()),
    environmentStore: Boolean(config.S3_ENDPOINT),
    environmentOrchestrator: Boolean(config.AIRFLOW_URL),
    intervalMs: options.intervalMs,
    onSnapshot: (snapshot) => {
      setEngines(composeRegistry(fixed, snapshot.engines));
      setAppliedObjectStore(snapshot.store);
      setAppliedOrchestrator(snapshot.orchestrator);
    },
  });
  watching.value = connections;
  setLiveConnections(connections);
  // Start with the stored connections applied; if the database does not answer the first read
  // in time, start without them (the watcher keeps trying and applies them when it can).
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([connections.ready, new Promise<void>((resolve) => (waited = setTimeout(resolve, STARTUP_WAIT_MS)))]);
  clearTimeout(waited);
  return engineRegistry();
}

export function lakeDir(config: Pick<PortalConfig, "dataDir">): string {
  return path.join(config.dataDir, "lake");
}

export function setEngines(registry: EngineRegistry | undefined): void {
  started.value = registry;
}

export function engineRegistry(): EngineRegistry {
  if (!started.value) throw new Error("The query engines are not started: start the portal with `npm start` (server/main.ts).");
  return started.value;
}

export function getEngine(id: string): EngineEntry {
  const entry = engineRegistry().get(id);
  if (!entry) throw new DomainError("NOT_FOUND", `There is no query engine called “${id}”. Available: ${[...engineRegistry().keys()].join(", ")}.`);
  return entry;
}

export async function stopEngines(): Promise<void> {
  const connections = watching.value;
  watching.value = undefined;
  setLiveConnections(undefined);
  await connections?.stop(); // closes the stored engines
  setAppliedObjectStore(null);
  setAppliedOrchestrator(null);
  const registry = started.value;
  started.value = undefined;
  const stored = new Set(connections ? [...connections.snapshot().engines.values()].map((e) => e.engine) : []);
  for (const { engine } of registry?.values() ?? []) if (!stored.has(engine)) await engine.close().catch(() => {});
}
