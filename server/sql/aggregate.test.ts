// sql.aggregate on a real database (PGlite), real DuckDB and a real kept-result store: a kept
// result is aggregated over every row without running the statement again; a result cut at the
// row limit is aggregated by its engine over the whole statement; only the owner may do either.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { DuckDbEngine } from "../engines/duckdb/duckdb-engine";
import { setEngines } from "../engines/registry";
import { LocalObjectStore } from "../storage/local-store";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { executeRun, prepareRun, type RunEvent } from "./run-query";
import { setResultSpace } from "./results/result-space";
import { aggregateRun } from "./aggregate";
import { aggregateInput, type AggregateSpec } from "./aggregate-schema";

let database: TestDatabase;
let engine: DuckDbEngine;
let root: string;
let alice: CurrentUser;
let bob: CurrentUser;
let engineSql: string[];
const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });

async function run(user: CurrentUser, sql: string, limit = 10_000) {
  const prepared = await prepareRun({ ctx: ctxOf(user), input: { engineId: "duckdb", sql, catalog: "memory", schema: "main", limit } });
  const events: RunEvent[] = [];
  for await (const e of executeRun(prepared, new AbortController().signal)) events.push(e);
  const failure = events.find((e) => e.type === "error");
  if (failure) throw new Error(JSON.stringify(failure));
  return { events, runId: (events[0] as Extract<RunEvent, { type: "run" }>).runId };
}

const aggregate = (user: CurrentUser, runId: string, spec: AggregateSpec) => aggregateRun({ ctx: ctxOf(user), input: { runId, spec }, signal: new AbortController().signal });
const col = (index: number, name: string) => ({ index, name });

// 5,000 trips: carrier A/B/C/D/NULL by id % 5, distance = id, fare as DECIMAL, a text column.
const TRIPS =
  "SELECT id, CASE id % 5 WHEN 4 THEN NULL ELSE chr(CAST(65 + id % 5 AS INTEGER)) END AS carrier, id * 1.0 AS distance, CAST(id / 100 AS DECIMAL(10,2)) AS fare, 'note ' || id AS note FROM trips ORDER BY id";

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  engine = await DuckDbEngine.create({ path: ":memory:" });
  const conn = await engine.connect();
  await conn.run("CREATE TABLE trips AS SELECT range AS id FROM range(5000)");
  conn.disconnectSync();
  const execute = engine.execute.bind(engine);
  engine.execute = (request) => {
    engineSql.push(request.sql);
    return execute(request);
  };
  setEngines(new Map([["duckdb", { engine, defaultCatalog: "memory", defaultSchema: "main" }]]));
  root = mkdtempSync(path.join(os.tmpdir(), "portal-aggregate-"));
  const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
  await store.init(["sql-results"]);
  setResultSpace({ store, bucket: "sql-results", prefix: "", retentionMs: 3_600_000, maxKeptBytes: 100_000_000 });
  alice = await createTestUser(database.db, "alice@example.com", "viewer");
  bob = await createTestUser(database.db, "bob@example.com", "admin");
});

beforeEach(() => {
  engineSql = [];
});

afterAll(async () => {
  setResultSpace(undefined);
  setEngines(undefined);
  await engine?.close();
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("over a kept result", () => {
  it("computes count, sum, avg, min and max per group over every row, without running the statement again", async () => {
    const { runId, events } = await run(alice, TRIPS);
    expect(events.some((e) => e.type === "stored")).toBe(true);
    engineSql = [];
    const count = await aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: null, fn: "count" });
    expect(count).toMatchObject({ kind: "groups", source: "kept", groupCount: 5 });
    expect(count.kind === "groups" && count.groups.map((g) => [g.key, g.value]).sort()).toEqual(
      [
        ["A", 1000],
        ["B", 1000],
        ["C", 1000],
        ["D", 1000],
        [null, 1000],
      ].sort(),
    );

    // sum of ids ≡ 0 mod 5 below 5,000: 5 × (0 + 1 + … + 999) = 2,497,500
    const sum = await aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: col(2, "distance"), fn: "sum" });
    expect(sum.kind === "groups" && sum.groups.find((g) => g.key === "A")?.value).toBe(2_497_500);
    const avg = await aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: col(3, "fare"), fn: "avg" });
    expect(avg.kind === "groups" && avg.groups.find((g) => g.key === "B")?.value).toBeCloseTo(24.985, 9); // avg(1, 6, …, 4996) / 100; decimals arrive as strings
    const max = await aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: col(0, "id"), fn: "max" });
    expect(max.kind === "groups" && max.groups[0]).toEqual({ key: null, value: 4999 }); // largest first
    const min = await aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: col(0, "id"), fn: "min" });
    expect(min.kind === "groups" && min.groups.find((g) => g.key === "D")?.value).toBe(3);
    expect(engineSql).toEqual([]);
  });

  it("bins a histogram exactly: equal widths from the least to the greatest value, the greatest in the last bin", async () => {
    const { runId } = await run(alice, TRIPS);
    const histogram = await aggregate(alice, runId, { kind: "histogram", value: col(2, "distance"), bins: 10 });
    expect(histogram.kind === "histogram" && histogram.bins).toHaveLength(10);
    if (histogram.kind !== "histogram") throw new Error("not a histogram");
    expect(histogram.bins[0]).toEqual({ start: 0, end: 499.9, count: 500 });
    expect(histogram.bins.at(-1)).toMatchObject({ end: 4999, count: 500 });
    expect(histogram.bins.at(-1)!.start).toBeCloseTo(4499.1, 9);
    expect(histogram.bins.reduce((n, b) => n + b.count, 0)).toBe(5000);
  });

  it("refuses sum, avg and histograms over text, saying why", async () => {
    const { runId } = await run(alice, TRIPS);
    const err = await domainErrorOf(aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: col(4, "note"), fn: "sum" }));
    expect(err).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining('note holds text such as "note 0": sum needs numbers') });
    expect(await domainErrorOf(aggregate(alice, runId, { kind: "histogram", value: col(1, "carrier"), bins: 5 }))).toMatchObject({ code: "BAD_REQUEST" });
    // count over a text column is fine
    expect(await aggregate(alice, runId, { kind: "groups", key: col(4, "note"), measure: col(4, "note"), fn: "count" })).toMatchObject({ groupCount: 5000 });
  });

  it("returns the 1,000 largest groups and says how many there are", async () => {
    const { runId } = await run(alice, TRIPS);
    const answer = await aggregate(alice, runId, { kind: "groups", key: col(0, "id"), measure: col(0, "id"), fn: "sum" });
    expect(answer).toMatchObject({ groupCount: 5000 });
    expect(answer.kind === "groups" && answer.groups).toHaveLength(1000);
    expect(answer.kind === "groups" && answer.groups[0]).toEqual({ key: "4999", value: 4999 });
  });
});

describe("over a result cut at the row limit", () => {
  it("has the engine aggregate the whole statement, not the rows that were loaded", async () => {
    const { runId, events } = await run(alice, `${TRIPS} -- a trailing comment`, 100);
    expect(events.at(-1)).toMatchObject({ type: "finished", truncated: true });
    engineSql = [];
    const count = await aggregate(alice, runId, { kind: "groups", key: col(1, "carrier"), measure: null, fn: "count" });
    expect(count).toMatchObject({ source: "engine", groupCount: 5 });
    expect(count.kind === "groups" && count.groups.every((g) => g.value === 1000)).toBe(true);
    expect(engineSql).toHaveLength(1);
    const histogram = await aggregate(alice, runId, { kind: "histogram", value: col(0, "id"), bins: 4 });
    expect(histogram.kind === "histogram" && histogram.bins.map((b) => b.count)).toEqual([1250, 1250, 1250, 1250]);
  });
});

describe("refusals", () => {
  it("another user's run is not found, admins included, and nothing runs", async () => {
    const { runId } = await run(alice, TRIPS, 100);
    engineSql = [];
    expect(await domainErrorOf(aggregate(bob, runId, { kind: "groups", key: col(1, "carrier"), measure: null, fn: "count" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(engineSql).toEqual([]);
  });

  it("a column that is not where the request says is refused", async () => {
    const { runId } = await run(alice, TRIPS);
    expect(await domainErrorOf(aggregate(alice, runId, { kind: "groups", key: col(1, "id"), measure: null, fn: "count" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("the input schema is strict", () => {
    const base = { runId: "7d0f8a4e-5a3b-4c1d-9e2f-0a1b2c3d4e5f", spec: { kind: "groups", key: col(0, "a"), measure: null, fn: "count" } };
    expect(aggregateInput.safeParse(base).success).toBe(true);
    expect(aggregateInput.safeParse({ ...base, sql: "SELECT 1" }).success).toBe(false);
    expect(aggregateInput.safeParse({ ...base, spec: { ...base.spec, fn: "median" } }).success).toBe(false);
    expect(aggregateInput.safeParse({ ...base, spec: { kind: "histogram", value: col(0, "a"), bins: 5000 } }).success).toBe(false);
  });
});
