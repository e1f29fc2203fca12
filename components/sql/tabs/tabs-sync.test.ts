// The tab sync without a browser: two stores (two browsers of one user) against a fake server
// that follows the rules of server/sql/tabs (revisions, copies on conflict, closes kept when
// changed elsewhere), over a transport that can be cut (offline) and slowed (typing in flight).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { storageKeyFor, TabsStore } from "./tabs-store";
import { SyncError, TabsSync, type SyncNotice, type SyncRequest, type SyncResponse, type TabsTransport } from "./tabs-sync";
import type { ServerTab } from "@/server/sql/tabs/tabs";

type Row = { revision: number; position: number; writer: string; device: string; updatedAt: Date; content: SyncRequest["changes"][number] };

/** The server's rules in memory (server/sql/tabs/tabs.ts is tested on real databases). */
class FakeServer {
  rows = new Map<string, Row>();
  down = false;
  calls = 0;
  private copies = 0;
  private clock = 0;

  transport(gate?: () => Promise<void>): TabsTransport {
    return {
      sync: async (request) => {
        this.calls++;
        if (gate) await gate();
        if (this.down) throw new TypeError("Failed to fetch");
        return this.sync(structuredClone(request));
      },
    };
  }

  sql = () => [...this.ordered()].map(([, r]) => r.content.sql);
  titles = () => [...this.ordered()].map(([, r]) => r.content.title);

  private ordered() {
    return [...this.rows.entries()].sort((a, b) => a[1].position - b[1].position);
  }

  private sync(request: SyncRequest): SyncResponse {
    const changes: SyncResponse["changes"] = [];
    const at = () => new Date(Date.UTC(2026, 11, 4, 1, 0, this.clock++));
    for (const c of request.changes) {
      const row = this.rows.get(c.id);
      if (c.sql.length > 1_000) {
        changes.push({ id: c.id, outcome: "refused", message: `“${c.title}” is too large` });
      } else if (row && (row.revision === c.baseRevision || row.writer === request.writer)) {
        Object.assign(row, { revision: row.revision + 1, content: c, writer: request.writer, device: request.device, updatedAt: at() });
        changes.push({ id: c.id, outcome: "saved", revision: row.revision });
      } else if (!row && c.baseRevision === null) {
        this.rows.set(c.id, { revision: 1, position: this.rows.size, content: c, writer: request.writer, device: request.device, updatedAt: at() });
        changes.push({ id: c.id, outcome: "saved", revision: 1 });
      } else {
        const copyId = `c0000000-0000-4000-8000-${String(++this.copies).padStart(12, "0")}`;
        const copyTitle = `${c.title} (copy from ${request.device})`;
        this.rows.set(copyId, {
          revision: 1,
          position: (row?.position ?? this.rows.size) + 0.5,
          content: { ...c, id: copyId, title: copyTitle },
          writer: request.writer,
          device: request.device,
          updatedAt: at(),
        });
        changes.push({ id: c.id, outcome: "conflict", revision: row?.revision ?? null, copyId, copyTitle, updatedFrom: row?.device ?? "another browser" });
      }
    }
    const closes: SyncResponse["closes"] = request.closes.map(({ id, baseRevision }) => {
      const row = this.rows.get(id);
      if (row && row.revision !== baseRevision && row.writer !== request.writer) return { id, outcome: "kept", revision: row.revision, updatedFrom: row.device };
      this.rows.delete(id);
      return { id, outcome: "closed" };
    });
    if (request.order) request.order.forEach((id, i) => this.rows.get(id) && (this.rows.get(id)!.position = i));
    this.ordered().forEach(([, r], i) => (r.position = i));
    const known = new Map(request.known.map((k) => [k.id, k.revision]));
    for (const c of changes) if (c.outcome === "saved") known.set(c.id, c.revision);
    const tabs: ServerTab[] = this.ordered().map(([id, r]) => ({
      id,
      revision: r.revision,
      position: r.position,
      ...(known.get(id) === r.revision ? {} : { content: { ...r.content, updatedAt: r.updatedAt, updatedFrom: r.device } }),
    }));
    return { changes, closes, tabs };
  }
}

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

let idCounter = 0;
const newId = () => `a0000000-0000-4000-8000-${String(++idCounter).padStart(12, "0")}`;

function browser(server: FakeServer, device: string, options: { storage?: ReturnType<typeof memoryStorage>; gate?: () => Promise<void> } = {}) {
  const storage = options.storage ?? memoryStorage();
  const store = new TabsStore(storage, newId, storageKeyFor("alice"));
  const sync = new TabsSync(store, server.transport(options.gate), { writer: newId(), device, debounceMs: 500, pullEveryMs: 15_000 });
  const notices: SyncNotice[] = [];
  const remote: string[][] = [];
  sync.onNotice((n) => notices.push(n));
  sync.onRemoteText((ids) => remote.push(ids));
  return { store, sync, storage, notices, remote, tabs: () => store.getSnapshot().tabs, state: () => sync.getStatus().state };
}

describe("TabsSync", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("what is typed in one browser shows in another of the same user, which drops its empty first tab", async () => {
    const server = new FakeServer();
    const firefox = browser(server, "Firefox on Linux");
    firefox.sync.start();
    await vi.advanceTimersByTimeAsync(0);
    firefox.store.setSql(firefox.store.active.id, "select 'from firefox'");
    firefox.store.open({ title: "Second", sql: "select 2" });
    expect(firefox.state()).toBe("saving");
    await vi.advanceTimersByTimeAsync(500);
    expect(server.sql()).toEqual(["select 'from firefox'", "select 2"]);
    expect(firefox.state()).toBe("saved");

    const chrome = browser(server, "Chrome on Linux");
    chrome.sync.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(chrome.tabs().map((t) => [t.title, t.sql, t.dirty])).toEqual([
      ["Query 1", "select 'from firefox'", false],
      ["Second", "select 2", false],
    ]);
    expect(server.rows.size).toBe(2); // the empty tab it started with was never sent

    // Later edits arrive on the next pull, and the editor is told which tab's text changed.
    firefox.store.setSql(firefox.tabs()[1]!.id, "select 2 + 2");
    await vi.advanceTimersByTimeAsync(500);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(chrome.tabs()[1]!.sql).toBe("select 2 + 2");
    expect(chrome.remote).toEqual([[chrome.tabs()[1]!.id]]);
  });

  it("offline: edits stay in this browser (also across a reload), retries back off, and everything is sent once the server answers", async () => {
    const server = new FakeServer();
    const storage = memoryStorage();
    const first = browser(server, "Firefox", { storage });
    first.sync.start();
    await vi.advanceTimersByTimeAsync(0);
    server.down = true;
    first.store.setSql(first.store.active.id, "select 'written offline'");
    await vi.advanceTimersByTimeAsync(500);
    expect(first.state()).toBe("offline");
    const failed = server.calls;
    await vi.advanceTimersByTimeAsync(1_000); // first retry after 1 s
    await vi.advanceTimersByTimeAsync(2_000); // then 2 s
    expect(server.calls).toBe(failed + 2);
    await vi.advanceTimersByTimeAsync(4_000); // the next waits 5 s: not yet
    expect(server.calls).toBe(failed + 2);
    expect(server.rows.size).toBe(0);

    // A reload while offline: the text and "not sent yet" come back from localStorage.
    first.store.flush();
    first.sync.stop();
    const reloaded = browser(server, "Firefox", { storage });
    expect(reloaded.tabs().map((t) => [t.sql, t.dirty])).toEqual([["select 'written offline'", true]]);
    reloaded.sync.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(reloaded.state()).toBe("offline");
    server.down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reloaded.state()).toBe("saved");
    expect(server.sql()).toEqual(["select 'written offline'"]);
    expect(reloaded.tabs()[0]!.dirty).toBe(false);
  });

  it("a draft saved from two browsers at once: the earlier save stays, the later browser keeps its text in a copy tab it now shows", async () => {
    const server = new FakeServer();
    const firefox = browser(server, "Firefox on Linux");
    firefox.sync.start();
    firefox.store.setSql(firefox.store.active.id, "select 1");
    await vi.advanceTimersByTimeAsync(500);
    const chrome = browser(server, "Chrome on Linux");
    chrome.sync.start();
    await vi.advanceTimersByTimeAsync(0);
    const id = chrome.store.active.id;

    chrome.store.setSql(id, "select 'chrome'");
    await vi.advanceTimersByTimeAsync(500);
    firefox.store.setSql(id, "select 'firefox'");
    await vi.advanceTimersByTimeAsync(500);

    expect(server.sql()).toEqual(["select 'chrome'", "select 'firefox'"]);
    expect(server.titles()).toEqual(["Query 1", "Query 1 (copy from Firefox on Linux)"]);
    expect(firefox.tabs().map((t) => [t.title, t.sql, t.dirty])).toEqual([
      ["Query 1", "select 'chrome'", false],
      ["Query 1 (copy from Firefox on Linux)", "select 'firefox'", false],
    ]);
    expect(firefox.store.active.title).toBe("Query 1 (copy from Firefox on Linux)");
    expect(firefox.notices).toEqual([{ kind: "conflict", title: "Query 1", copyTitle: "Query 1 (copy from Firefox on Linux)", updatedFrom: "Chrome on Linux" }]);
    expect(firefox.remote).toEqual([[id]]);
    // The other browser gets the copy on its next pull.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(chrome.tabs().map((t) => t.sql)).toEqual(["select 'chrome'", "select 'firefox'"]);
  });

  it("text typed while a request is out is sent next, never lost; also when that request ends in a conflict", async () => {
    const server = new FakeServer();
    let release: () => void = () => {};
    let hold = false;
    const gate = () => (hold ? new Promise<void>((r) => (release = r)) : Promise.resolve());
    const slow = browser(server, "Firefox", { gate });
    slow.sync.start();
    slow.store.setSql(slow.store.active.id, "select 1");
    await vi.advanceTimersByTimeAsync(500);
    const id = slow.store.active.id;
    const other = browser(server, "Chrome");
    other.sync.start();
    await vi.advanceTimersByTimeAsync(0);
    other.store.setSql(id, "select 'other'");
    await vi.advanceTimersByTimeAsync(500);

    hold = true;
    slow.store.setSql(id, "select 'mine'");
    await vi.advanceTimersByTimeAsync(500); // the request is out, held
    slow.store.setSql(id, "select 'mine, and more'");
    hold = false;
    release();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(500);
    const copy = slow.tabs().find((t) => t.title.includes("copy"))!;
    expect(copy.sql).toBe("select 'mine, and more'");
    expect(server.sql()).toEqual(["select 'other'", "select 'mine, and more'"]);
    expect(slow.state()).toBe("saved");
  });

  it("closes and the order sync; a tab changed elsewhere after it was closed here comes back with a notice", async () => {
    const server = new FakeServer();
    const a = browser(server, "Firefox");
    a.sync.start();
    a.store.setSql(a.store.active.id, "select 1");
    const second = a.store.open({ sql: "select 2" });
    const third = a.store.open({ sql: "select 3" });
    await vi.advanceTimersByTimeAsync(500);
    const b = browser(server, "Chrome");
    b.sync.start();
    await vi.advanceTimersByTimeAsync(0);

    a.store.move(third.id, 0);
    a.store.close(second.id);
    await vi.advanceTimersByTimeAsync(500);
    expect(server.sql()).toEqual(["select 3", "select 1"]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(b.tabs().map((t) => t.sql)).toEqual(["select 3", "select 1"]);
    expect(b.notices).toEqual([{ kind: "closed-elsewhere", title: second.title }]);

    b.store.setSql(third.id, "select 'changed in chrome'");
    await vi.advanceTimersByTimeAsync(500);
    a.store.close(third.id); // a has not pulled that change yet
    await vi.advanceTimersByTimeAsync(500);
    // Back at the end (the order this browser sent no longer named it).
    expect(a.tabs().map((t) => t.sql)).toEqual(["select 1", "select 'changed in chrome'"]);
    expect(a.notices).toEqual([{ kind: "reopened", title: "Query 3", updatedFrom: "Chrome" }]);
  });

  it("a tab the server refuses says why and is not sent again until it changes; a refused request is not retried in a loop", async () => {
    const server = new FakeServer();
    const a = browser(server, "Firefox");
    a.sync.start();
    a.store.setSql(a.store.active.id, "x".repeat(1_001));
    await vi.advanceTimersByTimeAsync(500);
    expect(a.sync.getStatus()).toEqual({ state: "refused", message: "“Query 1” is too large" });
    const calls = server.calls;
    await vi.advanceTimersByTimeAsync(15_000); // the pull does not carry it again
    expect(server.calls).toBe(calls + 1);
    expect(server.rows.size).toBe(0);
    a.store.setSql(a.store.active.id, "select 'shorter'");
    await vi.advanceTimersByTimeAsync(500);
    expect(a.state()).toBe("saved");
    expect(server.sql()).toEqual(["select 'shorter'"]);

    // A request refused as a whole (not a network failure) is not sent again by itself.
    let attempts = 0;
    const refusing: TabsTransport = { sync: () => (attempts++, Promise.reject(new SyncError("bad input", false))) };
    const store = new TabsStore(memoryStorage(), newId);
    const sync = new TabsSync(store, refusing, { writer: newId(), device: "x" });
    sync.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toBe(1);
    expect(sync.getStatus()).toEqual({ state: "refused", message: "Not saved to your account: bad input" });
    sync.stop();
  });
});
