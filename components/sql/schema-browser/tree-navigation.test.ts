import { describe, expect, it } from "vitest";
import { resolveActive, treeMove } from "./tree-navigation";
import { flattenTree, nodeKey, statusKey, type TreeData } from "./tree-rows";

const data: TreeData = {
  catalogs: { status: "ready", items: ["lakehouse", "memory"] },
  schemas: new Map([[nodeKey(["lakehouse"]), { status: "ready", items: ["curated", "raw"] }]]),
  tables: new Map([[nodeKey(["lakehouse", "curated"]), { status: "ready", items: [{ name: "flights", type: "TABLE", comment: null }] }]]),
  columns: new Map(),
};
const k = (...path: string[]) => nodeKey(path);
// lakehouse, curated, flights, (Loading columns…), raw, memory
const rows = flattenTree(data, new Set([k("lakehouse"), k("lakehouse", "curated"), k("lakehouse", "curated", "flights")]));

describe("treeMove", () => {
  it("moves up and down through the visible rows and stops at the ends", () => {
    expect(treeMove(rows, k("lakehouse"), "ArrowDown")).toEqual({ type: "focus", key: k("lakehouse", "curated") });
    expect(treeMove(rows, k("lakehouse", "curated", "flights"), "ArrowDown")).toEqual({ type: "focus", key: statusKey(k("lakehouse", "curated", "flights")) });
    expect(treeMove(rows, k("lakehouse"), "ArrowUp")).toEqual({ type: "focus", key: k("lakehouse") });
    expect(treeMove(rows, k("memory"), "ArrowDown")).toEqual({ type: "focus", key: k("memory") });
    expect(treeMove(rows, k("lakehouse", "raw"), "Home")).toEqual({ type: "focus", key: k("lakehouse") });
    expect(treeMove(rows, k("lakehouse"), "End")).toEqual({ type: "focus", key: k("memory") });
  });

  it("opens a closed node with Right, then goes to its first child", () => {
    expect(treeMove(rows, k("memory"), "ArrowRight")).toEqual({ type: "expand", key: k("memory") });
    expect(treeMove(rows, k("lakehouse"), "ArrowRight")).toEqual({ type: "focus", key: k("lakehouse", "curated") });
  });

  it("closes an open node with Left, else goes to the parent", () => {
    expect(treeMove(rows, k("lakehouse", "curated"), "ArrowLeft")).toEqual({ type: "collapse", key: k("lakehouse", "curated") });
    expect(treeMove(rows, k("lakehouse", "raw"), "ArrowLeft")).toEqual({ type: "focus", key: k("lakehouse") });
    expect(treeMove(rows, statusKey(k("lakehouse", "curated", "flights")), "ArrowLeft")).toEqual({ type: "focus", key: k("lakehouse", "curated", "flights") });
    expect(treeMove(rows, k("memory"), "ArrowLeft")).toBeNull();
  });

  it("starts from the first row when nothing is active, and ignores other keys", () => {
    expect(treeMove(rows, null, "ArrowDown")).toEqual({ type: "focus", key: k("lakehouse", "curated") });
    expect(treeMove(rows, k("lakehouse"), "a")).toBeNull();
    expect(treeMove([], null, "ArrowDown")).toBeNull();
  });
});

describe("resolveActive", () => {
  it("keeps a shown row, falls back to the closest shown ancestor, else the first row", () => {
    expect(resolveActive(rows, k("lakehouse", "raw"))).toBe(k("lakehouse", "raw"));
    expect(resolveActive(rows, k("lakehouse", "raw", "gone", "col"))).toBe(k("lakehouse", "raw"));
    expect(resolveActive(rows, statusKey(k("memory")))).toBe(k("memory"));
    expect(resolveActive(rows, k("elsewhere"))).toBe(k("lakehouse"));
    expect(resolveActive(rows, null)).toBe(k("lakehouse"));
    expect(resolveActive([], k("lakehouse"))).toBeNull();
  });
});
