// An in-memory DuckDB connection for a test file: opened before its tests, closed after.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll } from "vitest";

/** Call at the top of a test file; the returned function gives the open connection. */
export function useMemoryConnection(): () => DuckDBConnection {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    conn = await instance.connect();
  });
  afterAll(() => {
    conn.disconnectSync();
    instance.closeSync();
  });
  return () => conn;
}
