// Search relevance, on the embedded database and on PostgreSQL, over the crawled demo lakehouse
// plus a small shop schema: what people rely on — exact names first, then prefixes, typos
// forgiven, columns/descriptions/tags found and explained, facet counts that add up, and absurd
// queries answered at once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { crawlEngine } from "./crawler";
import { searchDatasets, searchFacets, type SearchHit } from "./search";
import { updateDescription, updateOwners, updateTags } from "./stewardship";
import { createTestLakehouse, type TestLakehouse } from "./testing/lakehouse";

let lake: TestLakehouse;
const steward = { id: "00000000-0000-4000-8000-00000000000a", email: "steward@example.com", name: "Steward", role: "editor" as const };
const names = (hits: SearchHit[]) => hits.map((h) => `${h.schema}.${h.name}`);

beforeAll(async () => {
  lake = await createTestLakehouse();
  await lake.run(`
    CREATE SCHEMA lakehouse.shop;
    CREATE TABLE lakehouse.shop.orders (id INTEGER, customer_id INTEGER, total DECIMAL(10, 2));
    CREATE TABLE lakehouse.shop.orders_archive (id INTEGER);
    CREATE TABLE lakehouse.shop.order_events (orders_id INTEGER, orders_total INTEGER, orders_status VARCHAR);
    COMMENT ON TABLE lakehouse.shop.order_events IS 'Orders: every change to orders, orders placed, orders shipped, orders returned.';
    CREATE TABLE lakehouse.shop.customers (id INTEGER, email VARCHAR, full_name VARCHAR, loyaltyTier VARCHAR);
    CREATE TABLE lakehouse.shop.dropped_later (id INTEGER);
  `);
});
afterAll(() => lake?.close());

await describeOnDatabases("dataset search on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  const search = (q: string, filters = {}) => searchDatasets({ ctx: { user: steward, ip: null, db: database.db }, input: { q, filters } });
  const id = async (schema: string, name: string) =>
    (await database.db.catalogDataset.findUniqueOrThrow({ where: { engineId_catalog_schema_name: { engineId: "duckdb", catalog: "lakehouse", schema, name } } })).id;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    await crawlEngine({ engineId: "duckdb", engine: lake.engine, trigger: "schedule" });
    // A dataset that vanished must not be found.
    await lake.run("DROP TABLE lakehouse.shop.dropped_later");
    await crawlEngine({ engineId: "duckdb", engine: lake.engine, trigger: "schedule" });
    await lake.run("CREATE TABLE lakehouse.shop.dropped_later (id INTEGER)");
    await updateTags({ ctx: { user: steward, ip: null, db: database.db }, input: { datasetId: await id("shop", "customers"), tags: ["pii", "gdpr"] } });
    await updateTags({ ctx: { user: steward, ip: null, db: database.db }, input: { datasetId: await id("shop", "orders"), tags: ["finance"] } });
    await updateOwners({ ctx: { user: steward, ip: null, db: database.db }, input: { datasetId: await id("shop", "orders"), owners: ["Revenue Team"] } });
    await updateDescription({
      ctx: { user: steward, ip: null, db: database.db },
      input: { datasetId: await id("curated", "route_performance"), description: "Use this for **punctuality** dashboards.", previous: "" },
    });
  });
  afterAll(() => database?.close());

  it.skipIf(skip)("puts exact name matches first, then name prefixes, then everything else", async () => {
    const result = await search("orders");
    expect(names(result.hits).slice(0, 3)).toEqual(["shop.orders", "shop.orders_archive", "shop.order_events"]);
    expect(result.hits[0]!.nameMatch).toBe("exact");
    expect(result.hits[1]!.nameMatch).toBe("prefix");
    expect(result.hits[2]!.nameMatch).toBeNull();
    // order_events mentions "orders" many times, in columns and its comment; the exact name still wins.
    expect(result.hits[2]!.reasons).toEqual(expect.arrayContaining(["name", "column", "description"]));
  });

  it.skipIf(skip)("matches the exact name case-insensitively, also when qualified with schema or catalog", async () => {
    expect(names((await search("Orders")).hits)[0]).toBe("shop.orders");
    expect((await search("shop.orders")).hits[0]).toMatchObject({ schema: "shop", name: "orders", nameMatch: "exact" });
    expect(names((await search("lakehouse.staging.flights")).hits)[0]).toBe("staging.flights");
    expect((await search("staging.flights")).hits[0]).toMatchObject({ schema: "staging", name: "flights", nameMatch: "exact" });
    expect(names((await search("daily flight delays")).hits)[0]).toBe("curated.daily_flight_delays");
  });

  it.skipIf(skip)("uses workbench usage to order equally good matches", async () => {
    const flights = names((await search("flights")).hits);
    expect(flights.slice(0, 2).sort()).toEqual(["raw.flights", "staging.flights"]);
    await database.db.catalogDataset.update({ where: { id: await id("raw", "flights") }, data: { usageCount: 7 } });
    await database.db.catalogDataset.update({ where: { id: await id("staging", "flights") }, data: { usageCount: 3 } });
    expect(names((await search("flights")).hits).slice(0, 2)).toEqual(["raw.flights", "staging.flights"]);
    await database.db.catalogDataset.update({ where: { id: await id("staging", "flights") }, data: { usageCount: 9 } });
    expect(names((await search("flights")).hits).slice(0, 2)).toEqual(["staging.flights", "raw.flights"]);
  });

  it.skipIf(skip)("finds prefixes of words while people type", async () => {
    expect(names((await search("daily_fl")).hits)[0]).toBe("curated.daily_flight_delays");
    expect(names((await search("rout")).hits)[0]).toBe("curated.route_performance");
    expect(names((await search("cust")).hits)).toContain("shop.customers");
  });

  it.skipIf(skip)("forgives typos and says what it searched for instead", async () => {
    const flights = await search("flihgts");
    expect(names(flights.hits).slice(0, 2).sort()).toEqual(["raw.flights", "staging.flights"]);
    expect(flights.corrections).toEqual([{ word: "flihgts", replacements: expect.arrayContaining(["flights"]) }]);
    expect(flights.hits[0]!.nameMatch).toBe("corrected");

    expect(names((await search("seatle wether")).hits)).toEqual(expect.arrayContaining(["raw.seattle_weather", "staging.seattle_weather"]));
    expect(names((await search("custmers")).hits)[0]).toBe("shop.customers");
    expect(names((await search("precipitaton")).hits)).toContain("staging.seattle_weather");
    // A correct word is not "corrected" into another.
    expect((await search("orders")).corrections).toEqual([]);
  });

  it.skipIf(skip)("finds datasets by column name and says which columns matched", async () => {
    const result = await search("delay_minutes");
    const flights = result.hits.find((h) => h.schema === "staging" && h.name === "flights");
    expect(flights).toMatchObject({ reasons: expect.arrayContaining(["column"]), matchedColumns: expect.arrayContaining(["delay_minutes"]) });
    // camelCase columns are split into words too.
    const loyalty = await search("loyalty tier");
    expect(loyalty.hits[0]).toMatchObject({ name: "customers", matchedColumns: ["loyaltyTier"] });
  });

  it.skipIf(skip)("finds words of descriptions and comments, with the matching words marked", async () => {
    const result = await search("punctuality");
    expect(names(result.hits)).toEqual(["curated.route_performance"]);
    expect(result.hits[0]!.reasons).toEqual(["description"]);
    expect(result.hits[0]!.snippet?.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(["punctuality"]);
    expect(result.hits[0]!.summary).toBe("Use this for punctuality dashboards.");

    // Column comments from the engine are searched too ("great-circle distance" is distance_miles').
    const distance = await search("great circle");
    expect(distance.hits[0]).toMatchObject({ schema: "staging", name: "flights", matchedColumns: ["distance_miles"] });
  });

  it.skipIf(skip)("finds datasets by tag and owner, and says so", async () => {
    const pii = await search("pii");
    expect(names(pii.hits)).toEqual(["shop.customers"]);
    expect(pii.hits[0]).toMatchObject({ reasons: ["tag"], matchedTags: ["pii"] });
    const team = await search("revenue team");
    expect(team.hits[0]).toMatchObject({ name: "orders", reasons: expect.arrayContaining(["owner"]) });
  });

  it.skipIf(skip)("counts facets over the matching datasets, each facet ignoring its own filter", async () => {
    const all = await searchFacets({ ctx: { user: steward, ip: null, db: database.db }, input: { q: "orders" } });
    expect(all.total).toBe((await searchDatasets({ ctx: { user: steward, ip: null, db: database.db }, input: { q: "orders", pageSize: 50 } })).total);
    expect(all.facets.schema).toEqual([{ value: "shop", count: 3 }]);
    expect(all.facets.tag).toEqual([{ value: "finance", count: 1 }]);
    expect(all.facets.owner).toEqual([{ value: "Revenue Team", count: 1 }]);
    expect(all.facets.catalog).toEqual([{ value: "duckdb:lakehouse", count: 3 }]);

    const flights = await searchFacets({ ctx: { user: steward, ip: null, db: database.db }, input: { q: "flight" } });
    const perSchema = Object.fromEntries(flights.facets.schema.map((f) => [f.value, f.count]));
    expect(perSchema).toMatchObject({ raw: 1, staging: 1, curated: 2 });
    expect(flights.facets.kind).toEqual(
      expect.arrayContaining([
        { value: "TABLE", count: 3 },
        { value: "VIEW", count: 1 },
      ]),
    );

    // With a schema chosen, the hits and the other facets narrow; the schema facet still offers the rest.
    const curated = await searchFacets({ ctx: { user: steward, ip: null, db: database.db }, input: { q: "flight", filters: { schema: "curated" } } });
    expect(curated.total).toBe(2);
    expect(curated.facets.kind).toEqual([{ value: "TABLE", count: 2 }]);
    expect(Object.fromEntries(curated.facets.schema.map((f) => [f.value, f.count]))).toMatchObject({ raw: 1, staging: 1, curated: 2 });
    const hits = await search("flight", { schema: "curated" });
    expect(hits.total).toBe(2);
    expect(hits.hits.every((h) => h.schema === "curated")).toBe(true);

    const tagged = await search("", { tag: "pii" });
    expect(names(tagged.hits)).toEqual(["shop.customers"]);
  });

  it.skipIf(skip)("never shows a dataset that vanished from the engine", async () => {
    expect(names((await search("dropped_later")).hits)).toEqual([]);
    expect((await searchFacets({ ctx: { user: steward, ip: null, db: database.db }, input: { q: "" } })).facets.schema.find((f) => f.value === "shop")?.count).toBe(4);
  });

  it.skipIf(skip)("answers absurd queries at once, with nothing or a clear message", async () => {
    const empty = await search("");
    expect(empty.total).toBeGreaterThan(10); // browsing: every dataset, most used first
    expect(empty.message).toBeNull();

    const huge = await search("flights ".repeat(1_250));
    expect(huge).toMatchObject({ hits: [], total: 0, message: expect.stringMatching(/at most 200/) });
    const punctuation = await search("!!! ... ??? ---");
    expect(punctuation).toMatchObject({ hits: [], total: 0, message: expect.stringMatching(/letters or digits/) });
    expect((await searchFacets({ ctx: { user: steward, ip: null, db: database.db }, input: { q: "***" } })).message).toMatch(/letters or digits/);

    // Query syntax of SQL, tsquery and LIKE is just text.
    for (const q of ["'; DROP TABLE catalog_datasets; --", "a & b | !c:*", "100%_off", "flights:*A", "ord%", "_"]) {
      const result = await search(q);
      expect(result.message === null || /letters or digits/.test(result.message)).toBe(true);
    }
    expect(names((await search("flights:*A")).hits)).toContain("staging.flights");
    expect(await database.db.catalogDataset.count()).toBeGreaterThan(10);
    expect((await search("zzzqqxxv")).hits).toEqual([]);
  });

  it.skipIf(skip)("falls back to datasets matching some of the words when none matches all", async () => {
    const result = await search("orders zzzqqxxv");
    expect(result.partial).toBe(true);
    expect(names(result.hits)[0]).toBe("shop.orders");
  });
});
