import { describe, expect, it } from "vitest";
import { previewSql, qualifiedName, quoteIdentifier, tableReference } from "./sql-names";

describe("quoteIdentifier", () => {
  it("leaves lower-case names with digits and underscores as they are", () => {
    expect(quoteIdentifier("daily_flight_delays")).toBe("daily_flight_delays");
    expect(quoteIdentifier("_tmp2")).toBe("_tmp2");
  });

  it("quotes names that would change or break unquoted", () => {
    expect(quoteIdentifier("Sales")).toBe('"Sales"'); // Trino would fold it to sales
    expect(quoteIdentifier("2024_orders")).toBe('"2024_orders"');
    expect(quoteIdentifier("order items")).toBe('"order items"');
    expect(quoteIdentifier("a.b")).toBe('"a.b"');
    expect(quoteIdentifier("")).toBe('""');
    expect(quoteIdentifier("größe")).toBe('"größe"');
  });

  it("doubles double quotes inside a quoted name", () => {
    expect(quoteIdentifier('say "hi"')).toBe('"say ""hi"""');
  });

  it("quotes reserved words but not ordinary keywords", () => {
    expect(quoteIdentifier("order")).toBe('"order"');
    expect(quoteIdentifier("group")).toBe('"group"');
    expect(quoteIdentifier("date")).toBe("date");
    expect(quoteIdentifier("name")).toBe("name");
  });
});

describe("table names for the editor", () => {
  const path = ["lakehouse", "curated", "daily_flight_delays"] as const;

  it("joins the parts with dots, each quoted as needed", () => {
    expect(qualifiedName(["lake-house", "Curated", "t"])).toBe('"lake-house"."Curated".t');
  });

  it("is as short as the tab's catalog and schema allow", () => {
    expect(tableReference(path, { catalog: "lakehouse", schema: "curated" })).toBe("daily_flight_delays");
    expect(tableReference(path, { catalog: "lakehouse", schema: "staging" })).toBe("curated.daily_flight_delays");
    expect(tableReference(path, { catalog: "memory", schema: "curated" })).toBe("lakehouse.curated.daily_flight_delays");
    expect(tableReference(path, { catalog: null, schema: null })).toBe("lakehouse.curated.daily_flight_delays");
  });

  it("previews fully qualified, limited to 100 rows", () => {
    expect(previewSql(path)).toBe("SELECT * FROM lakehouse.curated.daily_flight_delays LIMIT 100");
    expect(previewSql(["c", "s", 'Odd "name"'], 10)).toBe('SELECT * FROM c.s."Odd ""name""" LIMIT 10');
  });
});
