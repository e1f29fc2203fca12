// The contract every QueryEngine adapter must pass. Adapter test files call
// `describeEngineContract("name", setup)`; setup returns an engine whose default session can see
// a table FIXTURE_TABLE in `catalog`.`schema` holding FIXTURE_ROWS rows (n BIGINT 1..N,
// label VARCHAR 'row <n>') — see createFixtureSql().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineQueryError, type EngineColumn, type EngineRow, type QueryEngine, type QueryEvent } from "./query-engine";

export const FIXTURE_TABLE = "contract_numbers";
export const FIXTURE_ROWS = 25_000;

/** DuckDB SQL that creates the fixture table in the current schema. */
export function createFixtureSql(table = FIXTURE_TABLE, rows = FIXTURE_ROWS): string {
  return `CREATE OR REPLACE TABLE ${table} AS SELECT range + 1 AS n, 'row ' || (range + 1) AS label FROM range(${rows})`;
}

export type ContractSetup = { engine: QueryEngine; catalog: string; schema: string; teardown?: () => Promise<void> };

export type Collected = {
  queryId: string | null;
  columns: EngineColumn[];
  rows: EngineRow[];
  pages: number;
  events: QueryEvent[];
  finished: Extract<QueryEvent, { type: "finished" }> | null;
};

export async function collect(iterable: AsyncIterable<QueryEvent>, onEvent?: (e: QueryEvent) => void): Promise<Collected> {
  const out: Collected = { queryId: null, columns: [], rows: [], pages: 0, events: [], finished: null };
  for await (const event of iterable) {
    out.events.push(event);
    onEvent?.(event);
    if (event.type === "started") out.queryId = event.queryId;
    if (event.type === "columns") out.columns = event.columns;
    if (event.type === "rows") {
      out.pages++;
      for (const row of event.rows) out.rows.push(row);
    }
    if (event.type === "finished") out.finished = event;
  }
  return out;
}

/** Awaits a promise that must fail with an EngineQueryError, and returns that error. */
export async function expectEngineError(promise: Promise<unknown>): Promise<EngineQueryError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineQueryError);
    return err as EngineQueryError;
  }
  throw new Error("expected the query to fail, but it succeeded");
}

export function describeEngineContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`QueryEngine contract: ${name}`, () => {
    let ctx: ContractSetup;
    const user = "contract-user";
    const table = () => `${ctx.catalog}.${ctx.schema}.${FIXTURE_TABLE}`;
    const run = (sql: string, limit: number | null = null, signal?: AbortSignal) => ctx.engine.execute({ sql, catalog: ctx.catalog, schema: ctx.schema, limit, user, signal });

    beforeAll(async () => {
      ctx = await setup();
    });
    afterAll(async () => {
      await ctx?.engine.close();
      await ctx?.teardown?.();
    });

    it("streams columns and every row, in order, over several pages, after a started event", async () => {
      const result = await collect(run(`SELECT n, label FROM ${table()} ORDER BY n`));
      expect(result.events[0]?.type).toBe("started");
      expect(result.queryId).toBeTruthy();
      expect(result.columns.map((c) => c.name)).toEqual(["n", "label"]);
      expect(result.columns[0]!.type.toLowerCase()).toMatch(/bigint/);
      expect(result.columns[1]!.type.toLowerCase()).toMatch(/varchar/);
      expect(result.rows).toHaveLength(FIXTURE_ROWS);
      expect(result.rows[0]).toEqual([1, "row 1"]);
      expect(result.rows[FIXTURE_ROWS - 1]).toEqual([FIXTURE_ROWS, `row ${FIXTURE_ROWS}`]);
      expect(result.pages).toBeGreaterThan(1);
      expect(result.finished).toMatchObject({ rowCount: FIXTURE_ROWS, truncated: false });
      expect(result.events.at(-1)?.type).toBe("finished");
    });

    it("checks a statement without running it, when the engine offers its own check", async () => {
      if (!ctx.engine.checkStatement) return; // the portal classifies this engine's SQL itself
      const session = { catalog: ctx.catalog, schema: ctx.schema };
      expect(await ctx.engine.checkStatement(`SELECT n FROM ${FIXTURE_TABLE}`, session, "viewer")).toMatchObject({ kind: "read" });
      const error = await expectEngineError(ctx.engine.checkStatement("SELECT n FROM no_such_table_here", session, "viewer"));
      expect(error.kind).toBe("user");
      const verdict = await ctx.engine.checkStatement(`DELETE FROM ${FIXTURE_TABLE}`, session, "editor");
      expect(verdict).toMatchObject({ kind: "dml", destructive: expect.stringMatching(/every row/) });
      // Nothing ran: every row is still there.
      expect((await collect(run(`SELECT count(*) FROM ${FIXTURE_TABLE}`))).rows).toEqual([[FIXTURE_ROWS]]);
    });

    it("uses the session catalog and schema for unqualified names", async () => {
      const result = await collect(run(`SELECT count(*) AS c FROM ${FIXTURE_TABLE}`));
      expect(result.rows).toEqual([[FIXTURE_ROWS]]);
    });

    it("stops at the row limit and says the result was truncated", async () => {
      const result = await collect(run(`SELECT n FROM ${table()} ORDER BY n`, 1_000));
      expect(result.rows).toHaveLength(1_000);
      expect(result.rows.at(-1)).toEqual([1_000]);
      expect(result.finished).toMatchObject({ rowCount: 1_000, truncated: true });
    });

    it("reports a result that exactly fits the limit as not truncated", async () => {
      const result = await collect(run(`SELECT n FROM ${table()} WHERE n <= 10`, 10));
      expect(result.finished).toMatchObject({ rowCount: 10, truncated: false });
    });

    it("returns JSON-safe values for common types", async () => {
      const result = await collect(
        run(
          `SELECT CAST(42 AS INTEGER) AS i, CAST(9007199254740993 AS BIGINT) AS big, CAST(1.5 AS DOUBLE) AS d, true AS b, CAST(NULL AS VARCHAR) AS nothing, DATE '2024-02-29' AS day`,
        ),
      );
      const [row] = result.rows;
      expect(row![0]).toBe(42);
      expect(String(row![1])).toBe("9007199254740993"); // beyond 2^53: must not lose digits
      expect(row![2]).toBe(1.5);
      expect(row![3]).toBe(true);
      expect(row![4]).toBeNull();
      expect(row![5]).toBe("2024-02-29");
      expect(() => JSON.stringify(result.rows)).not.toThrow();
    });

    it("reports a syntax error with its line and column", async () => {
      const err = await expectEngineError(collect(run("SELECT 1,\n  FROM WHERE")));
      expect(err.kind).toBe("user");
      expect(err.details.line).toBe(2);
      expect(err.details.column).toBeGreaterThan(0);
      expect(err.message.length).toBeGreaterThan(0);
    });

    it("reports an unknown table as a user error that names it", async () => {
      const err = await expectEngineError(collect(run(`SELECT * FROM ${ctx.catalog}.${ctx.schema}.no_such_table_xyz`)));
      expect(err.kind).toBe("user");
      expect(err.message).toMatch(/no_such_table_xyz/);
    });

    it("stops a long query when the signal aborts, and the engine keeps serving", async () => {
      const controller = new AbortController();
      const err = await expectEngineError(
        collect(run("SELECT * FROM (SELECT a.range AS x, b.range AS y FROM range(200000) a, range(200000) b) t", null, controller.signal), (event) => {
          if (event.type === "rows") controller.abort();
        }),
      );
      expect(err.kind).toBe("cancelled");
      const after = await collect(run("SELECT 1 AS one"));
      expect(after.rows).toEqual([[1]]);
    });

    it("cancels a running query by its id", async () => {
      let cancelled: Promise<void> | undefined;
      const err = await expectEngineError(
        collect(run("SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c"), (event) => {
          if (event.type === "started") cancelled = ctx.engine.cancel(event.queryId, user);
        }),
      );
      await cancelled;
      expect(err.kind).toBe("cancelled");
    });

    it("cancelling a query that already ended is harmless", async () => {
      const result = await collect(run("SELECT 1"));
      await expect(ctx.engine.cancel(result.queryId!, user)).resolves.toBeUndefined();
    });

    it("lists catalogs, schemas, tables and columns", async () => {
      expect(await ctx.engine.listCatalogs(user)).toContain(ctx.catalog);
      expect(await ctx.engine.listSchemas(user, ctx.catalog)).toContain(ctx.schema);
      const tables = await ctx.engine.listTables(user, ctx.catalog, ctx.schema);
      expect(tables).toContainEqual(expect.objectContaining({ name: FIXTURE_TABLE, type: "TABLE" }));
      const columns = await ctx.engine.listColumns(user, ctx.catalog, ctx.schema, FIXTURE_TABLE);
      expect(columns.map((c) => [c.name, c.ordinal])).toEqual([
        ["n", 1],
        ["label", 2],
      ]);
      expect(columns[0]!.type.toLowerCase()).toMatch(/bigint/);
    });
  });
}
