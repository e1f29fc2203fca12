// The alert schedule follows alerts.evaluateSeconds live: with fake timers, a changed interval
// replaces the timer (a long one no longer holds the next tick back), 0 stops it and a value
// above 0 starts it again; on real databases, an interval saved through one replica's Admin ›
// Settings makes both replicas' schedulers tick at the new pace, without a restart.
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import { createPrismaClient, type Db } from "../db/client";
import type { SettingsSnapshot } from "../settings/snapshot-slot";
import { setSettingsSnapshot, startSettingsSnapshot } from "../settings/snapshot";
import { updateSetting } from "../settings/settings";
import { startAlerts } from "./scheduler";

/** A settings snapshot whose stored alerts.evaluateSeconds the test sets, announcing each change. */
function fakeSettings(initial: number) {
  let value = initial;
  const listeners = new Set<(revision: bigint) => void>();
  const snapshot: SettingsSnapshot = {
    ready: Promise.resolve(),
    refresh: async () => {},
    stored: (key) => (key === "alerts.evaluateSeconds" ? { value, version: 1, updatedAt: new Date(), updatedBy: null } : undefined),
    revision: () => 1n,
    onChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    stop: async () => {},
  };
  return {
    snapshot,
    set(seconds: number) {
      value = seconds;
      for (const l of listeners) l(2n);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

it("replaces the timer when the interval changes; 0 stops it, a value above 0 starts it again", async () => {
  vi.useFakeTimers();
  const settings = fakeSettings(3_600);
  const leases: number[] = [];
  const schedule = startAlerts({ settings: settings.snapshot, client: () => ({}) as Db, tick: async (_db, _holder, leaseMs) => void leases.push(leaseMs) });
  await vi.advanceTimersByTimeAsync(60_000);
  expect(leases).toEqual([]);

  settings.set(5);
  expect(schedule.seconds()).toBe(5);
  await vi.advanceTimersByTimeAsync(15_000);
  expect(leases).toEqual([15_000, 15_000, 15_000]); // every 5 s, lease of three ticks

  settings.set(0);
  await vi.advanceTimersByTimeAsync(120_000);
  expect(leases).toHaveLength(3);

  settings.set(10);
  await vi.advanceTimersByTimeAsync(20_000);
  expect(leases).toEqual([15_000, 15_000, 15_000, 30_000, 30_000]);
  await schedule.stop();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(leases).toHaveLength(5);
});

it("a fixed interval (tests, tools) ignores the settings", async () => {
  vi.useFakeTimers();
  const settings = fakeSettings(1);
  let ticks = 0;
  const schedule = startAlerts({ seconds: 100, settings: settings.snapshot, client: () => ({}) as Db, tick: async () => void ticks++ });
  settings.set(1);
  await vi.advanceTimersByTimeAsync(99_000);
  expect(ticks).toBe(0);
  await schedule.stop();
});

await describeOnDatabases("the alert interval saved on one replica applies on both ($kind)", ({ kind, skip }) => {
  let database: TestDatabase;
  let second: Db;
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    second = createPrismaClient(database.url, 1, { connectionWaitMs: 60_000 });
  }, 60_000);
  afterAll(async () => {
    await second?.$disconnect();
    await database?.close();
  });

  it.skipIf(skip)("both schedulers tick at the new interval, without a restart", { timeout: 60_000 }, async () => {
    const admin = await createTestUser(database.db, "admin@example.com", "admin");
    const ctx = { user: admin, ip: null, db: database.db };
    await updateSetting({ ctx, input: { key: "alerts.evaluateSeconds", value: 3_600, version: 0 } });
    const a = startSettingsSnapshot({ db: database.db, intervalMs: 50 });
    const b = startSettingsSnapshot({ db: second, intervalMs: 50 });
    await Promise.all([a.ready, b.ready]);
    setSettingsSnapshot(a); // replica A saves: it re-reads at once
    const ticks = { a: 0, b: 0 };
    const onA = startAlerts({ settings: a, client: () => database.db, tick: async () => void ticks.a++ });
    const onB = startAlerts({ settings: b, client: () => second, tick: async () => void ticks.b++ });
    try {
      expect([onA.seconds(), onB.seconds()]).toEqual([3_600, 3_600]);
      await updateSetting({ ctx, input: { key: "alerts.evaluateSeconds", value: 1, version: 1 } });
      // Within seconds, with no tick possible at the old interval of an hour.
      await vi.waitFor(() => expect([onA.seconds(), onB.seconds()]).toEqual([1, 1]), { timeout: 20_000, interval: 20 });
      await vi.waitFor(() => expect(Math.min(ticks.a, ticks.b)).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 50 });
    } finally {
      setSettingsSnapshot(undefined);
      await Promise.all([onA.stop(), onB.stop(), a.stop(), b.stop()]);
    }
  });
});
