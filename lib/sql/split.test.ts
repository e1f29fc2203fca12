// "Run" executes one statement per semicolon and Ctrl+Enter the one under the cursor: a semicolon
// inside a string, a quoted name, a dollar-quoted body or a comment must never cut a statement.
import { describe, expect, it } from "vitest";
import { splitStatements, statementAt } from "./split";

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe("splitStatements", () => {
  it("keeps $$ … $$ and $tag$ … $tag$ bodies whole", () => {
    const macro = "CREATE MACRO m() AS TABLE SELECT $$a;b$$ AS x";
    expect(texts(`${macro}; SELECT 2`)).toEqual([macro, "SELECT 2"]);
    const fn = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN; SELECT $$;$$; RETURN 1; END $body$ LANGUAGE plpgsql";
    expect(texts(`${fn};SELECT 3;`)).toEqual([fn, "SELECT 3"]);
    // A different tag does not close the quote; the text inside may hold $other$ and $$.
    expect(texts("SELECT $a$ $b$ ; $$ ; $a$; SELECT 4")).toEqual(["SELECT $a$ $b$ ; $$ ; $a$", "SELECT 4"]);
  });

  it("does not take parameters or names with $ for dollar quotes", () => {
    expect(texts("SELECT $1; SELECT $2")).toEqual(["SELECT $1", "SELECT $2"]);
    expect(texts("SELECT a$b$ FROM t; SELECT 5")).toEqual(["SELECT a$b$ FROM t", "SELECT 5"]);
  });

  it("reads E'…' escape strings with backslash escapes, and '…' without", () => {
    expect(texts("SELECT E'it\\'s; fine'; SELECT 6")).toEqual(["SELECT E'it\\'s; fine'", "SELECT 6"]);
    expect(texts("SELECT e'back\\\\'; SELECT 7")).toEqual(["SELECT e'back\\\\'", "SELECT 7"]);
    // In a plain string a backslash is just a character: the quote after it closes the string.
    expect(texts("SELECT 'C:\\'; SELECT 8")).toEqual(["SELECT 'C:\\'", "SELECT 8"]);
    // A name ending in e before a quote is not an escape string: date'…' is a typed literal.
    expect(texts("SELECT date'2024-01-01'; SELECT 'x\\'; SELECT 9")).toEqual(["SELECT date'2024-01-01'", "SELECT 'x\\'", "SELECT 9"]);
  });

  it("nests block comments as DuckDB and PostgreSQL do", () => {
    expect(texts("SELECT 1 /* outer /* inner; */ still comment; */; SELECT 2")).toEqual(["SELECT 1 /* outer /* inner; */ still comment; */", "SELECT 2"]);
    expect(texts("/* only /* a */ comment; */")).toEqual([]);
    expect(texts("SELECT 1; /* unclosed; SELECT 2")).toEqual(["SELECT 1"]);
  });

  it("ignores semicolons in -- comments, and drops statements that are only comments", () => {
    expect(texts("SELECT 1 -- a; b\n; -- just a note; here\n/* and this */;SELECT 2")).toEqual(["SELECT 1 -- a; b", "SELECT 2"]);
    expect(texts("-- only a comment")).toEqual([]);
  });

  it("keeps offsets exact in the original text", () => {
    const sql = "  SELECT $$;$$;\n\n/* c /* d */ */ SELECT E'\\';';  SELECT 'end'";
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.text)).toEqual(["SELECT $$;$$", "/* c /* d */ */ SELECT E'\\';'", "SELECT 'end'"]);
    for (const s of statements) expect(sql.slice(s.start, s.end)).toBe(s.text);
    expect(statementAt(sql, sql.indexOf("E'"))?.text).toBe("/* c /* d */ */ SELECT E'\\';'");
  });

  it("reads an unclosed quote to the end of the text rather than splitting inside it", () => {
    expect(texts("SELECT $$ a; b")).toEqual(["SELECT $$ a; b"]);
    expect(texts("SELECT E'a\\'; b")).toEqual(["SELECT E'a\\'; b"]);
  });
});
