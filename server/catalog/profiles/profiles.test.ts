// Column profiles on the embedded DuckDB, through tRPC as the pages call them, on PGlite and on
// PostgreSQL: figures known in advance, the sample above the row threshold, one profile for every
// reader, a schema change that makes it stale, the column cap, and refusals that store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../../testing/databases";
import { setEngines } from "../../engines/registry";
import { crawlEngine } from "../crawler";
import type { CurrentUser } from "../../auth/current-user";
import type { Role } from "../../../lib/auth/roles";
import { catalogAs, createProfileLake, createUsers } from "./testing";
import { MAX_PROFILE_COLUMNS } from "./profile-plan";

const available = await postgresAvailable();
let lake: Awaited<ReturnType<typeof createProfileLake>>;

beforeAll(async () => {
  lake = await createProfileLake();
  // orders: 2,000 rows whose figures are known exactly; big: over the sampling threshold.
  await lake.run(`
    CREATE SCHEMA shop;
    CREATE TABLE shop.orders AS SELECT
      i AS id,
      CAST((i % 100) / 4 AS DECIMAL(8, 2)) AS amount,
      CASE i % 4 WHEN 0 THEN 'paid' WHEN 1 THEN 'paid' WHEN 2 THEN 'open' END AS status,
      DATE '2024-01-01' + CAST(i % 30 AS INTEGER) AS ordered_on,
      i % 3 = 0 AS gift,
      [i, i + 1] AS parts
    FROM range(1, 2001) r(i);
    CREATE TABLE shop.big AS SELECT i AS n FROM range(1200000) r(i);
    CREATE TABLE shop.wide AS SELECT ${Array.from({ length: 45 }, (_, i) => `i + ${i} AS c${i}`).join(", ")} FROM range(10) r(i);
    CREATE TABLE shop.doomed AS SELECT 1 AS x;
  `);
});
afterAll(async () => {
  setEngines(undefined);
  await lake?.close();
});

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

describe.each(["pglite", "postgres"] as const)("column profiles on DuckDB (%s)", (kind) => {
  let database: TestDatabase;
  let users: Record<Role, CurrentUser>;
  const as = (role: Role) => catalogAs(database.db, users[role]);
  const idOf = async (name: string) => (await as("viewer").dataset({ engineId: "duckdb", catalog: "lab", schema: "shop", name })).id;

  beforeAll(async () => {
    if (kind === "postgres" && !available) return;
    database = await createTestDatabase(kind);
    users = await createUsers(database.db);
    setEngines(new Map([["duckdb", { engine: lake.engine, defaultCatalog: "lab", defaultSchema: "shop" }]]));
    await crawlEngine({ engineId: "duckdb", trigger: "schedule" });
  });
  afterAll(async () => {
    await database?.close();
  });

  it.skipIf(kind === "postgres" && !available)("a viewer profiles a table whole; every reader then sees that profile", async () => {
    const datasetId = await idOf("orders");
    const before = await as("viewer").profile({ datasetId });
    expect(before).toMatchObject({ engineKind: "duckdb", totalColumns: 6, profiles: [], plan: null });

    const profile = await as("viewer").profileCompute({ datasetId });
    expect(profile).toMatchObject({ target: null, stale: false, sampling: "full", samplePercent: null, sampledRows: 2000, tableRows: 2000, computedBy: "viewer@example.com" });
    const col = (name: string) => profile.columns.find((c) => c.name === name)!;
    expect(col("id")).toMatchObject({ kind: "integer", nullShare: 0, nonNull: 2000, min: 1, max: 2000 });
    // Approximate, but HyperLogLog is close at this size.
    expect(col("id").distinct).toBeGreaterThan(1900);
    expect(col("id").histogram).toHaveLength(20);
    expect(col("id").histogram!.map((b) => b.count)).toEqual(Array(20).fill(100));
    expect(col("id").histogram![0]).toEqual({ from: 1, to: 101, count: 100 });
    expect(col("status")).toMatchObject({
      kind: "text",
      nullShare: 0.25,
      distinct: 2,
      min: "open",
      max: "paid",
      topValues: [
        { value: "paid", count: 1000 },
        { value: "open", count: 500 },
      ],
    });
    expect(col("amount")).toMatchObject({ kind: "numeric", min: "0.00", max: "24.75" });
    expect(col("amount").histogram!.reduce((sum, b) => sum + b.count, 0)).toBe(2000);
    expect(col("ordered_on")).toMatchObject({ kind: "date", min: "2024-01-01", max: "2024-01-30" });
    // 30 days in bins of 2 days: 15 bins.
    expect(col("ordered_on").histogram).toHaveLength(15);
    expect(col("gift")).toMatchObject({
      kind: "boolean",
      topValues: [
        { value: "false", count: 1334 },
        { value: "true", count: 666 },
      ],
    });
    expect(col("parts")).toMatchObject({ kind: "other", nullShare: 0, distinct: null, histogram: null, topValues: null });

    const seen = await as("editor").profile({ datasetId });
    expect(seen.profiles).toHaveLength(1);
    expect(seen.profiles[0]).toMatchObject({ computedBy: "viewer@example.com", stale: false, sampledRows: 2000 });
    expect(seen.profiles[0]!.columns).toEqual(profile.columns);
  });

  it.skipIf(kind === "postgres" && !available)("samples a table above a million rows and says on how many", async () => {
    const profile = await as("viewer").profileCompute({ datasetId: await idOf("big") });
    expect(profile.sampling).toBe("bernoulli");
    expect(profile.tableRows).toBe(1_200_000);
    expect(profile.samplePercent).toBeCloseTo(41.666667, 4);
    expect(profile.sampledRows).toBeGreaterThan(480_000);
    expect(profile.sampledRows).toBeLessThan(520_000);
    const n = profile.columns[0]!;
    expect(n.nonNull).toBe(profile.sampledRows);
    expect(n.histogram!.reduce((sum, b) => sum + b.count, 0)).toBe(profile.sampledRows);
  });

  it.skipIf(kind === "postgres" && !available)("a schema change makes the profile stale; Refresh recomputes it", async () => {
    const datasetId = await idOf("orders");
    await lake.run("ALTER TABLE shop.orders ADD COLUMN note VARCHAR");
    try {
      await crawlEngine({ engineId: "duckdb", trigger: "schedule" });
      const stale = await as("viewer").profile({ datasetId });
      expect(stale.profiles[0]).toMatchObject({ stale: true, totalColumns: 6 });
      expect(stale.profiles[0]!.columns.map((c) => c.name)).not.toContain("note");

      const fresh = await as("editor").profileCompute({ datasetId });
      expect(fresh).toMatchObject({ stale: false, totalColumns: 7, computedBy: "editor@example.com" });
      expect(fresh.columns.find((c) => c.name === "note")).toMatchObject({ nullShare: 1, nonNull: 0, topValues: null });
      const after = await as("viewer").profile({ datasetId });
      expect(after.profiles).toHaveLength(1);
      expect(after.profiles[0]!.stale).toBe(false);
    } finally {
      await lake.run("ALTER TABLE shop.orders DROP COLUMN note");
    }
  });

  it.skipIf(kind === "postgres" && !available)("wide tables: the first columns together, any other one on its own", async () => {
    const datasetId = await idOf("wide");
    const first = await as("viewer").profileCompute({ datasetId });
    expect(first.columns).toHaveLength(MAX_PROFILE_COLUMNS);
    expect(first.totalColumns).toBe(45);
    const one = await as("viewer").profileCompute({ datasetId, column: "c44" });
    expect(one).toMatchObject({ target: "c44", columns: [{ name: "c44", min: 44, max: 53 }] });
    const read = await as("viewer").profile({ datasetId });
    expect(read.profiles.map((p) => p.target)).toEqual([null, "c44"]);
  });

  it.skipIf(kind === "postgres" && !available)("refusals say why and store nothing", async () => {
    const ordersId = await idOf("orders");
    const unknown = await failure(as("viewer").profileCompute({ datasetId: ordersId, column: "nope" }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(unknown.message).toBe("lab.shop.orders has no column “nope”.");
    const badId = await failure(as("viewer").profileCompute({ datasetId: "not-a-uuid" }));
    expect(badId.code).toBe("BAD_REQUEST");
    expect((await failure(catalogAs(database.db, null).profile({ datasetId: ordersId }))).code).toBe("UNAUTHORIZED");

    // Dropped in the engine since the crawl: the engine's own refusal, for reading and computing.
    const doomedId = await idOf("doomed");
    await lake.run("DROP TABLE shop.doomed");
    const read = await failure(as("viewer").profile({ datasetId: doomedId }));
    expect(read.code).toBe("BAD_REQUEST");
    expect(read.message).toMatch(/^The engine refused to read lab\.shop\.doomed: .*doomed/);
    const compute = await failure(as("viewer").profileCompute({ datasetId: doomedId }));
    expect(compute.message).toMatch(/^The engine refused to count the rows of lab\.shop\.doomed/);
    expect(await database.db.catalogColumnProfile.count({ where: { datasetId: { in: [doomedId] } } })).toBe(0);
    expect(await database.db.catalogColumnProfile.count({ where: { datasetId: ordersId } })).toBe(1);
    await lake.run("CREATE TABLE shop.doomed AS SELECT 1 AS x");
  });
});
