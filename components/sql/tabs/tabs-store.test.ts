import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LEGACY_STORAGE_KEY, migrateLegacyTabs, parseTabs, storageKeyFor, TabsStore } from "./tabs-store";

const STORAGE_KEY = storageKeyFor("anonymous");

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

function ids() {
  let n = 0;
  return () => `t${++n}`;
}

describe("TabsStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("starts with one empty tab and restores tabs, SQL and the active tab after a reload", () => {
    const storage = memoryStorage();
    const store = new TabsStore(storage, ids());
    expect(store.getSnapshot().tabs).toHaveLength(1);
    const second = store.open({ sql: "select 1", engineId: "duckdb", limit: 100 });
    store.setSql(store.getSnapshot().tabs[0]!.id, "select 2");
    store.rename(second.id, "  Flights  ");
    store.update(second.id, { keptRunId: "run-1" });
    vi.runAllTimers();

    const reloaded = new TabsStore(storage, ids()).getSnapshot();
    expect(reloaded.activeId).toBe(second.id);
    expect(reloaded.tabs.map((t) => t.keptRunId)).toEqual([null, "run-1"]);
    expect(reloaded.tabs.map((t) => [t.title, t.sql, t.limit])).toEqual([
      ["Query 1", "select 2", 1_000],
      ["Flights", "select 1", 100],
    ]);
  });

  it("does not notify listeners when only the SQL changes (the editor holds the live text)", () => {
    const store = new TabsStore(memoryStorage(), ids());
    const listener = vi.fn();
    store.subscribe(listener);
    store.setSql(store.active.id, "select 42");
    expect(listener).not.toHaveBeenCalled();
    expect(store.active.sql).toBe("select 42");
  });

  it("activates the neighbour when the active tab closes, and never leaves zero tabs", () => {
    const store = new TabsStore(memoryStorage(), ids());
    const first = store.active;
    const second = store.open();
    const third = store.open();
    store.activate(second.id);
    store.close(second.id);
    expect(store.getSnapshot().activeId).toBe(third.id);
    store.close(third.id);
    store.close(first.id);
    const { tabs, activeId } = store.getSnapshot();
    expect(tabs).toHaveLength(1);
    expect(activeId).toBe(tabs[0]!.id);
    expect(tabs[0]!.sql).toBe("");
  });

  it("gives a tab opened for another engine that engine's default catalog and schema", () => {
    const store = new TabsStore(memoryStorage(), ids());
    store.update(store.active.id, { engineId: "duckdb", catalog: "lakehouse", schema: "staging" });
    const same = store.open({ sql: "select 1" });
    expect([same.engineId, same.catalog, same.schema]).toEqual(["duckdb", "lakehouse", "staging"]);
    const other = store.open({ sql: "select 1", engineId: "trino" });
    expect([other.engineId, other.catalog, other.schema]).toEqual(["trino", null, null]);
  });

  it("ignores malformed stored values", () => {
    expect(parseTabs("not json")).toBeNull();
    expect(parseTabs(JSON.stringify({ tabs: [] }))).toBeNull();
    const parsed = parseTabs(JSON.stringify({ tabs: [{ id: "a", title: "A", sql: "x", limit: 7 }, { id: "a", title: "dup", sql: "" }, { title: "no id" }], activeId: "zzz" }));
    expect(parsed).toEqual({
      tabs: [expect.objectContaining({ id: "a", limit: 1_000, engineId: null, keptRunId: null, revision: null, dirty: true })],
      activeId: "a",
      closed: [],
      orderDirty: false,
    });
    const store = new TabsStore(memoryStorage({ [STORAGE_KEY]: "{broken" }), ids());
    expect(store.getSnapshot().tabs).toHaveLength(1);
  });

  it("keeps each user's tabs under their own key; the tabs of before per-user keys go to the first user who signs in, once", () => {
    const legacy = JSON.stringify({ tabs: [{ id: "old-1", title: "Mine", sql: "select 'before'" }], activeId: "old-1" });
    const storage = memoryStorage({ [LEGACY_STORAGE_KEY]: legacy });
    const uuid = "00000000-0000-4000-8000-000000000001";
    migrateLegacyTabs(storage, "alice", () => uuid);
    expect(storage.data.has(LEGACY_STORAGE_KEY)).toBe(false);
    const alice = new TabsStore(storage, ids(), storageKeyFor("alice")).getSnapshot();
    // A new id the server accepts; not on the server yet, so it will be sent.
    expect(alice.tabs).toEqual([expect.objectContaining({ id: uuid, sql: "select 'before'", revision: null, dirty: true })]);

    migrateLegacyTabs(storage, "bob");
    const bob = new TabsStore(storage, ids(), storageKeyFor("bob")).getSnapshot();
    expect(bob.tabs.map((t) => t.sql)).toEqual([""]);
  });

  it("marks what the server must get: edits, a closed synced tab, a new order; a first visit's empty tab is not sent", () => {
    const store = new TabsStore(memoryStorage(), ids());
    expect(store.pristine).toBe(true);
    expect(store.active.dirty).toBe(false);
    const first = store.active;
    store.setSql(first.id, "select 1");
    expect(store.active.dirty).toBe(true);
    expect(store.pristine).toBe(false);
    const second = store.open({ sql: "select 2" });
    store.replace(
      store.getSnapshot().tabs.map((t) => ({ ...t, revision: 3, dirty: false })),
      second.id,
      { closed: [], orderDirty: false },
    );
    store.move(second.id, 0);
    expect(store.getSnapshot().tabs.map((t) => t.id)).toEqual([second.id, first.id]);
    expect(store.orderDirty).toBe(true);
    store.close(first.id);
    expect(store.closed).toEqual([{ id: first.id, revision: 3 }]);
    // An unchanged value is no change.
    const before = store.versionOf(second.id);
    store.update(second.id, { limit: 1_000 });
    expect(store.versionOf(second.id)).toBe(before);
  });
});
