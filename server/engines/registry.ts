// Which query engines this portal offers. Now from configuration: the embedded DuckDB lakehouse
// always, Trino when TRINO_URL is set (a later admin page will manage engines). Engines are
// connection caches (and DuckDB's file is opened once): one registry per process, in a process
// slot (server/process-slot.ts).
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

export type EngineEntry = {
  engine: QueryEngine;
  defaultCatalog: string | null;
  defaultSchema: string | null;
};

export type EngineRegistry = Map<string, EngineEntry>;

const started = processSlot<EngineRegistry>("engines");

/** Starts the configured engines; builds the demo lakehouse on first start. */
export async function startEngines(config: PortalConfig, onProgress?: BuildProgress): Promise<EngineRegistry> {
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
  return registry;
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
  const registry = started.value;
  started.value = undefined;
  for (const { engine } of registry?.values() ?? []) await engine.close().catch(() => {});
}
