// The home page's lists, on the embedded database and on PostgreSQL: what a person relies on —
// their own recently viewed datasets newest first (nobody else's), at most 200 kept, popular
// datasets counted by people across page views and workbench runs of the last 30 days, datasets
// removed from the catalog gone from both lists, and their own latest statements once each.
// Recording a view never fails the dataset page.
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { logger } from "../logger";
import type { CurrentUser } from "../auth/current-user";
import { homeFeed, openDataset, popularDatasets, QUERY_LINK_MAX_CHARS, recentlyViewed, recentQueries, recordDatasetView, RECENT_VIEWS_KEPT } from "./home";

const MINUTE = 60_000;
const DAY = 86_400_000;

await describeOnDatabases("home page lists on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let ada: CurrentUser;
  let bob: CurrentUser;
  let cyd: CurrentUser;
  const ids: Record<string, string> = {};

  const addUser = async (name: string): Promise<CurrentUser> => {
    const row = await database.db.user.create({ data: { email: `${name}@example.com`, name, passwordHash: "x" } });
    return { id: row.id, email: row.email, name: row.name, role: "viewer" };
  };
  const dataset = async (schema: string, name: string) => {
    const row = await database.db.catalogDataset.create({ data: { engineId: "duckdb", catalog: "lakehouse", schema, name, kind: "TABLE", columnsHash: "h" } });
    ids[`${schema}.${name}`] = row.id;
    return row.id;
  };
  const view = (user: CurrentUser, key: string, minutesAgo: number) => recordDatasetView(database.db, user.id, ids[key]!, new Date(Date.now() - minutesAgo * MINUTE));
  const names = (list: { schema: string; name: string }[]) => list.map((d) => `${d.schema}.${d.name}`);
  const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    [ada, bob, cyd] = [await addUser("ada"), await addUser("bob"), await addUser("cyd")];
    for (const name of ["flights", "airports", "weather", "carriers"]) await dataset("staging", name);
    await dataset("curated", "daily_delays");
  });
  afterAll(() => database?.close());
  afterEach(async () => {
    if (skip) return;
    await database.db.$executeRaw`DELETE FROM catalog_dataset_views`;
    await database.db.$executeRaw`DELETE FROM catalog_dataset_usage`;
    await database.db.$executeRaw`DELETE FROM query_runs`;
    await database.db.$executeRaw`UPDATE catalog_datasets SET removed_at = NULL`;
  });

  it.skipIf(skip)("lists the datasets a user opened, newest first; opening one again moves it to the top", async () => {
    await view(ada, "staging.flights", 30);
    await view(ada, "staging.airports", 20);
    await view(ada, "curated.daily_delays", 10);
    expect(names(await recentlyViewed(database.db, ada.id))).toEqual(["curated.daily_delays", "staging.airports", "staging.flights"]);

    await view(ada, "staging.flights", 1);
    const recent = await recentlyViewed(database.db, ada.id);
    expect(names(recent)).toEqual(["staging.flights", "curated.daily_delays", "staging.airports"]);
    // Two opens 29 minutes apart are two visits; one row per dataset all the same.
    expect(recent[0]).toMatchObject({ name: "flights", visits: 2 });
    expect(await database.db.catalogDatasetView.count({ where: { userId: ada.id } })).toBe(3);
  });

  it.skipIf(skip)("counts a reload within ten minutes as the same visit, and an older write never moves the time back", async () => {
    await view(ada, "staging.weather", 9);
    await view(ada, "staging.weather", 5); // a reload
    await view(ada, "staging.weather", 7); // a late write of an earlier open
    const row = await database.db.catalogDatasetView.findUniqueOrThrow({ where: { userId_datasetId: { userId: ada.id, datasetId: ids["staging.weather"]! } } });
    expect(row.viewCount).toBe(1);
    expect(Date.now() - row.lastViewedAt.getTime()).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(Date.now() - row.lastViewedAt.getTime()).toBeLessThan(6 * MINUTE);
  });

  it.skipIf(skip)("shows each user only their own views", async () => {
    await view(ada, "staging.flights", 5);
    await view(bob, "staging.carriers", 4);
    expect(names(await recentlyViewed(database.db, ada.id))).toEqual(["staging.flights"]);
    expect(names(await recentlyViewed(database.db, bob.id))).toEqual(["staging.carriers"]);
    expect(await recentlyViewed(database.db, cyd.id)).toEqual([]);
  });

  it.skipIf(skip)(`keeps each user's ${RECENT_VIEWS_KEPT} latest views and drops the older ones`, async () => {
    const many = await database.db.catalogDataset.createManyAndReturn({
      data: Array.from({ length: RECENT_VIEWS_KEPT + 5 }, (_, i) => ({
        engineId: "duckdb",
        catalog: "lakehouse",
        schema: "bulk",
        name: `t${String(i).padStart(3, "0")}`,
        kind: "TABLE",
        columnsHash: "h",
      })),
      select: { id: true, name: true },
    });
    // t000 is the oldest view, t204 the newest.
    for (const [i, d] of many.entries()) await recordDatasetView(database.db, ada.id, d.id, new Date(Date.now() - (many.length - i) * MINUTE));
    await view(bob, "staging.flights", 1);

    const kept = await database.db.catalogDatasetView.findMany({ where: { userId: ada.id }, select: { datasetId: true } });
    expect(kept).toHaveLength(RECENT_VIEWS_KEPT);
    const keptNames = new Set(many.filter((d) => kept.some((k) => k.datasetId === d.id)).map((d) => d.name));
    expect(["t000", "t001", "t002", "t003", "t004"].filter((n) => keptNames.has(n))).toEqual([]);
    expect(keptNames.has("t005") && keptNames.has("t204")).toBe(true);
    expect((await recentlyViewed(database.db, ada.id, 3)).map((d) => d.name)).toEqual(["t204", "t203", "t202"]);
    // Another user's row is not pruned by Ada's.
    expect(await database.db.catalogDatasetView.count({ where: { userId: bob.id } })).toBe(1);
    await database.db.catalogDataset.deleteMany({ where: { schema: "bulk" } });
  });

  it.skipIf(skip)("ranks popular datasets by the people who opened or queried them in the last 30 days", async () => {
    const run = async (user: CurrentUser, key: string, daysAgo: number) => {
      const at = new Date(Date.now() - daysAgo * DAY);
      const queryRun = await database.db.queryRun.create({
        data: { userId: user.id, engineId: "duckdb", sql: `SELECT * FROM ${key}`, statementKind: "read", status: "succeeded", startedAt: at, finishedAt: at },
      });
      await database.db.catalogDatasetUsage.create({ data: { datasetId: ids[key]!, queryRunId: queryRun.id, userId: user.id, at } });
    };
    // airports: three people (two viewed, one queried). flights: two people, one of whom both
    // viewed and queried it twice. weather: two people, no runs. carriers: viewed 40 days ago only.
    await view(ada, "staging.airports", 60);
    await view(bob, "staging.airports", 60);
    await run(cyd, "staging.airports", 2);
    await view(ada, "staging.flights", 10);
    await run(ada, "staging.flights", 3);
    await run(ada, "staging.flights", 1);
    await view(bob, "staging.flights", 5);
    await view(ada, "staging.weather", 5);
    await view(cyd, "staging.weather", 5);
    await recordDatasetView(database.db, ada.id, ids["staging.carriers"]!, new Date(Date.now() - 40 * DAY));
    await run(bob, "staging.carriers", 45);

    const popular = await popularDatasets(database.db);
    expect(popular.map((d) => ({ name: d.name, people: d.people, viewers: d.viewers, runs: d.runs }))).toEqual([
      { name: "airports", people: 3, viewers: 2, runs: 1 },
      { name: "flights", people: 2, viewers: 2, runs: 2 },
      { name: "weather", people: 2, viewers: 2, runs: 0 },
    ]);
  });

  it.skipIf(skip)("leaves a dataset removed from the catalog out of both lists, and brings it back when it returns", async () => {
    await view(ada, "staging.flights", 3);
    await view(ada, "staging.airports", 2);
    await view(bob, "staging.airports", 2);
    await database.db.catalogDataset.update({ where: { id: ids["staging.airports"]! }, data: { removedAt: new Date() } });

    expect(names(await recentlyViewed(database.db, ada.id))).toEqual(["staging.flights"]);
    expect(names(await popularDatasets(database.db))).toEqual(["staging.flights"]);

    await database.db.catalogDataset.update({ where: { id: ids["staging.airports"]! }, data: { removedAt: null } });
    expect(names(await recentlyViewed(database.db, ada.id))).toEqual(["staging.airports", "staging.flights"]);
  });

  it.skipIf(skip)("drops the views of a dataset deleted from the catalog", async () => {
    const gone = await dataset("staging", "scratch");
    await view(ada, "staging.scratch", 1);
    await view(ada, "staging.flights", 2);
    await database.db.catalogDataset.delete({ where: { id: gone } });
    expect(names(await recentlyViewed(database.db, ada.id))).toEqual(["staging.flights"]);
    expect(await database.db.catalogDatasetView.count({ where: { datasetId: gone } })).toBe(0);
  });

  it.skipIf(skip)("lists the user's own latest statements once each, cut where a link could not carry them", async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * MINUTE);
    const runOf = (user: CurrentUser, sql: string, minutesAgo: number) =>
      database.db.queryRun.create({
        data: { userId: user.id, engineId: "duckdb", catalog: "lakehouse", schema: "staging", sql, statementKind: "read", status: "succeeded", startedAt: at(minutesAgo) },
      });
    const long = `SELECT ${"1 + ".repeat(1_000)}1`;
    await runOf(bob, "SELECT 'bob only'", 1);
    await runOf(bob, "SELECT * FROM flights", 50);
    await runOf(bob, "SELECT * FROM flights", 3);
    await runOf(bob, long, 2);
    await runOf(ada, "SELECT 'ada'", 1);

    const queries = await recentQueries(database.db, bob.id);
    expect(queries.map((q) => q.sql.slice(0, 30))).toEqual(["SELECT 'bob only'", long.slice(0, 30), "SELECT * FROM flights"]);
    expect(queries.map((q) => q.truncated)).toEqual([false, true, false]);
    expect(queries[1]!.sql).toHaveLength(QUERY_LINK_MAX_CHARS);
    expect(queries[2]).toMatchObject({ engineId: "duckdb", catalog: "lakehouse", schema: "staging", status: "succeeded" });
    expect(Date.now() - queries[2]!.startedAt.getTime()).toBeLessThan(4 * MINUTE); // its latest run
    expect((await recentQueries(database.db, cyd.id)).length).toBe(0);
  });

  it.skipIf(skip)("opening a dataset page records a view without waiting for it", async () => {
    const address = { engineId: "duckdb", catalog: "lakehouse", schema: "staging", name: "carriers" };
    expect((await homeFeed({ ctx: ctxOf(cyd), input: undefined })).popular).toEqual([]); // kept in memory now
    const page = await openDataset({ ctx: ctxOf(cyd), input: address });
    expect(page).toMatchObject({ name: "carriers", workbenchSql: expect.stringContaining("carriers") });
    await expect.poll(async () => names(await recentlyViewed(database.db, cyd.id))).toEqual(["staging.carriers"]);
    const feed = await homeFeed({ ctx: ctxOf(cyd), input: undefined });
    expect(names(feed.recent)).toEqual(["staging.carriers"]);
    // Not "nobody has opened a dataset" beside the one just opened: the empty list kept is recounted.
    expect(names(feed.popular)).toEqual(["staging.carriers"]);
    expect(feed.popularWindowDays).toBe(30);
  });

  it.skipIf(skip)("a view that cannot be recorded is logged, and the page still gets its dataset", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => logger);
    try {
      // A user row that does not exist (deleted meanwhile): the insert breaks its foreign key.
      const ghost: CurrentUser = { id: "00000000-0000-4000-8000-0000000000ff", email: "ghost@example.com", name: "Ghost", role: "viewer" };
      const page = await openDataset({ ctx: ctxOf(ghost), input: { engineId: "duckdb", catalog: "lakehouse", schema: "staging", name: "weather" } });
      expect(page.name).toBe("weather");
      await expect.poll(() => warn.mock.calls.some(([, message]) => message === "could not record a dataset view")).toBe(true);
      expect(await database.db.catalogDatasetView.count()).toBe(0);
    } finally {
      warn.mockRestore();
    }
  });
});
