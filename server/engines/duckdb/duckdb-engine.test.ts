import { describeEngineContract, createFixtureSql, collect } from "../contract";
import { DuckDbEngine } from "./duckdb-engine";
import { describe, expect, it } from "vitest";
import { errorPosition } from "./errors";
import { EngineQueryError } from "../query-engine";

describeEngineContract("duckdb", async () => {
  const engine = await DuckDbEngine.create({ path: ":memory:" });
  const conn = await engine.connect();
  await conn.run(createFixtureSql());
  conn.disconnectSync();
  return { engine, catalog: "memory", schema: "main" };
});

describe("DuckDB error positions", () => {
  it("turns DuckDB's caret under a cut line into the real column", async () => {
    const engine = await DuckDbEngine.create({ path: ":memory:" });
    const sql = `SELECT ${"a, ".repeat(60)}FROM WHERE`;
    const err = await collect(engine.execute({ sql, limit: null, user: "u" })).catch((e: unknown) => e as EngineQueryError);
    await engine.close();
    expect(err).toBeInstanceOf(EngineQueryError);
    const { line, column } = (err as EngineQueryError).details;
    expect(line).toBe(1);
    expect(sql.slice(column! - 1, column! - 1 + 5)).toBe("WHERE");
  });

  it("finds the column in a short line without cut marks", () => {
    const message = `Parser Error: syntax error at or near "WHERE"\n\nLINE 2:   FROM WHERE\n               ^`;
    expect(errorPosition(message, "SELECT 1,\n  FROM WHERE")).toEqual({ line: 2, column: 8 });
  });

  it("reports the line and column of a real DuckDB syntax error", async () => {
    const engine = await DuckDbEngine.create({ path: ":memory:" });
    const sql = "SELECT 1\nFROM range(3)\nWHERE )";
    await expect(collect(engine.execute({ sql, limit: null, user: "u" }))).rejects.toMatchObject({ kind: "user", details: { line: 3 } });
    await engine.close();
  });
});

describe("DuckDB cancel", () => {
  it("interrupts a query while DuckDB is computing, not only before it starts", async () => {
    const engine = await DuckDbEngine.create({ path: ":memory:" });
    const sql = "SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c"; // hours of work
    let queryId = "";
    let timer: NodeJS.Timeout | undefined;
    const kind = await collect(engine.execute({ sql, limit: null, user: "u" }), (event) => {
      if (event.type === "started") queryId = event.queryId;
      // Cancel once the statement has been handed to DuckDB (after the RUNNING event).
      if (event.type === "progress") timer = setTimeout(() => void engine.cancel(queryId), 100);
    })
      .then(() => "finished")
      .catch((e: EngineQueryError) => e.kind);
    clearTimeout(timer);
    expect(kind).toBe("cancelled");
    await engine.close();
  });
});
