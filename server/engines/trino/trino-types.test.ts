// Column types → trees and ROW field naming, from typeSignature (new and pre-321 kinds) and from
// the type text alone.
import { describe, expect, it } from "vitest";
import { columnTypeTree, fromSignature, fromTypeText, rowNamingForColumns, rowNamingShaper } from "./trino-types";

const varchar = { rawType: "varchar", arguments: [{ kind: "LONG", value: 2147483647 }] };
const integer = { rawType: "integer", arguments: [] };
const named = (name: string | null, typeSignature: unknown) => ({ kind: "NAMED_TYPE", value: { ...(name !== null ? { fieldName: { name } } : {}), typeSignature } });

describe("Trino column types", () => {
  it("reads rows, arrays and maps from a typeSignature, pre-321 parameter kinds included", () => {
    const signature = {
      rawType: "row",
      arguments: [named("a", integer), named("b", { rawType: "array", arguments: [{ kind: "TYPE", value: { rawType: "row", arguments: [named("x", varchar)] } }] })],
    };
    expect(fromSignature(signature)).toEqual({
      kind: "row",
      fields: [
        { name: "a", type: { kind: "scalar", name: "integer" } },
        { name: "b", type: { kind: "array", element: { kind: "row", fields: [{ name: "x", type: { kind: "scalar", name: "varchar" } }] } } },
      ],
    });
    const legacy = {
      rawType: "map",
      typeArguments: [],
      literalArguments: [],
      arguments: [
        { kind: "TYPE_SIGNATURE", value: varchar },
        {
          kind: "TYPE_SIGNATURE",
          value: { rawType: "row", arguments: [{ kind: "NAMED_TYPE_SIGNATURE", value: { fieldName: { name: "n", delimited: false }, typeSignature: integer } }] },
        },
      ],
    };
    expect(fromSignature(legacy)).toEqual({
      kind: "map",
      key: { kind: "scalar", name: "varchar" },
      value: { kind: "row", fields: [{ name: "n", type: { kind: "scalar", name: "integer" } }] },
    });
    expect(fromSignature({ rawType: "row", arguments: [{ kind: "LONG", value: 3 }] })).toBeNull(); // not a shape we know
    expect(fromSignature("row")).toBeNull();
  });

  it("reads the same trees from the type text: quoted names, unnamed fields, parameters and `with time zone`", () => {
    expect(fromTypeText('row(a integer, "b c" array(row(x double)), "say ""hi""" varchar(3))')).toEqual({
      kind: "row",
      fields: [
        { name: "a", type: { kind: "scalar", name: "integer" } },
        { name: "b c", type: { kind: "array", element: { kind: "row", fields: [{ name: "x", type: { kind: "scalar", name: "double" } }] } } },
        { name: 'say "hi"', type: { kind: "scalar", name: "varchar(3)" } },
      ],
    });
    expect(fromTypeText("row(integer, timestamp(3) with time zone, decimal(10,2))")).toEqual({
      kind: "row",
      fields: [
        { name: null, type: { kind: "scalar", name: "integer" } },
        { name: null, type: { kind: "scalar", name: "timestamp(3) with time zone" } },
        { name: null, type: { kind: "scalar", name: "decimal(10,2)" } },
      ],
    });
    expect(fromTypeText("row(ts timestamp with time zone, d interval day to second)")).toEqual({
      kind: "row",
      fields: [
        { name: "ts", type: { kind: "scalar", name: "timestamp with time zone" } },
        { name: "d", type: { kind: "scalar", name: "interval day to second" } },
      ],
    });
    expect(fromTypeText("map(varchar, row(n bigint))")).toEqual({
      kind: "map",
      key: { kind: "scalar", name: "varchar" },
      value: { kind: "row", fields: [{ name: "n", type: { kind: "scalar", name: "bigint" } }] },
    });
    // Unreadable text stays a scalar (the value passes through untouched).
    expect(fromTypeText("row(a integer")).toEqual({ kind: "scalar", name: "row(a integer" });
    // Without a signature the text decides.
    expect(columnTypeTree({ name: "r", type: "row(a integer)" })).toEqual({ kind: "row", fields: [{ name: "a", type: { kind: "scalar", name: "integer" } }] });
  });

  it("names ROW fields in rows, arrays, maps and nested rows, and leaves other values alone", () => {
    const shape = rowNamingShaper(
      fromTypeText("row(id integer, tags array(varchar), parts array(row(x double, y double)), meta map(varchar, row(n integer)), inner row(z varchar))"),
    )!;
    expect(shape([1, ["a"], [[1.5, 2], null], { k: [3] }, ["deep"]])).toEqual({
      id: 1,
      tags: ["a"],
      parts: [{ x: 1.5, y: 2 }, null],
      meta: { k: { n: 3 } },
      inner: { z: "deep" },
    });
    expect(shape([2, null, null, null, null])).toEqual({ id: 2, tags: null, parts: null, meta: null, inner: null });
    expect(rowNamingShaper(fromTypeText("array(map(varchar, integer))"))).toBeNull(); // no ROW inside: no work per value
  });

  it("keeps every value when fields are unnamed, repeated, or named like Object internals", () => {
    const shape = rowNamingShaper(fromTypeText('row(integer, varchar, a integer, a integer, "__proto__" varchar)'))!;
    const value = shape([1, "x", 2, 3, "p"]) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["field0", "field1", "a", "a_3", "__proto__"]);
    expect(value).toMatchObject({ field0: 1, field1: "x", a: 2, a_3: 3 });
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toBe("p");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("builds a row function only when a column holds a ROW", () => {
    expect(
      rowNamingForColumns([
        { name: "n", type: "bigint" },
        { name: "arr", type: "array(integer)" },
      ]),
    ).toBeNull();
    const name = rowNamingForColumns([
      { name: "n", type: "bigint" },
      { name: "r", type: "row(a integer)" },
    ])!;
    expect(name([1, [5]])).toEqual([1, { a: 5 }]);
    expect(name([1, null])).toEqual([1, null]);
  });
});
