// catalog.* through tRPC, as the pages call it, over the crawled demo lakehouse on PGlite: who
// may do what, input validation, stewardship edits audited and searchable at once, the crawl
// button, workbench usage, sample rows and statistics read through the engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCallerFactory, createTRPCRouter } from "../../trpc";
import { catalogRouter } from "./router";
import { createTestDatabase, type TestDatabase } from "../../../testing/databases";
import { setEngines } from "../../../engines/registry";
import { crawlEngine } from "../../../catalog/crawler";
import { createTestLakehouse, type TestLakehouse } from "../../../catalog/testing/lakehouse";
import { executeRun, prepareRun } from "../../../sql/run-query";
import { hashPassword } from "../../../auth/password";
import type { Role } from "../../../../lib/auth/roles";
import type { CurrentUser } from "../../../auth/current-user";

const caller = createCallerFactory(createTRPCRouter({ catalog: catalogRouter }));
const users = {} as Record<Role, CurrentUser>;
const as = (role: Role) => caller({ user: users[role], ip: "203.0.113.9", db: database.db }).catalog;
const anonymous = () => caller({ user: null, ip: null, db: database.db }).catalog;

let database: TestDatabase;
let lake: TestLakehouse;
const flightsRef = { engineId: "duckdb", catalog: "lakehouse", schema: "staging", name: "flights" };

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

/** Zod's issues, as the error formatter turns them into field errors for forms. */
function issues(err: TRPCError): { path: string; message: string }[] {
  return ((err.cause as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? []).map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  lake = await createTestLakehouse();
  setEngines(new Map([["duckdb", { engine: lake.engine, defaultCatalog: "lakehouse", defaultSchema: "curated" }]]));
  for (const role of ["viewer", "editor", "admin"] as const) {
    users[role] = await database.db.user.create({
      data: { email: `${role}@example.com`, name: `${role[0]!.toUpperCase()}${role.slice(1)} User`, role, passwordHash: await hashPassword("a long password") },
      select: { id: true, email: true, name: true, role: true },
    });
  }
  await crawlEngine({ engineId: "duckdb", trigger: "schedule" });
});

afterAll(async () => {
  setEngines(undefined);
  await lake?.close();
  await database?.close();
});

describe("catalog.* access", () => {
  it("needs a signed-in user for everything", async () => {
    expect((await failure(anonymous().search({ q: "flights" }))).code).toBe("UNAUTHORIZED");
    expect((await failure(anonymous().dataset(flightsRef))).code).toBe("UNAUTHORIZED");
  });

  it("lets viewers search and read, but not edit or crawl", async () => {
    const dataset = await as("viewer").dataset(flightsRef);
    expect((await as("viewer").search({ q: "flights" })).hits.length).toBeGreaterThan(0);
    const denied = await failure(as("viewer").edit.description({ datasetId: dataset.id, description: "Mine now", previous: dataset.description }));
    expect(denied.code).toBe("FORBIDDEN");
    expect(denied.message).toMatch(/needs the editor role/);
    expect((await failure(as("viewer").crawl.start({ engineId: "duckdb" }))).code).toBe("FORBIDDEN");
    expect((await as("viewer").dataset(flightsRef)).description).toBe("");
  });

  it("validates input and names the field", async () => {
    const dataset = await as("editor").dataset(flightsRef);
    const badTag = await failure(as("editor").edit.tags({ datasetId: dataset.id, tags: ["PII!"] }));
    expect(badTag.code).toBe("BAD_REQUEST");
    expect(issues(badTag)).toEqual([{ path: "tags.0", message: expect.stringMatching(/^must be 1–50 lower-case letters/) }]);
    const badOwner = await failure(as("editor").edit.owners({ datasetId: dataset.id, owners: ["nobody@example.com"] }));
    expect(badOwner.message).toBe("No portal user has the e-mail address nobody@example.com. Owners are portal users or team names.");
    const badId = await failure(as("viewer").history({ datasetId: "not-a-uuid" }));
    expect(issues(badId)).toEqual([{ path: "datasetId", message: "must be a dataset id" }]);
    const unknown = await failure(as("viewer").dataset({ ...flightsRef, name: "nope" }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(unknown.message).toMatch(/The catalog has no dataset lakehouse\.staging\.nope/);
  });
});

describe("stewardship", () => {
  it("search finds a dataset, an editor describes it, and search finds the new words at once", async () => {
    const hit = (await as("editor").search({ q: "staging.flights" })).hits[0]!;
    expect(hit).toMatchObject({ schema: "staging", name: "flights", nameMatch: "exact" });
    const dataset = await as("editor").dataset({ engineId: hit.engineId, catalog: hit.catalog, schema: hit.schema, name: hit.name });
    expect((await as("editor").search({ q: "turbulence" })).hits).toEqual([]);

    await as("editor").edit.description({ datasetId: dataset.id, description: "Delays caused by **turbulence** are included.", previous: dataset.description });

    const after = await as("viewer").search({ q: "turbulence" });
    expect(after.hits.map((h) => h.id)).toEqual([dataset.id]);
    expect(after.hits[0]!.reasons).toEqual(["description"]);
    expect((await as("viewer").dataset(flightsRef)).description).toBe("Delays caused by **turbulence** are included.");
  });

  it("audits every edit and shows it as the dataset's activity, newest first", async () => {
    const dataset = await as("editor").dataset({ ...flightsRef, name: "airports" });
    await as("editor").edit.tags({ datasetId: dataset.id, tags: ["pii.location", "Geo"] });
    await as("editor").edit.owners({ datasetId: dataset.id, owners: ["admin@example.com", "Data Platform"] });
    await as("editor").edit.glossaryTerms({ datasetId: dataset.id, terms: [{ name: "Airport", definition: "A place where aircraft take off and land." }] });
    await as("editor").edit.columnDescription({ datasetId: dataset.id, column: "iata", description: "Primary key." });
    await as("editor").edit.freshness({ datasetId: dataset.id, hours: 24 });
    // Saving the same again changes nothing and is not audited.
    await as("editor").edit.tags({ datasetId: dataset.id, tags: ["pii.location", "geo"] });

    const activity = await as("viewer").activity({ datasetId: dataset.id, page: 1 });
    expect(activity.events.map((e) => e.action)).toEqual([
      "catalog.freshness_changed",
      "catalog.column_description_changed",
      "catalog.glossary_terms_changed",
      "catalog.owners_changed",
      "catalog.tags_changed",
    ]);
    expect(activity.events.every((e) => e.actorEmail === "editor@example.com" && e.ip === "203.0.113.9")).toBe(true);
    expect(activity.events.at(-1)!.details).toMatchObject({ dataset: "lakehouse.staging.airports", before: [], after: ["pii.location", "geo"] });

    const page = await as("viewer").dataset({ ...flightsRef, name: "airports" });
    expect(page.tagDetails).toEqual([
      { name: "pii.location", kind: "classification", description: expect.stringMatching(/locations/) },
      { name: "geo", kind: "tag", description: "" },
    ]);
    expect(page.owners).toEqual(["admin@example.com", "Data Platform"]);
    expect(page.termDetails).toEqual([{ name: "Airport", definition: "A place where aircraft take off and land." }]);
    expect(page.columns.find((c) => c.name === "iata")?.description).toBe("Primary key.");
    expect(page.freshness).toMatchObject({ expectedUpdateHours: 24, source: "crawler", stale: false });

    // Search by the new labels, with facet counts.
    expect((await as("viewer").search({ q: "data platform" })).hits[0]).toMatchObject({ name: "airports", reasons: expect.arrayContaining(["owner"]) });
    expect((await as("viewer").facets({ q: "", filters: { tag: "geo" } })).total).toBe(1);
  });

  it("refuses to overwrite a description someone else changed meanwhile", async () => {
    const dataset = await as("editor").dataset({ ...flightsRef, name: "seattle_weather" });
    await as("admin").edit.description({ datasetId: dataset.id, description: "Admin's words.", previous: "" });
    const conflict = await failure(as("editor").edit.description({ datasetId: dataset.id, description: "Editor's words.", previous: "" }));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toMatch(/Someone else changed this description/);
    expect((await as("viewer").dataset({ ...flightsRef, name: "seattle_weather" })).description).toBe("Admin's words.");
  });
});

describe("crawl button", () => {
  it("starts a crawl for editors, reports its progress, and refuses a second one while it runs", async () => {
    const { runId } = await as("editor").crawl.start({ engineId: "duckdb" });
    const second = await failure(as("admin").crawl.start({ engineId: "duckdb" }));
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toMatch(/^A crawl of DuckDB duckdb is already running \(started .* by editor@example\.com;/);

    let run = (await as("viewer").crawl.runs({ engineId: "duckdb", limit: 1 }))[0]!;
    expect(run.id).toBe(runId);
    for (let i = 0; i < 200 && run.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await as("viewer").crawl.runs({ engineId: "duckdb", limit: 1 }))[0]!;
    }
    expect(run).toMatchObject({ status: "succeeded", trigger: "manual", startedByEmail: "editor@example.com" });
    expect(run.tablesDone).toBe(run.tablesSeen);
    const audit = await database.db.auditEvent.findFirst({ where: { action: "catalog.crawl_started" } });
    expect(audit).toMatchObject({ actorEmail: "editor@example.com", subject: "engine:duckdb" });

    const engines = await as("viewer").engines();
    expect(engines).toEqual([expect.objectContaining({ id: "duckdb", configured: true, datasets: expect.any(Number), lastCrawl: expect.objectContaining({ id: runId }) })]);
  });
});

describe("through the engine, as the signed-in user", () => {
  it("reads 50 sample rows", async () => {
    const dataset = await as("viewer").dataset(flightsRef);
    const sample = await as("viewer").sample({ datasetId: dataset.id });
    expect(sample.columns.map((c) => c.name)).toEqual(dataset.columns.map((c) => c.name));
    expect(sample.rows).toHaveLength(50);
  });

  it("says clearly when the engine refuses", async () => {
    await lake.run("CREATE TABLE lakehouse.staging.doomed AS SELECT 1 AS x");
    await crawlEngine({ engineId: "duckdb", trigger: "schedule" });
    const doomed = await as("viewer").dataset({ ...flightsRef, name: "doomed" });
    await lake.run("DROP TABLE lakehouse.staging.doomed");
    const refused = await failure(as("viewer").sample({ datasetId: doomed.id }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/^The engine refused to read sample rows of lakehouse\.staging\.doomed: .*doomed/);
  });

  it("reads the statistics the engine offers and says what it does not", async () => {
    const dataset = await as("viewer").dataset(flightsRef);
    const stats = await as("viewer").stats({ datasetId: dataset.id, refresh: true });
    expect(Number(stats.rowCount)).toBeGreaterThan(1_000_000);
    expect(stats.notes).toEqual(["The engine does not report the size of this table.", "The engine does not report when the data last changed."]);
    const view = await as("viewer").dataset({ ...flightsRef, schema: "raw" });
    expect((await as("viewer").stats({ datasetId: view.id, refresh: false })).notes).toEqual(["Views hold no data of their own; the engine keeps no statistics for them."]);
  });
});

describe("workbench usage", () => {
  async function runInWorkbench(user: CurrentUser, sql: string, schema = "staging") {
    const prepared = await prepareRun({ ctx: { user: user, ip: null, db: database.db }, input: { engineId: "duckdb", sql, catalog: "lakehouse", schema, limit: 10 } });
    for await (const _ of executeRun(prepared, new AbortController().signal)) {
      // drain
    }
  }

  it("counts successful workbench queries per dataset, by whom, and uses them to rank", async () => {
    await runInWorkbench(users.viewer, "SELECT * FROM lakehouse.curated.route_performance");
    await runInWorkbench(users.viewer, "SELECT origin, count(*) FROM curated.route_performance GROUP BY ALL");
    await runInWorkbench(users.editor, "WITH r AS (SELECT * FROM curated.route_performance) SELECT * FROM r JOIN staging.airports a ON a.iata = r.origin");
    await runInWorkbench(users.editor, "SELECT * FROM curated.route_performance WHERE no_such_column = 1"); // fails: not counted

    const route = await as("viewer").dataset({ ...flightsRef, schema: "curated", name: "route_performance" });
    const usage = await as("viewer").usage({ datasetId: route.id });
    expect(usage).toMatchObject({ total: 3, last30Days: 3, users: 2 });
    expect(usage.topUsers).toEqual([
      { name: "Viewer User", email: "viewer@example.com", runs: 2 },
      { name: "Editor User", email: "editor@example.com", runs: 1 },
    ]);
    expect(usage.daily).toHaveLength(30);
    expect(usage.daily.at(-1)!.runs).toBe(3);
    // Viewers see who ran what, but only their own SQL.
    expect(usage.recent.map((r) => [r.userEmail, r.sql !== null])).toEqual([
      ["editor@example.com", false],
      ["viewer@example.com", true],
      ["viewer@example.com", true],
    ]);
    expect((await as("admin").usage({ datasetId: route.id })).recent.every((r) => r.sql !== null)).toBe(true);

    const airports = await as("viewer").dataset({ ...flightsRef, name: "airports" });
    expect((await as("viewer").usage({ datasetId: airports.id })).total).toBe(1);
    expect((await as("viewer").dataset({ ...flightsRef, schema: "curated", name: "route_performance" })).usageCount).toBe(3);
  });
});
