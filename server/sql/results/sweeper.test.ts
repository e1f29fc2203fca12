// The result sweeper with several replicas, on a real PostgreSQL database: a sweep runs only
// while no other process holds the sweep lock, so two replicas never delete and count the same
// expired results. The other process is played by a connection of its own holding the lock.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../../testing/databases";
import { createTestUser } from "../../testing/expectations";
import { LocalObjectStore } from "../../storage/local-store";
import { dayOf, type ResultSpace } from "./result-space";
import { RESULT_SWEEP_LOCK, sweepResultsOnce } from "./sweeper";

const available = await postgresAvailable();
let database: TestDatabase;
let space: ResultSpace;
let root: string;

beforeAll(async () => {
  if (!available) return;
  database = await createTestDatabase("postgres");
  root = mkdtempSync(path.join(os.tmpdir(), "portal-sweeper-"));
  const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
  await store.init(["sql-results"]);
  space = { store, bucket: "sql-results", prefix: "", retentionMs: 3_600_000, maxKeptBytes: 100_000_000 };
});
afterAll(async () => {
  await database?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A run whose kept result expired a second ago, with its object in the store. */
async function expiredRun(userId: string): Promise<{ id: string; key: string }> {
  const run = await database.db.queryRun.create({ data: { userId, engineId: "duckdb", sql: "SELECT 1", statementKind: "read", status: "succeeded" } });
  const key = `${dayOf(new Date())}/${run.id}.ndjson.gz`;
  await space.store.put(space.bucket, key, new Uint8Array([1, 2, 3]));
  await database.db.queryRun.update({ where: { id: run.id }, data: { resultKey: key, resultBytes: 3n, resultExpiresAt: new Date(Date.now() - 1_000) } });
  return { id: run.id, key };
}

describe.skipIf(!available)("sweeping kept results with several replicas", () => {
  it("does nothing while another process sweeps, then removes each expired result once", async () => {
    const user = await createTestUser(database.db, "sweeper@example.com", "editor");
    const runs = [await expiredRun(user.id), await expiredRun(user.id)];
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      const { rows } = await other.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext('result-sweep')) AS locked", [RESULT_SWEEP_LOCK]);
      expect(rows[0]!.locked).toBe(true);
      expect(await sweepResultsOnce(database.url, space, database.db)).toBeNull();
      const untouched = await database.db.queryRun.findMany({ where: { id: { in: runs.map((r) => r.id) } } });
      expect(untouched.map((r) => r.resultKey).sort()).toEqual(runs.map((r) => r.key).sort());
      for (const run of runs) await expect(space.store.head(space.bucket, run.key)).resolves.toBeTruthy();
    } finally {
      await other.end(); // the lock goes with its session, as when a replica dies
    }

    // Two sweeps at once (two replicas' ticks): the results are removed and counted once in all.
    const [a, b] = await Promise.all([sweepResultsOnce(database.url, space, database.db), sweepResultsOnce(database.url, space, database.db)]);
    expect((a?.expired ?? 0) + (b?.expired ?? 0)).toBe(runs.length);
    const swept = await database.db.queryRun.findMany({ where: { id: { in: runs.map((r) => r.id) } } });
    expect(swept.map((r) => r.resultKey)).toEqual([null, null]);
    for (const run of runs) await expect(space.store.head(space.bucket, run.key)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
