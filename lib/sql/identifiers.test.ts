import { describe, expect, it } from "vitest";
import { qualifiedIdentifier, quoteIdentifier } from "./identifiers";

describe("quoteIdentifier", () => {
  it("leaves lower-case names with digits and underscores as they are", () => {
    expect(quoteIdentifier("daily_flight_delays")).toBe("daily_flight_delays");
    expect(quoteIdentifier("_tmp2")).toBe("_tmp2");
  });

  it("quotes reserved words, so a table named order or select still works", () => {
    expect(quoteIdentifier("order")).toBe('"order"');
    expect(quoteIdentifier("select")).toBe('"select"');
    expect(quoteIdentifier("date")).toBe("date");
  });

  it("quotes mixed case, which Trino would fold to lower case", () => {
    expect(quoteIdentifier("Sales")).toBe('"Sales"');
    expect(quoteIdentifier("ORDER")).toBe('"ORDER"');
  });

  it("doubles a quote inside the name", () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
  });

  it("quotes each part of a dotted path on its own", () => {
    expect(qualifiedIdentifier(["lakehouse", "sales", "order"])).toBe('lakehouse.sales."order"');
    expect(qualifiedIdentifier(["lake", "Sales EU", 'we"ird'])).toBe('lake."Sales EU"."we""ird"');
  });
});
