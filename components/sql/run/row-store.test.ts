import { describe, expect, it } from "vitest";
import { RowStore } from "./row-store";

describe("RowStore", () => {
  it("reads any row across pages of different sizes, in any order", () => {
    const store = new RowStore<number>();
    let next = 0;
    for (const size of [3, 1, 2048, 7, 500]) store.append(Array.from({ length: size }, () => next++));
    store.append([]);
    expect(store.length).toBe(next);
    for (const i of [0, 2, 3, 4, 2051, 2052, 2058, next - 1, 5, 0]) expect(store.get(i)).toBe(i);
    expect(store.get(-1)).toBeUndefined();
    expect(store.get(next)).toBeUndefined();
  });

  it("appends a million rows in pages without copying earlier pages", () => {
    const store = new RowStore<number>();
    const first = [0, 1];
    store.append(first);
    for (let p = 1; p < 500; p++) store.append(Array.from({ length: 2_000 }, (_, i) => p * 2_000 + i));
    expect(store.length).toBe(2 + 499 * 2_000);
    expect(store.get(store.length - 1)).toBe(999_999);
    first[1] = 42; // the store holds the page itself, not a copy
    expect(store.get(1)).toBe(42);
  });

  it("decodes a lazy page's rows only when read, and gives the same row object again while it is recent", () => {
    const store = new RowStore<number[]>();
    const decodedRows: number[] = [];
    const lazy = (from: number, length: number) => ({
      length,
      row: (i: number) => {
        decodedRows.push(from + i);
        return [from + i];
      },
    });
    store.append([[0], [1]]);
    store.append(lazy(2, 2_048));
    store.append(lazy(2_050, 10));
    expect(store.length).toBe(2_060);
    expect(decodedRows).toEqual([]);
    expect(store.get(1)).toEqual([1]);
    const row = store.get(2_055);
    expect(row).toEqual([2_055]);
    expect(store.get(2_055)).toBe(row);
    expect(store.get(3)).toEqual([3]);
    expect(decodedRows).toEqual([2_055, 3]);
    // Past the memory of recent rows, a row is decoded again (equal, not the same object).
    for (let i = 2; i < 2_050; i++) store.get(i);
    expect(store.get(2_055)).not.toBe(row);
    expect(store.get(2_055)).toEqual(row);
  });

  it("samples every n-th row up to a limit", () => {
    const store = new RowStore<number>();
    store.append(Array.from({ length: 10 }, (_, i) => i));
    expect(store.sample(3)).toEqual([0, 3, 6, 9]);
    expect(store.sample(2, 2)).toEqual([0, 2]);
  });
});
