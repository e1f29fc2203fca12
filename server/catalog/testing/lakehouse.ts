// The embedded DuckDB demo lakehouse in a temporary folder, for catalog tests: the same engine
// and data the portal starts with (server/engines/registry.ts).
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDbEngine } from "../../engines/duckdb/duckdb-engine";
import { ensureDemoLakehouse } from "../../engines/duckdb/demo-lakehouse";

export type TestLakehouse = { engine: DuckDbEngine; run(sql: string): Promise<void>; close(): Promise<void> };

export async function createTestLakehouse(id = "duckdb"): Promise<TestLakehouse> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "catalog-lake-"));
  const lake = path.join(dir, "lake");
  mkdirSync(lake, { recursive: true });
  const engine = await DuckDbEngine.create({
    path: path.join(dir, "lakehouse.duckdb"),
    id,
    label: `DuckDB ${id}`,
    settings: { threads: "2" },
    sandbox: { lakeDir: realpathSync(lake), bucketRights: () => () => ({ read: true, write: true, visible: true }) },
  });
  const conn = await engine.connect();
  try {
    await ensureDemoLakehouse(conn, lake);
  } finally {
    conn.disconnectSync();
  }
  return {
    engine,
    async run(sql: string) {
      const c = await engine.connect();
      try {
        await c.run(sql);
      } finally {
        c.disconnectSync();
      }
    },
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
