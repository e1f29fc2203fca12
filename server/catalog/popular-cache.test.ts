// The popular list's cache: computed on the first request, then served from memory; an old answer
// is served once more while one refresh runs, one too old is not served at all, and a failed
// refresh keeps the previous answer.
import { describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { staleWhileRevalidate } from "./popular-cache";

describe("staleWhileRevalidate", () => {
  const client = {} as Db; // never used by the compute functions below: only the cache's key
  const other = {} as Db;

  it("serves a fresh answer from memory, an old one while one refresh runs, then the refreshed one", async () => {
    let now = 0;
    let version = 0;
    let release: () => void = () => {};
    let gate: Promise<void> = Promise.resolve();
    const compute = vi.fn(async () => {
      await gate;
      return ++version;
    });
    const read = staleWhileRevalidate(compute, 1_000, 10_000, () => now);

    expect(await read(client)).toBe(1);
    now = 999;
    expect(await read(client)).toBe(1);
    expect(compute).toHaveBeenCalledTimes(1);

    now = 1_000;
    gate = new Promise((resolve) => (release = resolve));
    expect(await read(client)).toBe(1); // old: served at once, one refresh started
    expect(await read(client)).toBe(1); // still refreshing: served, and no second refresh
    expect(compute).toHaveBeenCalledTimes(2);
    release();
    await vi.waitFor(async () => expect(await read(client)).toBe(2));
    expect(compute).toHaveBeenCalledTimes(2); // fresh again: from memory

    // Another database has its own answer.
    gate = Promise.resolve();
    expect(await read(other)).toBe(3);

    // Too old to show (an idle process): the request waits for a fresh answer.
    now = 1_000 + 10_000 + 50;
    expect(await read(client)).toBe(4);
    // A caller that knows better asks for a fresh one.
    expect(await read(client, { fresh: true })).toBe(5);
    expect(await read(client)).toBe(5);
  });

  it("keeps the previous answer when a refresh fails, and tries again later", async () => {
    let now = 0;
    let fail = false;
    const compute = vi.fn(async () => {
      if (fail) throw new Error("database gone");
      return "list";
    });
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => logger);
    try {
      const read = staleWhileRevalidate(compute, 1_000, 10_000, () => now);
      expect(await read(client)).toBe("list");
      fail = true;
      now = 5_000;
      expect(await read(client)).toBe("list");
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.anything(), "could not refresh the popular datasets (the previous list is shown)"));
      fail = false;
      expect(await read(client)).toBe("list");
      await vi.waitFor(() => expect(compute).toHaveBeenCalledTimes(3));
    } finally {
      warn.mockRestore();
    }
  });
});
