import { describe, expect, it } from "vitest";
import { analyzeScope, tokenize } from "./sql-scope";

describe("tokenize", () => {
  it("reads quoted names unquoted, strings with doubled quotes, and skips comments", () => {
    const { tokens } = tokenize(`select "my ""col""", 'it''s' -- note\n/* block */ from t`);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ["word", "select"],
      ["quoted", 'my "col"'],
      ["punct", ","],
      ["string", "'it''s'"],
      ["word", "from"],
      ["word", "t"],
    ]);
  });

  it("says when the cursor is inside a string or comment, unterminated ones included", () => {
    expect(tokenize("select 'abc", 9).cursorIn).toBe("string");
    expect(tokenize("select 'abc' ", 12).cursorIn).toBe("code");
    expect(tokenize("select 1 -- x", 13).cursorIn).toBe("comment");
    expect(tokenize("select /* x", 11).cursorIn).toBe("comment");
  });
});

describe("analyzeScope", () => {
  const at = (text: string) => analyzeScope(text.replace("|", ""), text.indexOf("|"));

  it("reads quoted and qualified table names with their aliases", () => {
    const { scope } = at(`select | from lakehouse."My Schema".orders as o, staging.flights`);
    expect(scope).toEqual([
      { name: "o", relation: { kind: "table", parts: ["lakehouse", "My Schema", "orders"] } },
      { name: "flights", relation: { kind: "table", parts: ["staging", "flights"] } },
    ]);
  });

  it("never takes a keyword for an alias, nor a table function for a table", () => {
    expect(at("select | from orders where x = 1").scope.map((r) => r.name)).toEqual(["orders"]);
    expect(at("select | from orders left join c on true").scope.map((r) => r.name)).toEqual(["orders", "c"]);
    expect(at("select | from read_parquet('x.parquet') p").scope).toEqual([]);
  });

  it("reads the qualifier typed before the cursor, quoted parts too", () => {
    expect(at(`select "My Alias".| from t "My Alias"`).context).toEqual({ kind: "column", qualifier: ["My Alias"] });
    expect(at("select * from a.b.|").context).toEqual({ kind: "table", qualifier: ["a", "b"] });
  });

  it("tells the clause at the cursor when the text is unfinished or odd", () => {
    expect(at("select * from (select | from").context.kind).toBe("column");
    expect(at("select ((( |").context.kind).toBe("column");
    expect(at(")))) select * from |").context.kind).toBe("table");
    expect(at("").context.kind).toBe("keyword");
    expect(at("update orders set |").context.kind).toBe("column");
    expect(at("insert into |").context.kind).toBe("table");
  });
});
