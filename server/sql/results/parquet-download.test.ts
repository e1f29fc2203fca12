// Parquet downloads through the real route (POST /api/sql/download with an API token), from a
// result kept by a real DuckDB run, read back with hyparquet: the file holds every row with its
// values and types. Another user's run (an admin's request included) is refused, runs nothing
// and leaves no file behind.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { POST as download } from "@/app/api/sql/download/route";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { createTestUser } from "../../testing/expectations";
import { createToken } from "../../auth/api-tokens";
import type { CurrentUser } from "../../auth/current-user";
import { DuckDbEngine } from "../../engines/duckdb/duckdb-engine";
import { setEngines } from "../../engines/registry";
import { LocalObjectStore } from "../../storage/local-store";
import { executeRun, prepareRun, type RunEvent } from "../run-query";
import { setResultSpace } from "./result-space";
import { parquetColumn, parquetScratchFolder } from "./parquet-file";

const TYPED = `
  SELECT i AS id,
         CASE WHEN i = 0 THEN 9007199254740993 ELSE i * 1000 END::BIGINT AS big,
         (i * 7)::HUGEINT AS huge,
         (i / 100)::DECIMAL(10, 2) AS amount,
         i / 3 AS ratio,
         CASE WHEN i % 10 = 0 THEN NULL ELSE 'row "' || i || '" ☃' END AS label,
         i % 2 = 0 AS even,
         DATE '2001-01-01' + i::INTEGER AS day,
         TIMESTAMP '2001-01-01 00:00:00' + INTERVAL (i) SECOND + INTERVAL 500 MILLISECOND AS at,
         [i, i + 1] AS pair,
         {'n': i, 'tag': 'x' || i} AS info,
         MAP {'k': i} AS lookup
  FROM range(2500) r(i)`;

await describeOnDatabases("Parquet downloads on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let engine: DuckDbEngine;
  let root: string;
  let alice: CurrentUser;
  let aliceToken: string;
  let adminToken: string;
  let engineRuns = 0;

  async function run(user: CurrentUser, sql: string, limit = 10_000): Promise<string> {
    const prepared = await prepareRun({ ctx: { user, ip: null, db: database.db }, input: { engineId: "duckdb", sql, catalog: "memory", schema: "main", limit } });
    const events: RunEvent[] = [];
    for await (const event of executeRun(prepared, new AbortController().signal)) events.push(event);
    expect(events.at(-1)?.type).toBe("finished");
    return (events[0] as Extract<RunEvent, { type: "run" }>).runId;
  }

  function post(token: string, body: Record<string, string>): Promise<Response> {
    return download(
      new Request("http://portal.test/api/sql/download", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
  }

  /** This process's download folders in the converter's scratch folder (removed once a file was sent). */
  const scratchFolders = async () => readdirSync(await parquetScratchFolder()).filter((name) => name.startsWith("download-"));

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    engine = await DuckDbEngine.create({ path: ":memory:" });
    const execute = engine.execute.bind(engine);
    engine.execute = (request) => {
      engineRuns += 1;
      return execute(request);
    };
    setEngines(new Map([["duckdb", { engine, defaultCatalog: "memory", defaultSchema: "main" }]]));
    root = mkdtempSync(path.join(os.tmpdir(), "portal-parquet-results-"));
    const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
    await store.init(["sql-results"]);
    setResultSpace({ store, bucket: "sql-results", prefix: "", retentionMs: 3_600_000, maxKeptBytes: 100_000_000 });
    alice = await createTestUser(database.db, "alice-parquet@example.com", "viewer");
    const admin = await createTestUser(database.db, "admin-parquet@example.com", "admin");
    aliceToken = (await createToken({ ctx: { user: alice, ip: null, db: database.db }, input: { name: "downloads", scopes: ["read", "sql:run"], expiresInDays: 1 } })).token;
    adminToken = (await createToken({ ctx: { user: admin, ip: null, db: database.db }, input: { name: "downloads", scopes: ["read", "sql:run"], expiresInDays: 1 } })).token;
  });

  afterAll(async () => {
    if (skip) return;
    setResultSpace(undefined);
    await engine.close();
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  beforeEach(() => {
    engineRuns = 0;
  });

  it.skipIf(skip)("writes a kept result as Parquet with its values and column types", async () => {
    const runId = await run(alice, TYPED);
    engineRuns = 0;
    const res = await post(aliceToken, { runId, format: "parquet" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(res.headers.get("x-result-source")).toBe("stored");
    expect(res.headers.get("content-disposition")).toMatch(/\.parquet"$/);
    const file = await res.arrayBuffer();
    expect(Number(res.headers.get("content-length"))).toBe(file.byteLength);
    expect(engineRuns).toBe(0); // read from the kept result

    const metadata = parquetMetadata(file);
    expect(Number(metadata.num_rows)).toBe(2500);
    const types = Object.fromEntries(
      parquetSchema(metadata).children.map((c) => [c.element.name, [c.element.type ?? "GROUP", c.element.logical_type?.type ?? c.element.converted_type ?? null]]),
    );
    expect(types).toMatchObject({
      id: ["INT64", "INT_64"],
      big: ["INT64", "INT_64"],
      huge: ["BYTE_ARRAY", "UTF8"], // wider than Parquet's 64 bits: exact text, never a double
      amount: ["INT64", "DECIMAL"],
      ratio: ["DOUBLE", null],
      label: ["BYTE_ARRAY", "UTF8"],
      even: ["BOOLEAN", null],
      day: ["INT32", "DATE"],
      at: ["INT64", "TIMESTAMP"],
      pair: ["GROUP", "LIST"],
      info: ["GROUP", null],
      lookup: ["BYTE_ARRAY", "JSON"], // a MAP's JSON form, as the other downloads show it
    });

    const rows = await parquetReadObjects({ file, compressors });
    expect(rows).toHaveLength(2500);
    expect(rows[0]).toMatchObject({ id: 0n, big: 9007199254740993n, huge: "0", amount: 0, label: null, even: true, pair: [0n, 1n], info: { n: 0n, tag: "x0" } });
    const last = rows[2499]!;
    expect(last).toMatchObject({ id: 2499n, big: 2499000n, huge: "17493", label: 'row "2499" ☃', even: false, pair: [2499n, 2500n] });
    expect(last.ratio).toBeCloseTo(833, 9);
    // The file keeps the decimal exact (unscaled 2499, scale 2); hyparquet hands it over as a double.
    expect(last.amount).toBeCloseTo(24.99, 12);
    const amount = parquetSchema(metadata).children.find((c) => c.element.name === "amount")!.element;
    expect([amount.precision, amount.scale]).toEqual([10, 2]);
    expect((last.day as Date).toISOString()).toBe("2007-11-05T00:00:00.000Z");
    expect((last.at as Date).toISOString()).toBe("2001-01-01T00:41:39.500Z");
    expect(last.lookup).toEqual([{ key: "k", value: 2499 }]); // hyparquet parses a JSON column
    // Row order is the result's order, across every page of the kept result.
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    await expect.poll(scratchFolders).toEqual([]); // the scratch files are gone once the file was sent
  });

  it.skipIf(skip)("runs a truncated result again for all its rows", async () => {
    const runId = await run(alice, "SELECT range AS n FROM range(3000)", 1_000);
    engineRuns = 0;
    const res = await post(aliceToken, { runId, format: "parquet" });
    expect(res.headers.get("x-result-source")).toBe("engine");
    const rows = await parquetReadObjects({ file: await res.arrayBuffer(), compressors });
    expect(rows).toHaveLength(3000);
    expect(rows.at(-1)).toEqual({ n: 2999n });
    expect(engineRuns).toBe(1);
  });

  it.skipIf(skip)("refuses another user's run, an admin's request included, and runs nothing", async () => {
    const runId = await run(alice, "SELECT 42 AS answer");
    engineRuns = 0;
    const before = await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } });
    const res = await post(adminToken, { runId, format: "parquet" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/no query run with this id among your runs/);
    expect(engineRuns).toBe(0);
    expect(await database.db.queryRun.findUniqueOrThrow({ where: { id: runId } })).toEqual(before);
    expect(await scratchFolders()).toEqual([]);
  });

  it.skipIf(skip)("refuses an unknown format", async () => {
    const runId = await run(alice, "SELECT 1 AS one");
    const res = await post(aliceToken, { runId, format: "xlsx" });
    expect(res.status).toBe(400);
  });
});

// After both databases' suites: the portal removes the folder at exit; vitest ends its workers without an exit event.
afterAll(async () => rmSync(await parquetScratchFolder(), { recursive: true, force: true }));

it("maps engine types to Parquet columns, and anything unknown to text", () => {
  expect(parquetColumn("BIGINT")).toEqual({ sqlType: "BIGINT", read: "text" });
  expect(parquetColumn("decimal(38, 4)")).toEqual({ sqlType: "DECIMAL(38, 4)", read: "text" });
  expect(parquetColumn("varchar(12)")).toEqual({ sqlType: "VARCHAR", read: "text" });
  expect(parquetColumn("timestamp(3)")).toEqual({ sqlType: "TIMESTAMP", read: "text" });
  expect(parquetColumn("timestamp(9)")).toEqual({ sqlType: "TIMESTAMP_NS", read: "text" });
  expect(parquetColumn("timestamp(3) with time zone")).toEqual({ sqlType: "VARCHAR", read: "text" }); // Trino names the zone
  expect(parquetColumn('STRUCT("a b" INTEGER, c VARCHAR[])')).toEqual({ sqlType: "JSON", read: "json" }); // unquoted field name: not on the list
  expect(parquetColumn('STRUCT("a b" INTEGER, "c" VARCHAR[])')).toEqual({ sqlType: 'STRUCT("a b" INTEGER, "c" VARCHAR[])', read: "json" });
  expect(parquetColumn("MAP(VARCHAR, INTEGER)")).toEqual({ sqlType: "JSON", read: "json" });
  expect(parquetColumn("array(row(a integer))")).toEqual({ sqlType: "JSON", read: "json" });
  expect(parquetColumn("HUGEINT")).toEqual({ sqlType: "VARCHAR", read: "text" });
  // A type string is never pasted into SQL unless it is on the list.
  expect(parquetColumn("INTEGER) AS x FROM read_text('/etc/passwd') --")).toEqual({ sqlType: "VARCHAR", read: "text" });
  expect(parquetColumn("ENUM('a', 'b')")).toEqual({ sqlType: "VARCHAR", read: "text" });
});
