import { describe, expect, it } from "vitest";
import { flattenTree, matchesFilter, nodeKey, statusKey, type ColumnEntry, type Loaded, type TableEntry, type TreeData, type TreeRow } from "./tree-rows";

const ready = <T>(items: T[]): Loaded<T> => ({ status: "ready", items });
const table = (name: string, type: TableEntry["type"] = "TABLE"): TableEntry => ({ name, type, comment: null });
const column = (name: string, type = "VARCHAR"): ColumnEntry => ({ name, type, comment: null });

function data(partial: Partial<TreeData> = {}): TreeData {
  return {
    catalogs: ready(["lakehouse", "memory"]),
    schemas: new Map([[nodeKey(["lakehouse"]), ready(["curated", "raw"])]]),
    tables: new Map([[nodeKey(["lakehouse", "curated"]), ready([table("airport_traffic"), table("daily_flight_delays"), table("weather_monthly", "VIEW")])]]),
    columns: new Map([
      [nodeKey(["lakehouse", "curated", "airport_traffic"]), ready([column("airport"), column("departures", "BIGINT")])],
      [nodeKey(["lakehouse", "curated", "weather_monthly"]), ready([column("month"), column("rain_mm", "DOUBLE")])],
    ]),
    ...partial,
  };
}

const open = (...paths: string[][]) => new Set(paths.map(nodeKey));
const labels = (rows: TreeRow[]) => rows.map((r) => `${"  ".repeat(r.level - 1)}${r.kind === "status" ? `(${r.message})` : r.name}`);

describe("flattenTree", () => {
  it("shows a table the catalog's search found even when the filter matches neither its name nor a loaded column", () => {
    const expanded = open(["lakehouse"], ["lakehouse", "curated"]);
    expect(labels(flattenTree(data(), expanded, "punctual"))).toEqual(["lakehouse", "  curated", "    (No tables or columns match “punctual”)", "  raw", "memory"]);
    const found = new Set([nodeKey(["lakehouse", "curated", "daily_flight_delays"])]);
    expect(labels(flattenTree(data(), expanded, "punctual", found))).toEqual(["lakehouse", "  curated", "    daily_flight_delays", "  raw", "memory"]);
  });

  it("shows only catalogs until one is expanded", () => {
    const rows = flattenTree(data(), open());
    expect(labels(rows)).toEqual(["lakehouse", "memory"]);
    expect(rows[0]).toMatchObject({ kind: "catalog", level: 1, posInSet: 1, setSize: 2, expanded: false, parentKey: null });
  });

  it("lists expanded levels in order, with ARIA positions among siblings", () => {
    const rows = flattenTree(data(), open(["lakehouse"], ["lakehouse", "curated"], ["lakehouse", "curated", "airport_traffic"]));
    expect(labels(rows)).toEqual([
      "lakehouse",
      "  curated",
      "    airport_traffic",
      "      airport",
      "      departures",
      "    daily_flight_delays",
      "    weather_monthly",
      "  raw",
      "memory",
    ]);
    const view = rows.find((r) => r.kind === "table" && r.name === "weather_monthly");
    expect(view).toMatchObject({ level: 3, posInSet: 3, setSize: 3, parentKey: nodeKey(["lakehouse", "curated"]), table: { type: "VIEW" } });
    const departures = rows.find((r) => r.kind === "column" && r.name === "departures");
    expect(departures).toMatchObject({ path: ["lakehouse", "curated", "airport_traffic", "departures"], column: { type: "BIGINT" }, posInSet: 2, setSize: 2 });
  });

  it("shows a status row where a level is loading, failed or empty", () => {
    const rows = flattenTree(
      data({
        schemas: new Map([
          [nodeKey(["lakehouse"]), ready(["curated", "raw", "empty"])],
          [nodeKey(["memory"]), { status: "error", message: "Access denied" }],
        ]),
        tables: new Map([[nodeKey(["lakehouse", "empty"]), ready([])]]),
      }),
      open(["lakehouse"], ["lakehouse", "raw"], ["lakehouse", "empty"], ["memory"]),
    );
    expect(labels(rows)).toEqual([
      "lakehouse",
      "  curated",
      "  raw",
      "    (Loading tables…)", // requested, no answer yet
      "  empty",
      "    (No tables in this schema)",
      "memory",
      "  (Access denied)",
    ]);
    const failed = rows.at(-1)!;
    expect(failed).toMatchObject({ kind: "status", status: "error", key: statusKey(nodeKey(["memory"])), parentKey: nodeKey(["memory"]), path: ["memory"] });
  });

  it("shows the catalogs' own state at the top level", () => {
    expect(flattenTree(data({ catalogs: { status: "loading" } }), open())).toMatchObject([{ kind: "status", status: "loading", level: 1, parentKey: null }]);
    expect(labels(flattenTree(data({ catalogs: ready([]) }), open()))).toEqual(["(No catalogs)"]);
  });

  describe("with a filter", () => {
    const expanded = open(["lakehouse"], ["lakehouse", "curated"], ["lakehouse", "curated", "airport_traffic"], ["lakehouse", "curated", "weather_monthly"]);

    it("keeps tables whose name matches, case-insensitively, with all their columns", () => {
      expect(labels(flattenTree(data(), expanded, "  AIRPORT "))).toEqual([
        "lakehouse",
        "  curated",
        "    airport_traffic",
        "      airport",
        "      departures",
        "  raw",
        "memory",
      ]);
    });

    it("keeps tables with a loaded column that matches, showing only the matching columns", () => {
      expect(labels(flattenTree(data(), expanded, "rain"))).toEqual(["lakehouse", "  curated", "    weather_monthly", "      rain_mm", "  raw", "memory"]);
    });

    it("says so when nothing in an expanded schema matches", () => {
      const rows = flattenTree(data(), expanded, "zzz");
      expect(labels(rows)).toEqual(["lakehouse", "  curated", "    (No tables or columns match “zzz”)", "  raw", "memory"]);
      expect(rows[2]).toMatchObject({ status: "empty" });
    });
  });

  it("keeps names with dots and quotes apart in the keys", () => {
    expect(nodeKey(["a.b", "c"])).not.toBe(nodeKey(["a", "b.c"]));
    expect(nodeKey(['x"', "y"])).not.toBe(nodeKey(["x", '"y']));
  });
});

describe("matchesFilter", () => {
  it("matches a part of the name, ignoring case and surrounding spaces", () => {
    expect(matchesFilter("Daily_Flight_Delays", "flight")).toBe(true);
    expect(matchesFilter("daily", " DAI ")).toBe(true);
    expect(matchesFilter("daily", "weekly")).toBe(false);
    expect(matchesFilter("anything", "   ")).toBe(true);
  });
});
