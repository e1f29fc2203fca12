// Workbench tabs on real databases: a second browser reads what the first wrote; a write from a
// stale revision never overwrites, its text becomes a copy tab; closes and order sync; limits
// refuse with a message and change nothing; nobody reads or writes another user's tabs.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { createTestUser } from "../../testing/expectations";
import type { CurrentUser } from "../../auth/current-user";
import { createCaller } from "../../api/root";
import { copyTitleOf, listTabs, syncTabs } from "./tabs";
import { MAX_TABS, tabsSyncInput, type TabChange } from "./schemas";

const FIREFOX = "00000000-0000-4000-8000-0000000000f1";
const CHROME = "00000000-0000-4000-8000-0000000000c1";
const tabId = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function change(n: number, patch: Partial<TabChange> = {}): TabChange {
  return {
    id: tabId(n),
    baseRevision: null,
    title: `Query ${n}`,
    sql: `select ${n}`,
    engineId: "duckdb",
    catalog: null,
    schema: null,
    limit: 1_000,
    savedQueryId: null,
    savedVersion: null,
    keptRunId: null,
    ...patch,
  };
}

await describeOnDatabases("workbench tabs on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let alice: CurrentUser;
  let bob: CurrentUser;
  let admin: CurrentUser;
  const ctx = (user: CurrentUser) => ({ user, ip: null, db: database.db });
  const sync = (user: CurrentUser, writer: string, input: Partial<Parameters<typeof syncTabs>[0]["input"]>) =>
    syncTabs({ ctx: ctx(user), input: tabsSyncInput.parse({ writer, device: writer === FIREFOX ? "Firefox on Linux" : "Chrome on Linux", ...input }) });
  const rows = (user: CurrentUser) => database.db.workbenchTab.findMany({ where: { userId: user.id }, orderBy: { position: "asc" } });

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await database.db.$executeRaw`TRUNCATE users CASCADE`;
    alice = await createTestUser(database.db, "alice@example.com", "viewer");
    bob = await createTestUser(database.db, "bob@example.com", "editor");
    admin = await createTestUser(database.db, "admin@example.com", "admin");
  });

  it.skipIf(skip)("a second browser of the same user reads the tabs, their SQL and context, in order", async () => {
    const first = await sync(alice, FIREFOX, {
      changes: [change(1), change(2, { title: "Flights", sql: "select * from flights", catalog: "lakehouse", schema: "staging", limit: 100 })],
      order: [tabId(2), tabId(1)],
    });
    expect(first.changes).toEqual([
      { id: tabId(1), outcome: "saved", revision: 1 },
      { id: tabId(2), outcome: "saved", revision: 1 },
    ]);
    // What the writer already holds comes back without content.
    expect(first.tabs).toEqual([
      { id: tabId(2), revision: 1, position: 0 },
      { id: tabId(1), revision: 1, position: 1 },
    ]);

    const other = await listTabs({ ctx: ctx(alice), input: undefined });
    expect(other.tabs.map((t) => [t.id, t.content?.title, t.content?.sql, t.content?.catalog, t.content?.schema, t.content?.limit])).toEqual([
      [tabId(2), "Flights", "select * from flights", "lakehouse", "staging", 100],
      [tabId(1), "Query 1", "select 1", null, null, 1_000],
    ]);
    expect(other.limits).toEqual({ maxTabs: MAX_TABS, maxSqlBytes: 1_000_000 });

    // An edit from the second browser, from the revision it read, simply wins.
    const edit = await sync(alice, CHROME, { changes: [change(1, { baseRevision: 1, sql: "select 1 + 1" })], known: [{ id: tabId(2), revision: 1 }] });
    expect(edit.changes).toEqual([{ id: tabId(1), outcome: "saved", revision: 2 }]);
    expect(edit.tabs.every((t) => t.content === undefined)).toBe(true);
    // The first browser, still at revision 1 of that tab, gets the new text.
    const pull = await sync(alice, FIREFOX, {
      known: [
        { id: tabId(1), revision: 1 },
        { id: tabId(2), revision: 1 },
      ],
    });
    expect(pull.tabs).toEqual([
      { id: tabId(2), revision: 1, position: 0 },
      expect.objectContaining({ id: tabId(1), revision: 2, content: expect.objectContaining({ sql: "select 1 + 1", updatedFrom: "Chrome on Linux" }) }),
    ]);
  });

  it.skipIf(skip)("two browsers saving one draft at once: the first write stays, the second's text becomes a copy tab right after it", async () => {
    await sync(alice, FIREFOX, { changes: [change(1), change(2)] });
    await sync(alice, CHROME, { changes: [change(1, { baseRevision: 1, sql: "select 'chrome'" })] });
    const late = await sync(alice, FIREFOX, {
      changes: [change(1, { baseRevision: 1, sql: "select 'firefox'" })],
      known: [
        { id: tabId(1), revision: 1 },
        { id: tabId(2), revision: 1 },
      ],
    });

    const [result] = late.changes;
    expect(result).toMatchObject({ id: tabId(1), outcome: "conflict", revision: 2, updatedFrom: "Chrome on Linux" });
    const copyId = result!.outcome === "conflict" ? result!.copyId : "";
    expect(result).toMatchObject({ copyTitle: expect.stringMatching(/^Query 1 \(copy from Firefox on Linux, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/) });
    const stored = await rows(alice);
    expect(stored.map((r) => [r.id, r.sql, r.revision])).toEqual([
      [tabId(1), "select 'chrome'", 2],
      [copyId, "select 'firefox'", 1],
      [tabId(2), "select 2", 1],
    ]);
    // A stale write of exactly what the server holds is no conflict: no second copy.
    const same = await sync(alice, FIREFOX, { changes: [change(1, { baseRevision: 1, sql: "select 'chrome'" })] });
    expect(same.changes).toEqual([{ id: tabId(1), outcome: "saved", revision: 2 }]);
    expect(await rows(alice)).toHaveLength(3);
    // The browser that lost gets the winner's text for its tab and the copy (content for both).
    expect(late.tabs.map((t) => [t.id, t.content?.sql])).toEqual([
      [tabId(1), "select 'chrome'"],
      [copyId, "select 'firefox'"],
      [tabId(2), undefined],
    ]);
  });

  it.skipIf(skip)("a page's retry of a write whose answer it lost is not a conflict", async () => {
    await sync(alice, FIREFOX, { changes: [change(1)] });
    await sync(alice, FIREFOX, { changes: [change(1, { baseRevision: 1, sql: "select 'a'" })] }); // answer lost
    const retry = await sync(alice, FIREFOX, { changes: [change(1, { baseRevision: 1, sql: "select 'ab'" })] });
    expect(retry.changes).toEqual([{ id: tabId(1), outcome: "saved", revision: 3 }]);
    const again = await sync(alice, FIREFOX, { changes: [change(1, { baseRevision: 3, sql: "select 'ab'" })] });
    expect(again.changes).toEqual([{ id: tabId(1), outcome: "saved", revision: 3 }]); // nothing changed: same revision
    expect((await rows(alice)).map((r) => r.sql)).toEqual(["select 'ab'"]);
  });

  it.skipIf(skip)("closes sync; a tab changed elsewhere after this browser read it stays open; an edit of a tab closed elsewhere becomes a copy", async () => {
    await sync(alice, FIREFOX, { changes: [change(1), change(2), change(3)] });
    const closed = await sync(alice, CHROME, { closes: [{ id: tabId(1), baseRevision: 1 }], order: [tabId(3), tabId(2)] });
    expect(closed.closes).toEqual([{ id: tabId(1), outcome: "closed" }]);
    expect(closed.tabs.map((t) => t.id)).toEqual([tabId(3), tabId(2)]);

    await sync(alice, CHROME, { changes: [change(2, { baseRevision: 1, sql: "select 'typed in chrome'" })] });
    const stale = await sync(alice, FIREFOX, { closes: [{ id: tabId(2), baseRevision: 1 }] });
    expect(stale.closes).toEqual([{ id: tabId(2), outcome: "kept", revision: 2, updatedFrom: "Chrome on Linux" }]);
    expect((await rows(alice)).map((r) => r.sql)).toEqual(["select 3", "select 'typed in chrome'"]);

    const orphan = await sync(alice, FIREFOX, { changes: [change(1, { baseRevision: 1, sql: "select 'still editing'" })] });
    expect(orphan.changes[0]).toMatchObject({ id: tabId(1), outcome: "conflict", revision: null });
    const after = await rows(alice);
    expect(after.map((r) => r.sql)).toEqual(["select 3", "select 'typed in chrome'", "select 'still editing'"]);
    expect(after.some((r) => r.id === tabId(1))).toBe(false);
  });

  it.skipIf(skip)("limits: the tab count and the SQL size are refused with a message, and nothing changes", async () => {
    await sync(alice, FIREFOX, { changes: Array.from({ length: MAX_TABS }, (_, i) => change(i + 1)) });
    const before = await rows(alice);
    const over = await sync(alice, FIREFOX, { changes: [change(MAX_TABS + 1)] });
    expect(over.changes).toEqual([
      {
        id: tabId(MAX_TABS + 1),
        outcome: "refused",
        message: `Your account keeps at most ${MAX_TABS} tabs; “Query ${MAX_TABS + 1}” stays in this browser only. Close tabs you no longer need.`,
      },
    ]);
    const big = await sync(alice, FIREFOX, { changes: [change(1, { baseRevision: 1, sql: "x".repeat(1_000_001) })] });
    expect(big.changes).toEqual([
      { id: tabId(1), outcome: "refused", message: "“Query 1” holds 1.0 MB of SQL; drafts up to 1 MB are kept on the server. It stays in this browser." },
    ]);
    expect(await rows(alice)).toEqual(before);
    expect(() => tabsSyncInput.parse({ writer: FIREFOX, changes: [change(1, { title: "   " })] })).toThrow(/is required/);
    expect(() => tabsSyncInput.parse({ writer: FIREFOX, changes: [{ ...change(1), id: "not-a-uuid" }] })).toThrow(/must be a tab id/);
  });

  it.skipIf(skip)("nobody reads or changes another user's tabs, admins included; nothing of theirs changes", async () => {
    await sync(alice, FIREFOX, { changes: [change(1, { sql: "select 'alice secret'" })] });
    const before = await rows(alice);

    for (const other of [bob, admin]) {
      expect((await listTabs({ ctx: ctx(other), input: undefined })).tabs).toEqual([]);
      // Writing, closing or reordering by Alice's tab id touches only the caller's own rows.
      const attempt = await sync(other, CHROME, {
        changes: [change(1, { baseRevision: 1, sql: "select 'overwritten'" })],
        closes: [{ id: tabId(1), baseRevision: 1 }],
        order: [tabId(1)],
        known: [{ id: tabId(1), revision: 0 + 1 }],
      });
      expect(attempt.tabs.map((t) => t.content?.sql)).not.toContain("select 'alice secret'");
      // Through tRPC as well.
      const viaTrpc = await createCaller(ctx(other)).sql.tabs.list();
      expect(viaTrpc.tabs.map((t) => t.content?.sql)).not.toContain("select 'alice secret'");
    }
    expect(await rows(alice)).toEqual(before);
    expect((await listTabs({ ctx: ctx(alice), input: undefined })).tabs.map((t) => t.content?.sql)).toEqual(["select 'alice secret'"]);
  });

  it("names a copy after the browser and the time, shortening long titles", () => {
    const at = new Date("2026-12-04T01:23:45Z");
    expect(copyTitleOf("Flights", "Firefox on Linux", at)).toBe("Flights (copy from Firefox on Linux, 2026-12-04 01:23 UTC)");
    const long = copyTitleOf("x".repeat(200), "Chrome on Windows", at);
    expect(long.length).toBe(120);
    expect(long).toMatch(/^x+… \(copy from Chrome on Windows, 2026-12-04 01:23 UTC\)$/);
  });
});
