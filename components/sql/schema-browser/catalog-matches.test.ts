import { describe, expect, it } from "vitest";
import { catalogReveal } from "./catalog-matches";
import { nodeKey } from "./tree-rows";

describe("catalog matches in the schema browser", () => {
  const hit = (name: string, matchedColumns: string[] = [], engineId = "duckdb", schema = "staging") => ({ engineId, catalog: "lakehouse", schema, name, matchedColumns });

  it("opens each hit's catalog and schema once, and the table when a column matched", () => {
    const { expand, tables } = catalogReveal([hit("flights", ["origin"]), hit("airports"), hit("daily", [], "duckdb", "curated")], "duckdb");
    expect(expand).toEqual([["lakehouse"], ["lakehouse", "staging"], ["lakehouse", "staging", "flights"], ["lakehouse", "curated"]]);
    expect([...tables]).toEqual([nodeKey(["lakehouse", "staging", "flights"]), nodeKey(["lakehouse", "staging", "airports"]), nodeKey(["lakehouse", "curated", "daily"])]);
  });

  it("ignores other engines' datasets and stops at the limit", () => {
    expect(catalogReveal([hit("flights", [], "trino")], "duckdb").expand).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => hit(`t${i}`));
    expect(catalogReveal(many, "duckdb", 25).tables.size).toBe(25);
  });
});
