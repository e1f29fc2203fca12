import { describe, expect, it } from "vitest";
import { qualifiedSuggestions, qualifierBefore, tableAliases } from "./completion";

describe("autocomplete parsing", () => {
  it("reads the qualifier before the word being typed", () => {
    expect(qualifierBefore("select f.")).toEqual(["f"]);
    expect(qualifierBefore("from lakehouse.staging.")).toEqual(["lakehouse", "staging"]);
    expect(qualifierBefore('from "my schema".')).toEqual(["my schema"]);
    expect(qualifierBefore("select ")).toEqual([]);
  });

  it("maps aliases to tables, ignoring keywords that follow a table name", () => {
    const aliases = tableAliases("select * from staging.flights f join airports as a on f.origin = a.iata where 1=1");
    expect(aliases.get("f")).toEqual(["staging", "flights"]);
    expect(aliases.get("a")).toEqual(["airports"]);
    expect(aliases.get("flights")).toEqual(["staging", "flights"]);
    expect(tableAliases("select * from flights where x").has("where")).toBe(false);
  });
});

describe("qualified suggestions", () => {
  const flights = { name: "flights", type: "TABLE", columns: [{ name: "origin", type: "VARCHAR" }] };
  const daily = { name: "daily", type: "TABLE", columns: [{ name: "day", type: "DATE" }] };
  const loaded: string[] = [];
  const source = {
    catalog: "lakehouse",
    schema: "curated",
    catalogs: ["lakehouse"],
    schemas: ["curated", "staging"],
    tables: [daily],
    loadTables: async (c: string, s: string) => {
      loaded.push(`${c}.${s}`);
      return s === "staging" ? [flights] : [];
    },
    loadSchemas: async () => ["curated", "staging"],
  };

  it("finds the columns of an aliased table in another schema, loading that schema's metadata", async () => {
    const result = await qualifiedSuggestions(source, ["f"], "select f. from staging.flights f");
    expect(result.columns.map((c) => c.name)).toEqual(["origin"]);
    expect(loaded).toContain("lakehouse.staging");
  });

  it("lists a schema's tables and a table's columns", async () => {
    expect((await qualifiedSuggestions(source, ["staging"], "")).tables.map((t) => t.name)).toEqual(["flights"]);
    expect((await qualifiedSuggestions(source, ["daily"], "")).columns.map((c) => c.name)).toEqual(["day"]);
    expect((await qualifiedSuggestions(source, ["lakehouse", "staging", "flights"], "")).columns.map((c) => c.name)).toEqual(["origin"]);
  });
});
