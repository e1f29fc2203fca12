import { describe, expect, it } from "vitest";
import { classifyStatement, UnclassifiableStatementError } from "./classify";
import { splitStatements, statementAt } from "../../lib/sql/split";

describe("classifyStatement", () => {
  it.each([
    ["SELECT * FROM t", "read"],
    ["with a as (select 1) select * from a", "read"],
    ["SHOW TABLES", "read"],
    ["SHOW SCHEMAS FROM hive", "read"],
    ["DESCRIBE raw.flights", "read"],
    ["EXPLAIN SELECT 1", "read"],
    ["EXPLAIN DELETE FROM t", "read"],
    ["INSERT INTO t SELECT 1", "dml"],
    ["UPDATE t SET a = 1 WHERE id = 2", "dml"],
    ["CREATE TABLE t2 (a int)", "ddl"],
    ["DROP TABLE t", "ddl"],
    ["TRUNCATE TABLE t", "ddl"],
  ])("Trino: %s → %s", async (sql, kind) => {
    expect((await classifyStatement(sql, "trino")).kind).toBe(kind);
  });

  it("EXPLAIN ANALYZE is classified as the statement it runs", async () => {
    expect(await classifyStatement("EXPLAIN ANALYZE DELETE FROM t", "trino")).toMatchObject({ kind: "dml", destructive: expect.any(String) });
  });

  it("flags destructive statements with a reason", async () => {
    expect((await classifyStatement("DELETE FROM t", "trino")).destructive).toMatch(/every row/);
    expect((await classifyStatement("UPDATE t SET a = 1", "trino")).destructive).toMatch(/every row/);
    expect((await classifyStatement("DROP TABLE t", "trino")).destructive).toMatch(/DROP TABLE/);
    expect((await classifyStatement("TRUNCATE TABLE t", "trino")).destructive).toMatch(/every row/);
    expect((await classifyStatement("DELETE FROM t WHERE id = 1", "trino")).destructive).toBeNull();
  });

  it("a comment or string that mentions DROP does not change the verdict", async () => {
    expect((await classifyStatement("SELECT 'DROP TABLE t' AS s -- DELETE FROM t", "trino")).kind).toBe("read");
  });

  it("refuses to guess when no parser understands the statement", async () => {
    await expect(classifyStatement("FLURB THE TABLE", "trino")).rejects.toBeInstanceOf(UnclassifiableStatementError);
  });
});

describe("splitStatements / statementAt", () => {
  const sql = "SELECT ';' AS a; -- not; here\nSELECT 2 /* ; */;\n\nSELECT \"x;y\" FROM t";
  it("splits at top-level semicolons only", () => {
    expect(splitStatements(sql).map((s) => s.text)).toEqual(["SELECT ';' AS a", "-- not; here\nSELECT 2 /* ; */", 'SELECT "x;y" FROM t']);
  });
  it("keeps offsets into the original text", () => {
    for (const s of splitStatements(sql)) expect(sql.slice(s.start, s.end)).toBe(s.text);
  });
  it("finds the statement under the cursor", () => {
    expect(statementAt(sql, sql.indexOf("SELECT 2") + 3)?.text).toContain("SELECT 2");
    expect(statementAt(sql, sql.length)?.text).toBe('SELECT "x;y" FROM t');
    expect(statementAt("  ", 1)).toBeNull();
  });
  it("ignores empty statements and comment-only tails", () => {
    expect(splitStatements("SELECT 1;;  ; -- bye").map((s) => s.text)).toEqual(["SELECT 1"]);
  });
});
