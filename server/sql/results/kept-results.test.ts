// Keeping workbench results end to end on a real database (PGlite), real DuckDB and a real
// local object store: a complete result is kept while it streams and read back for downloads
// and re-opening without running the statement again; anything else runs it again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { DuckDbEngine } from "../../engines/duckdb/duckdb-engine";
import { setEngines } from "../../engines/registry";
import { LocalObjectStore } from "../../storage/local-store";
import { createTestUser, domainErrorOf } from "../../testing/expectations";
import type { CurrentUser } from "../../auth/current-user";
import { executeRun, prepareRun, type RunEvent } from "../run-query";
import { setResultSpace, type ResultSpace } from "./result-space";
import { rowsOfRun } from "./result-source";
import { replayRun } from "./replay";
import { sweepResults } from "./sweeper";
import { listRuns } from "../history";

let database: TestDatabase;
let engine: DuckDbEngine;
let root: string;
let space: ResultSpace;
let alice: CurrentUser;
let bob: CurrentUser;
let engineRuns: number;
const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });

async function run(user: CurrentUser, sql: string, limit: number | null = 10_000) {
  const prepared = await prepareRun({ ctx: ctxOf(user), input: { engineId: "duckdb", sql, catalog: "memory", schema: "main", limit, confirmed: true } });
  const events: RunEvent[] = [];
  for await (const e of executeRun(prepared, new AbortController().signal)) events.push(e);
  const runId = (events[0] as Extract<RunEvent, { type: "run" }>).runId;
  return { events, runId };
}

async function drain(pages: AsyncGenerator<unknown[][]>): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const p of pages) rows.push(...p);
  return rows;
}

async function objectKeys(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (prefix: string) => {
    const page = await space.store.list(space.bucket, { prefix, delimiter: "/" });
    found.push(...page.objects.map((o) => o.key));
    for (const p of page.prefixes) await walk(p);
  };
  await walk("");
  return found;
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  engine = await DuckDbEngine.create({ path: ":memory:" });
  const conn = await engine.connect();
  await conn.run("CREATE TABLE trips AS SELECT range AS id, 'trip ' || range AS name FROM range(3000)");
  conn.disconnectSync();
  // Count the statements the engine really runs, to tell a kept result from a re-run.
  const execute = engine.execute.bind(engine);
  engine.execute = (request) => {
    engineRuns += 1;
    return execute(request);
  };
  setEngines(new Map([["duckdb", { engine, defaultCatalog: "memory", defaultSchema: "main" }]]));
  root = mkdtempSync(path.join(os.tmpdir(), "portal-kept-results-"));
  const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
  await store.init(["sql-results"]);
  space = { store, bucket: "sql-results", prefix: "", retentionMs: 3_600_000, maxKeptBytes: 100_000_000 };
  setResultSpace(space);
  alice = await createTestUser(database.db, "alice@example.com", "editor");
  bob = await createTestUser(database.db, "bob@example.com", "admin");
});

beforeEach(() => {
  engineRuns = 0;
});

afterAll(async () => {
  setResultSpace(undefined);
  setEngines(undefined);
  await engine?.close();
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("keeping a result while it streams", () => {
  it("keeps a complete result, says so before `finished`, and a download reads it without running the statement", async () => {
    const { events, runId } = await run(alice, "SELECT id, name FROM trips ORDER BY id");
    const types = events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(["stored", "finished"]);
    const stored = events.at(-2) as Extract<RunEvent, { type: "stored" }>;
    expect(stored.bytes).toBeGreaterThan(0);
    expect(Date.parse(stored.expiresAt) - Date.now()).toBeGreaterThan(3_500_000);

    const row = await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row.resultKey).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}/${runId}\\.frames\\.br$`));
    expect(Number(row.resultBytes)).toBe(stored.bytes);
    expect(await objectKeys()).toContain(row.resultKey);

    engineRuns = 0;
    const result = await rowsOfRun({ ctx: ctxOf(alice), input: { runId }, signal: new AbortController().signal });
    expect(result.source).toBe("stored");
    expect(result.columns.map((c) => c.name)).toEqual(["id", "name"]);
    const rows = await drain(result.pages);
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual([2999, "trip 2999"]);
    expect(engineRuns).toBe(0);
  });

  it("does not keep a truncated result: the download runs the statement again for every row, and keeps that", async () => {
    const { events, runId } = await run(alice, "SELECT id FROM trips ORDER BY id", 100);
    expect(events.some((e) => e.type === "stored")).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: "finished", truncated: true });
    expect((await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } })).resultKey).toBeNull();

    engineRuns = 0;
    const again = await rowsOfRun({ ctx: ctxOf(alice), input: { runId }, signal: new AbortController().signal });
    expect(again.source).toBe("engine");
    expect(await drain(again.pages)).toHaveLength(3000);
    expect(engineRuns).toBe(1);

    // The download's own run was complete, so it was kept.
    const latest = await database.db.queryRun.findFirstOrThrow({ where: { userId: alice.id }, orderBy: { startedAt: "desc" } });
    expect(latest.id).not.toBe(runId);
    expect(latest.resultKey).not.toBeNull();
  });

  it("keeps nothing of a statement that does not read, and refuses to download it", async () => {
    const { events, runId } = await run(alice, "CREATE TABLE scratch AS SELECT 1 AS x");
    expect(events.some((e) => e.type === "stored")).toBe(false);
    const err = await domainErrorOf(rowsOfRun({ ctx: ctxOf(alice), input: { runId }, signal: new AbortController().signal }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/Only results of read statements/);
  });

  it("leaves no object behind when the browser goes away mid-stream", async () => {
    const before = await objectKeys();
    const prepared = await prepareRun({ ctx: ctxOf(alice), input: { engineId: "duckdb", sql: "SELECT id FROM trips", catalog: "memory", schema: "main", limit: 10_000 } });
    const stream = executeRun(prepared, new AbortController().signal);
    for await (const event of stream) if (event.type === "rows") break; // closes the generator, as a closed tab does
    expect(await objectKeys()).toEqual(before);
  });

  it("shows a run's result to its owner only, not even to an admin", async () => {
    const { runId } = await run(alice, "SELECT 42 AS answer");
    const err = await domainErrorOf(rowsOfRun({ ctx: ctxOf(bob), input: { runId }, signal: new AbortController().signal }));
    expect(err.code).toBe("NOT_FOUND");
    expect((await domainErrorOf(replayRun({ ctx: ctxOf(bob), input: { runId }, signal: new AbortController().signal }))).code).toBe("NOT_FOUND");
  });

  it("runs the statement again when the kept object has gone, and forgets the missing object", async () => {
    const { runId } = await run(alice, "SELECT 7 AS seven");
    const key = (await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } })).resultKey!;
    await space.store.deleteObjects(space.bucket, [key]);
    engineRuns = 0;
    const result = await rowsOfRun({ ctx: ctxOf(alice), input: { runId }, signal: new AbortController().signal });
    expect(result.source).toBe("engine");
    expect(await drain(result.pages)).toEqual([[7]]);
    expect(engineRuns).toBe(1);
    expect((await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } })).resultKey).toBeNull();
  });
});

describe("re-opening a kept result", () => {
  it("marks the owner's runs with a kept result in the history, and nobody else's", async () => {
    const { runId: kept } = await run(alice, "SELECT 'history' AS h");
    const { runId: cut } = await run(alice, "SELECT id FROM trips", 5);
    const mine = await listRuns({ ctx: ctxOf(alice), input: { everyone: false, page: 1, pageSize: 50 } });
    expect(mine.runs.find((r) => r.id === kept)?.resultKept).toBe(true);
    expect(mine.runs.find((r) => r.id === cut)?.resultKept).toBe(false);
    expect(mine.runs[0]).not.toHaveProperty("resultKey");
    const everyone = await listRuns({ ctx: ctxOf(bob), input: { everyone: true, page: 1, pageSize: 50 } });
    expect(everyone.runs.find((r) => r.id === kept)?.resultKept).toBe(false);
  });

  it("replays the run as the execute protocol's events, without running the statement", async () => {
    const { runId } = await run(alice, "SELECT id FROM trips WHERE id < 1200 ORDER BY id");
    engineRuns = 0;
    const events: RunEvent[] = [];
    for await (const e of await replayRun({ ctx: ctxOf(alice), input: { runId }, signal: new AbortController().signal })) events.push(e);
    expect(events[0]).toMatchObject({ type: "run", runId });
    expect(events[1]).toEqual({ type: "columns", columns: [{ name: "id", type: "BIGINT" }] });
    expect(events.flatMap((e) => (e.type === "rows" ? e.rows : []))).toHaveLength(1200);
    // The kept column pages go out as they were kept, for the frames stream to send undecoded.
    expect(events.filter((e) => e.type === "rows").every((e) => e.type === "rows" && e.page !== undefined)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "finished", rowCount: 1200, truncated: false });
    expect(engineRuns).toBe(0);
  });

  it("says clearly when the result is no longer kept", async () => {
    const { runId } = await run(alice, "SELECT id FROM trips", 10);
    const err = await domainErrorOf(replayRun({ ctx: ctxOf(alice), input: { runId }, signal: new AbortController().signal }));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toBe("The result of this run is no longer kept. Run the query again to see it.");
  });
});

describe("retention", () => {
  it("removes expired results and old day folders, and keeps fresh ones", async () => {
    const { runId: oldRun } = await run(alice, "SELECT 'old' AS age");
    const { runId: freshRun } = await run(alice, "SELECT 'fresh' AS age");
    const oldKey = (await database.db.queryRun.findUniqueOrThrow({ where: { id: oldRun } })).resultKey!;
    const freshKey = (await database.db.queryRun.findUniqueOrThrow({ where: { id: freshRun } })).resultKey!;
    await database.db.queryRun.update({ where: { id: oldRun }, data: { resultExpiresAt: new Date(Date.now() - 1_000) } });
    // An object no run points at, from three days ago (a process that died before recording it).
    await space.store.put(space.bucket, "2026-01-01/orphan.ndjson.gz", new Uint8Array([1]));

    const summary = await sweepResults(space, database.db);
    expect(summary).toMatchObject({ expired: 1, failed: 0 });
    expect(summary.daysRemoved).toBeGreaterThanOrEqual(1);
    const left = await objectKeys();
    expect(left).toContain(freshKey);
    expect(left).not.toContain(oldKey);
    expect(left).not.toContain("2026-01-01/orphan.ndjson.gz");
    expect((await database.db.queryRun.findUniqueOrThrow({ where: { id: oldRun } })).resultKey).toBeNull();

    // The expired run's download now runs the statement again.
    engineRuns = 0;
    const result = await rowsOfRun({ ctx: ctxOf(alice), input: { runId: oldRun }, signal: new AbortController().signal });
    expect(result.source).toBe("engine");
    expect(await drain(result.pages)).toEqual([["old"]]);
  });
});
