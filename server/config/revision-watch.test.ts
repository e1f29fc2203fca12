// The revision watcher: one call per observed change (never overlapping), a failed apply retried,
// a failing read survived, and stop() ending the polls. The revision source here is a counter in
// memory; server/connections/live.test.ts watches the real connections_revision row on PGlite and
// PostgreSQL through two separate database clients.
import { afterEach, describe, expect, it } from "vitest";
import { watchRevision, type RevisionWatch } from "./revision-watch";

type Call = { revision: bigint; initial: boolean; previous: bigint | null };

function source() {
  const state = { revision: 0n as bigint, failing: false, reads: 0 };
  return {
    state,
    read: () => {
      state.reads++;
      return state.failing ? Promise.reject(new Error("Connection terminated unexpectedly")) : Promise.resolve(state.revision);
    },
  };
}

let watch: RevisionWatch | undefined;
afterEach(async () => {
  await watch?.stop();
  watch = undefined;
});

describe("watchRevision", () => {
  it("calls back once initially and once per change, with the newest revision", async () => {
    const src = source();
    const calls: Call[] = [];
    // A long interval: every poll in this test is asked for by check().
    watch = watchRevision({ name: "test", read: src.read, intervalMs: 60_000, onChange: (revision, c) => void calls.push({ revision, ...c }) });
    await watch.ready;
    expect(calls).toEqual([{ revision: 0n, initial: true, previous: null }]);
    await watch.check();
    expect(calls).toHaveLength(1); // unchanged: no call
    src.state.revision = 3n; // three bumps between two polls
    await watch.check();
    expect(calls.at(-1)).toEqual({ revision: 3n, initial: false, previous: 0n });
    expect(watch.revision()).toBe(3n);
  });

  it("treats a missing row as revision 0", async () => {
    const calls: bigint[] = [];
    watch = watchRevision({ name: "test", read: () => Promise.resolve(null), intervalMs: 60_000, onChange: (r) => void calls.push(r) });
    await watch.ready;
    expect(calls).toEqual([0n]);
  });

  it("retries a revision whose onChange failed, at the next poll", async () => {
    const src = source();
    let fail = true;
    const applied: bigint[] = [];
    watch = watchRevision({
      name: "test",
      read: src.read,
      intervalMs: 60_000,
      onChange: (revision) => {
        if (fail) throw new Error("could not build");
        applied.push(revision);
      },
    });
    await watch.ready;
    expect(watch.revision()).toBeNull();
    fail = false;
    await watch.check();
    expect(applied).toEqual([0n]);
    expect(watch.revision()).toBe(0n);
  });

  it("keeps polling through a database blip and applies what changed meanwhile", async () => {
    const src = source();
    const applied: bigint[] = [];
    watch = watchRevision({ name: "test", read: src.read, intervalMs: 60_000, onChange: (r) => void applied.push(r) });
    await watch.ready;
    src.state.failing = true;
    await watch.check();
    await watch.check();
    src.state.revision = 5n;
    src.state.failing = false;
    await watch.check();
    expect(applied).toEqual([0n, 5n]);
  });

  it("polls by itself at the interval, never runs two callbacks at once, and stops", async () => {
    const src = source();
    let active = 0;
    let overlapped = false;
    const seen: bigint[] = [];
    let reached: ((r: bigint) => void) | undefined;
    watch = watchRevision({
      name: "test",
      read: src.read,
      intervalMs: 5,
      onChange: async (revision) => {
        active++;
        if (active > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 20)); // slower than the interval
        seen.push(revision);
        active--;
        reached?.(revision);
      },
    });
    await watch.ready;
    const got = new Promise<bigint>((resolve) => (reached = resolve));
    src.state.revision = 1n;
    void watch.check(); // a check() during timer polls must not overlap them either
    expect(await got).toBe(1n); // the change arrives without anyone asking again
    expect(overlapped).toBe(false);
    await watch.stop();
    const reads = src.state.reads;
    src.state.revision = 2n;
    await new Promise((r) => setTimeout(r, 30));
    expect(src.state.reads).toBe(reads);
    expect(seen).not.toContain(2n);
  });
});
