import { describe, expect, it, vi } from "vitest";
import { assemblePage, Encoding } from "@/lib/sql/column-page";
import { eventFrame, frameHeader, FRAME_PAGE, FRAMES_CONTENT_TYPE } from "@/lib/sql/frames";
import { QueryRun, type QueryRunDeps } from "./query-run";
import type { ExecuteBody } from "./types";

const request: ExecuteBody = { engineId: "duckdb", sql: "select 1", catalog: null, schema: null, limit: 1000 };

function ndjsonResponse(lines: unknown[], init: { chunkSize?: number; hold?: Promise<void> } = {}): Response {
  const text = lines.map((l) => JSON.stringify(l) + "\n").join("");
  const bytes = new TextEncoder().encode(text);
  const size = init.chunkSize ?? bytes.length;
  let offset = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= bytes.length) {
          await init.hold;
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(offset, offset + size));
        offset += size;
      },
    }),
    { status: 200, headers: { "content-type": "application/x-ndjson" } },
  );
}

function deps(response: Response | (() => Promise<Response>), overrides: Partial<QueryRunDeps> = {}): QueryRunDeps {
  let clock = 0;
  return {
    fetch: vi.fn(async () => (typeof response === "function" ? response() : response)) as unknown as typeof fetch,
    cancelOnServer: vi.fn(async () => ({ cancelled: true })),
    scheduleFrame: (cb) => queueMicrotask(cb),
    yieldToBrowser: () => Promise.resolve(),
    now: () => (clock += 1),
    ...overrides,
  };
}

const page = (from: number, size: number) => ({ type: "rows", rows: Array.from({ length: size }, (_, i) => [from + i]) });

/** A BIGINT column page of the numbers from..from+size-1, some null. */
function int64Page(from: number, size: number): Uint8Array {
  const values = BigInt64Array.from({ length: size }, (_, i) => BigInt(from + i));
  const validity = new Uint8Array(Math.ceil(size / 8)).fill(0xff);
  validity[0] = 0xfe; // the page's first value is null
  return assemblePage(size, [{ encoding: Encoding.INT64, validity, data: new Uint8Array(values.buffer) }]);
}

/** A frames response (lib/sql/frames.ts) cut into chunks of `chunkSize` bytes, frames split across them. */
function framesResponse(parts: Uint8Array[], chunkSize: number): Response {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  let offset = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + chunkSize));
        offset += chunkSize;
      },
    }),
    { status: 200, headers: { "content-type": FRAMES_CONTENT_TYPE } },
  );
}

describe("QueryRun", () => {
  it("asks for frames and keeps their column pages, decoding a row only when it is read", async () => {
    const first = int64Page(0, 2_048);
    const second = int64Page(2_048, 5);
    const response = framesResponse(
      [
        eventFrame({ type: "run", runId: "r1", statementKind: "read", verb: "SELECT" }),
        eventFrame({ type: "columns", columns: [{ name: "n", type: "BIGINT" }] }),
        frameHeader(FRAME_PAGE, first.byteLength),
        first,
        eventFrame({ type: "rows", rows: [[9_007_199_254_740_993n.toString()]] }),
        frameHeader(FRAME_PAGE, second.byteLength),
        second,
        eventFrame({ type: "finished", rowCount: 2_054, truncated: false, updateCount: null, elapsedMs: 9 }),
      ],
      1_000,
    );
    const d = deps(response);
    const run = new QueryRun(request, d);
    await run.start();
    const init = (d.fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0]![1];
    expect((init.headers as Record<string, string>).accept).toContain(FRAMES_CONTENT_TYPE);
    const s = run.getSnapshot();
    expect(s.status).toBe("succeeded");
    expect(s.rowCount).toBe(2_054);
    expect([s.rows.get(0), s.rows.get(1), s.rows.get(2_047)]).toEqual([[null], [1], [2_047]]);
    expect(s.rows.get(2_048)).toEqual(["9007199254740993"]);
    expect([s.rows.get(2_049), s.rows.get(2_053)]).toEqual([[null], [2_052]]);
  });

  it("says the stream is damaged when it ends inside a frame", async () => {
    const page = int64Page(0, 100);
    const run = new QueryRun(request, deps(framesResponse([frameHeader(FRAME_PAGE, page.byteLength), page.subarray(0, 50)], 64)));
    await run.start();
    expect(run.getSnapshot().status).toBe("failed");
    expect(run.getSnapshot().error?.message).toMatch(/ends inside a frame/);
  });

  it("streams columns and row pages into the store and ends with the totals", async () => {
    const events = [
      { type: "run", runId: "r1", statementKind: "read", verb: "SELECT" },
      { type: "started", queryId: "q" },
      { type: "columns", columns: [{ name: "n", type: "BIGINT" }] },
      page(0, 3),
      { type: "progress", progress: { state: "RUNNING", processedRows: 3, processedBytes: 0, percent: 40, elapsedMs: 5 } },
      page(3, 2),
      { type: "finished", rowCount: 5, truncated: true, updateCount: null, elapsedMs: 9 },
    ];
    const run = new QueryRun(request, deps(ndjsonResponse(events, { chunkSize: 17 })));
    await run.start();
    const s = run.getSnapshot();
    expect(s.status).toBe("succeeded");
    expect(s.columns).toEqual([{ name: "n", type: "BIGINT" }]);
    expect(s.rowCount).toBe(5);
    expect(s.rows.get(4)).toEqual([4]);
    expect(s.truncated).toBe(true);
    expect(s.progress?.percent).toBe(40);
    expect([s.runId, s.verb]).toEqual(["r1", "SELECT"]);
  });

  it("publishes at most once per frame while pages arrive", async () => {
    const frames: (() => void)[] = [];
    const lines = [{ type: "columns", columns: [{ name: "n", type: "INTEGER" }] }, ...Array.from({ length: 50 }, (_, p) => page(p * 10, 10))];
    const run = new QueryRun(request, deps(ndjsonResponse(lines, { hold: new Promise(() => undefined) }), { scheduleFrame: (cb) => void frames.push(cb) }));
    const listener = vi.fn();
    run.subscribe(listener);
    void run.start();
    await vi.waitFor(() => expect(run.getSnapshot().rows.length).toBe(500));
    expect(frames).toHaveLength(1); // one frame requested for 51 events
    expect(listener).not.toHaveBeenCalled();
    frames[0]!();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(run.getSnapshot().rowCount).toBe(500);
    run.cancel();
  });

  it("reports the engine's error with its position", async () => {
    const run = new QueryRun(
      request,
      deps(
        ndjsonResponse([
          { type: "run", runId: "r", statementKind: "other", verb: "INVALID" },
          { type: "error", kind: "user", message: 'syntax error at or near "FORM"', line: 2, column: 3 },
        ]),
      ),
    );
    await run.start();
    expect(run.getSnapshot()).toMatchObject({ status: "failed", error: { kind: "user", line: 2, column: 3 } });
  });

  it("turns HTTP refusals into messages, and 412 into a pending confirmation", async () => {
    const refused = new QueryRun(request, deps(Response.json({ error: "Viewers may run read-only statements only" }, { status: 403 })));
    await refused.start();
    expect(refused.getSnapshot()).toMatchObject({ status: "refused", error: { kind: "http", httpStatus: 403, message: "Viewers may run read-only statements only" } });

    const confirm = new QueryRun(request, deps(Response.json({ error: "Please confirm: DROP TABLE removes the table." }, { status: 412 })));
    await confirm.start();
    expect(confirm.getSnapshot()).toMatchObject({ status: "needs-confirmation", error: { httpStatus: 412, message: "Please confirm: DROP TABLE removes the table." } });
  });

  it("cancel calls sql.cancel with the run id and aborts the request", async () => {
    let signal: AbortSignal | undefined;
    const d = deps(async () => ndjsonResponse([{ type: "run", runId: "run-7", statementKind: "read", verb: "SELECT" }], { hold: new Promise(() => undefined) }));
    d.fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return ndjsonResponse([{ type: "run", runId: "run-7", statementKind: "read", verb: "SELECT" }], { hold: new Promise(() => undefined) });
    }) as unknown as typeof fetch;
    const run = new QueryRun(request, d);
    void run.start();
    await vi.waitFor(() => expect(run.getSnapshot().runId).toBe("run-7"));
    run.cancel();
    expect(d.cancelOnServer).toHaveBeenCalledWith("run-7");
    expect(signal?.aborted).toBe(true);
    expect(run.getSnapshot().status).toBe("cancelled");
  });

  it("notes until when the server keeps the result", async () => {
    const events = [
      { type: "run", runId: "r2", statementKind: "read", verb: "SELECT" },
      { type: "columns", columns: [{ name: "n", type: "BIGINT" }] },
      page(0, 2),
      { type: "stored", bytes: 40, expiresAt: "2026-11-23T10:00:00.000Z" },
      { type: "finished", rowCount: 2, truncated: false, updateCount: null, elapsedMs: 3 },
    ];
    const run = new QueryRun(request, deps(ndjsonResponse(events)));
    await run.start();
    expect(run.getSnapshot()).toMatchObject({ status: "succeeded", keptUntil: "2026-11-23T10:00:00.000Z", reopened: false });
  });

  it("re-opens a kept result with a GET of the run's result, and never cancels it on the server", async () => {
    const events = [
      { type: "run", runId: "r3", statementKind: "read", verb: "SELECT" },
      { type: "columns", columns: [{ name: "n", type: "BIGINT" }] },
      page(0, 3),
      { type: "stored", bytes: 40, expiresAt: "2026-11-23T10:00:00.000Z" },
      { type: "finished", rowCount: 3, truncated: false, updateCount: null, elapsedMs: 3 },
    ];
    const d = deps(ndjsonResponse(events));
    const run = new QueryRun(request, d, "r3");
    await run.start();
    expect(d.fetch).toHaveBeenCalledWith("/api/sql/runs/r3/result", expect.objectContaining({ headers: { accept: expect.stringContaining(FRAMES_CONTENT_TYPE) } }));
    expect(run.getSnapshot()).toMatchObject({ status: "succeeded", reopened: true, rowCount: 3 });

    const gone = new QueryRun(request, deps(Response.json({ error: "The result of this run is no longer kept. Run the query again to see it." }, { status: 404 })), "r4");
    await gone.start();
    expect(gone.getSnapshot()).toMatchObject({
      status: "refused",
      error: { httpStatus: 404, message: "The result of this run is no longer kept. Run the query again to see it." },
    });
    expect(gone.getSnapshot().error?.kind).toBe("expired"); // shown as information, not as a failure

    const slow = deps(ndjsonResponse([{ type: "run", runId: "r5", statementKind: "read", verb: "SELECT" }], { hold: new Promise(() => undefined) }));
    const reopening = new QueryRun(request, slow, "r5");
    void reopening.start();
    await vi.waitFor(() => expect(reopening.getSnapshot().runId).toBe("r5"));
    reopening.cancel();
    expect(slow.cancelOnServer).not.toHaveBeenCalled();
  });

  it("says so when the stream ends without a result", async () => {
    const run = new QueryRun(request, deps(ndjsonResponse([{ type: "run", runId: "r", statementKind: "read", verb: "SELECT" }])));
    await run.start();
    expect(run.getSnapshot()).toMatchObject({ status: "failed", error: { kind: "network" } });
  });
});
