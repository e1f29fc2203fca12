// Turning what people type into search terms: words, the name to match exactly, typo distance.
import { describe, expect, it } from "vitest";
import { catalogWords, corrections, editDistance, escapeLike, matchWord, parseQuery, tsQueryText } from "./search-query";
import { diffColumns } from "./schema-diff";
import { freshnessOf } from "./freshness";
import { workbenchQuery } from "./names";

describe("parsing a query", () => {
  it("splits identifiers the way the stored documents are split", () => {
    expect(catalogWords("dailyFlight_delays staging.flights e-mail")).toEqual(["daily", "flight", "delays", "staging", "flights", "e", "mail"]);
  });

  it("keeps the name part for exact and prefix matching, with its qualifiers", () => {
    expect(parseQuery("  Staging.Flights ")).toEqual({ kind: "search", words: ["staging", "flights"], nameKey: "flights", qualifiers: ["staging"] });
    expect(parseQuery("daily flight delays")).toMatchObject({ nameKey: "daily_flight_delays", qualifiers: [] });
    expect(parseQuery("a.b.c.d")).toMatchObject({ kind: "search", nameKey: null });
  });

  it("answers empty, punctuation-only and overlong input without searching", () => {
    expect(parseQuery("   ")).toEqual({ kind: "empty" });
    expect(parseQuery("?!.,;")).toMatchObject({ kind: "invalid", message: expect.stringMatching(/letters or digits/) });
    expect(parseQuery("x".repeat(10_000))).toMatchObject({ kind: "invalid", message: "That search is 10,000 characters long; search for at most 200." });
  });

  it("escapes LIKE wildcards, which names are full of", () => {
    expect(escapeLike("order_items%\\")).toBe("order\\_items\\%\\\\");
  });

  it("builds tsquery text that quotes every word", () => {
    const flihgts = { word: "flihgts", terms: ["flights", "flight"], prefix: null, corrected: ["flights", "flight"] };
    const del = { word: "del", terms: ["delay", "delays"], prefix: null, corrected: [] };
    expect(tsQueryText([flihgts, del])).toBe("('flights' | 'flight') & ('delay' | 'delays')");
    expect(tsQueryText([{ word: "zzq", terms: [], prefix: "zzq", corrected: [] }])).toBe("'zzq':*");
    expect(tsQueryText([{ word: "a", terms: ["a"], prefix: null, corrected: [] }, del], { any: true })).toBe("'a' | ('delay' | 'delays')");
  });

  it("turns a prefix into the catalog's words it starts, when there are not too many", () => {
    expect(matchWord("cust", ["customer", "customers"], [])).toEqual({ word: "cust", terms: ["customer", "customers"], prefix: null, corrected: [] });
    const many = Array.from({ length: 31 }, (_, i) => `ab${i}x`);
    expect(matchWord("abc", many, [])).toEqual({ word: "abc", terms: [], prefix: "abc", corrected: [] });
    // Short words and numbers are matched as they are (numbers also as a prefix).
    expect(matchWord("id", [], [])).toEqual({ word: "id", terms: ["id"], prefix: null, corrected: [] });
    expect(matchWord("2001", [], [])).toEqual({ word: "2001", terms: ["2001"], prefix: "2001", corrected: [] });
    // Unknown words are corrected.
    expect(matchWord("flihgts", [], [{ term: "flights", similarity: 0.33 }])).toEqual({ word: "flihgts", terms: ["flights"], prefix: null, corrected: ["flights"] });
    expect(matchWord("zzqx", [], [{ term: "flights", similarity: 0 }])).toEqual({ word: "zzqx", terms: [], prefix: "zzqx", corrected: [] });
  });
});

describe("typo correction", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("flihgts", "flights")).toBe(1);
    expect(editDistance("custmer", "customer")).toBe(1);
    expect(editDistance("orders", "orders")).toBe(0);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("accepts near words, nearest first, and leaves short words alone", () => {
    const near = [
      { term: "flight", similarity: 0.25 },
      { term: "flights", similarity: 0.33 },
      { term: "fleet", similarity: 0.1 },
    ];
    expect(corrections("flihgts", near)).toEqual(["flights", "flight"]);
    expect(corrections("ab", near)).toEqual([]);
    expect(corrections("2001", [{ term: "2011", similarity: 0.5 }])).toEqual([]);
  });
});

describe("schema history", () => {
  it("reports added, removed and retyped columns; a different spelling of a type is not a change", () => {
    const before = [
      { name: "id", type: "INTEGER" },
      { name: "amount", type: "INTEGER" },
      { name: "coupon", type: "varchar" },
      { name: "note", type: "varchar" },
    ];
    const after = [
      { name: "id", type: "integer" },
      { name: "amount", type: "BIGINT" },
      { name: "note", type: "VARCHAR" },
      { name: "currency", type: "VARCHAR" },
    ];
    expect(diffColumns(before, after)).toEqual([
      { change: "column_retyped", columnName: "amount", oldType: "INTEGER", newType: "BIGINT" },
      { change: "column_added", columnName: "currency", oldType: null, newType: "VARCHAR" },
      { change: "column_removed", columnName: "coupon", oldType: "varchar", newType: null },
    ]);
  });
});

describe("freshness", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("prefers the engine's last modification, and is stale past the expected interval", () => {
    const fresh = freshnessOf({ lastModifiedAt: new Date("2026-11-21T00:00:00Z"), schemaChangedAt: new Date("2026-01-01T00:00:00Z"), expectedUpdateHours: 24 }, now);
    expect(fresh).toMatchObject({ source: "engine", stale: false, dueAt: new Date("2026-11-22T00:00:00Z") });
    const stale = freshnessOf({ lastModifiedAt: null, schemaChangedAt: new Date("2026-11-19T00:00:00Z"), expectedUpdateHours: 24 }, now);
    expect(stale).toMatchObject({ source: "crawler", stale: true, lastChangeAt: new Date("2026-11-19T00:00:00Z") });
    expect(freshnessOf({ lastModifiedAt: null, schemaChangedAt: new Date(0), expectedUpdateHours: null }, now)).toMatchObject({ stale: false, dueAt: null });
  });
});

describe("Open in SQL workbench", () => {
  it("quotes names that need it", () => {
    expect(workbenchQuery({ catalog: "lakehouse", schema: "staging", name: "flights" })).toBe("SELECT * FROM lakehouse.staging.flights LIMIT 100");
    expect(workbenchQuery({ catalog: "lake", schema: "Sales EU", name: 'we"ird' })).toBe('SELECT * FROM lake."Sales EU"."we""ird" LIMIT 100');
  });
});
