// The point of keeping results, on Trino: a download after a complete run sends no statement to
// the coordinator. Trino here is the in-process server of its client protocol (no Trino can run
// on these machines); it records every request, so the test counts the statements it received.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { createTestUser } from "../../testing/expectations";
import { TrinoProtocolServer } from "../../engines/testing/trino-protocol-server";
import { createTrinoEngine } from "../../engines/trino/trino-engine";
import { setEngines } from "../../engines/registry";
import { LocalObjectStore } from "../../storage/local-store";
import type { CurrentUser } from "../../auth/current-user";
import { executeRun, prepareRun, type RunEvent } from "../run-query";
import { setResultSpace } from "./result-space";
import { rowsOfRun } from "./result-source";

let database: TestDatabase;
let trino: TrinoProtocolServer;
let root: string;
let analyst: CurrentUser;
const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });

const statementsSent = () => trino.requests.filter((r) => r.method === "POST" && r.path === "/v1/statement");

async function run(sql: string, limit: number) {
  const prepared = await prepareRun({ ctx: ctxOf(analyst), input: { engineId: "trino", sql, catalog: "lake", schema: "sales", limit } });
  const events: RunEvent[] = [];
  for await (const e of executeRun(prepared, new AbortController().signal)) events.push(e);
  return { events, runId: (events[0] as Extract<RunEvent, { type: "run" }>).runId };
}

async function drain(pages: AsyncGenerator<unknown[][]>): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const p of pages) rows.push(...p);
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  trino = await TrinoProtocolServer.start({ pageSize: 700 });
  await trino.exec("ATTACH ':memory:' AS lake; CREATE SCHEMA lake.sales; CREATE TABLE lake.sales.orders AS SELECT range AS id, range * 1.5 AS amount FROM range(2500)");
  setEngines(new Map([["trino", { engine: createTrinoEngine({ url: trino.url, catalog: "lake", schema: "sales" }), defaultCatalog: "lake", defaultSchema: "sales" }]]));
  root = mkdtempSync(path.join(os.tmpdir(), "portal-kept-trino-"));
  const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
  await store.init(["sql-results"]);
  setResultSpace({ store, bucket: "sql-results", prefix: "", retentionMs: 3_600_000, maxKeptBytes: 100_000_000 });
  analyst = await createTestUser(database.db, "analyst@example.com", "viewer");
});

afterAll(async () => {
  setResultSpace(undefined);
  setEngines(undefined);
  await trino?.close();
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("kept results on Trino", () => {
  it("downloads a complete result without sending the statement to Trino again", async () => {
    const { events, runId } = await run("SELECT id, amount FROM orders ORDER BY id", 10_000);
    expect(events.map((e) => e.type)).toContain("stored");
    expect(statementsSent()).toHaveLength(1);

    const result = await rowsOfRun({ ctx: ctxOf(analyst), input: { runId }, signal: new AbortController().signal });
    expect(result.source).toBe("stored");
    const rows = await drain(result.pages);
    expect(rows).toHaveLength(2500);
    expect(rows[2499]).toEqual([2499, "3748.5"]); // decimals travel as strings, exactly
    expect(statementsSent()).toHaveLength(1); // nothing new reached the coordinator
  });

  it("sends the statement again, as the same user, only for a result cut at the row limit", async () => {
    const before = statementsSent().length;
    const { runId } = await run("SELECT id FROM orders ORDER BY id", 100);
    const result = await rowsOfRun({ ctx: ctxOf(analyst), input: { runId }, signal: new AbortController().signal });
    expect(result.source).toBe("engine");
    expect(await drain(result.pages)).toHaveLength(2500);
    const sent = statementsSent().slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.user)).toEqual(["analyst@example.com", "analyst@example.com"]);
  });
});
