// The adapter reads documents that real Trino coordinators sent (captured in
// /work/shared/trino/responses/, see protocol.md §7): legacy typeSignature members
// (typeArguments, literalArguments, LONG_LITERAL), the unknown member taskDownloadUris, a
// partialCancelUri, rootStage with subStages, stats without elapsedTimeMillis, a FAILED page
// with a 36-line Java stack, and the single-page FINISHED golden value. A tiny HTTP server replays
// them verbatim; only `nextUri` is re-pointed at the replay server, because the captures carry
// anonymised hosts ("https://coordinator/…", even "coordinator:8080/…").
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "../contract";
import { EngineQueryError } from "../query-engine";
import { createTrinoEngine } from "./trino-engine";

// Copies of shared/trino/responses (real coordinator documents), kept with the test so it does
// not depend on a folder outside the repository.
const CAPTURES = path.join(import.meta.dirname, "fixtures");
const capture = (name: string) => readFileSync(path.join(CAPTURES, name), "utf8");

const QUEUED = "trino-python-client__POST-v1-statement__QUEUED.json";
const RUNNING = "trino-python-client__GET-nextUri__RUNNING-with-columns-data.json";
const FAILED = "trino-python-client__GET-nextUri__FAILED-SYNTAX_ERROR.json";
const GOLDEN = "trino-TestQueryResults__golden-FINISHED.json";
// Composed from Trino's documented formats, not captured: see its `_about` member.
const PARAMETRIC = "composed__FINISHED-parametric-datetime-and-rows.json";

/** Serves `chain[0]` for the POST and `chain[i]` for GET /replay/{i}, re-pointing nextUri. */
function replayServer() {
  let chain: string[] = [];
  const requests: { method: string; url: string; user: string | undefined; capabilities: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? "",
      url: req.url ?? "",
      user: req.headers["x-trino-user"] as string | undefined,
      capabilities: req.headers["x-trino-client-capabilities"] as string | undefined,
    });
    req.resume();
    req.on("end", () => {
      if (req.method === "DELETE") {
        res.writeHead(204).end();
        return;
      }
      const index = req.method === "POST" && req.url === "/v1/statement" ? 0 : Number(/^\/replay\/(\d+)$/.exec(req.url ?? "")?.[1] ?? -1);
      const text = chain[index];
      if (text === undefined) {
        res.writeHead(404).end();
        return;
      }
      const doc = JSON.parse(text) as { nextUri?: string };
      if (doc.nextUri !== undefined) doc.nextUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/replay/${index + 1}`;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
    });
  });
  return {
    server,
    requests,
    play(...names: string[]) {
      chain = names.map(capture);
      requests.length = 0;
    },
  };
}

describe("Trino adapter reading real coordinator documents", () => {
  const replay = replayServer();
  const engine = () => createTrinoEngine({ url: `http://127.0.0.1:${(replay.server.address() as AddressInfo).port}` });
  const run = () => engine().execute({ sql: "SELECT * FROM system.runtime.nodes", limit: null, user: "alice" });

  beforeAll(() => new Promise<void>((resolve) => replay.server.listen(0, "127.0.0.1", resolve)));
  afterAll(() => new Promise<void>((resolve) => replay.server.close(() => resolve())));

  it("reads Trino 360 pages: QUEUED reply, then columns with legacy type signatures and rows, then a FAILED page", async () => {
    replay.play(QUEUED, RUNNING, FAILED);
    const seen: string[] = [];
    let error: unknown;
    const result = await collect(run(), (e) => seen.push(e.type)).catch((err: unknown) => {
      error = err;
      return null;
    });
    expect(result).toBeNull();
    expect(seen.slice(0, 5)).toEqual(["started", "progress", "progress", "columns", "rows"]);

    expect(error).toBeInstanceOf(EngineQueryError);
    const err = error as EngineQueryError;
    expect(err.kind).toBe("user");
    expect(err.message).toBe("line 1:15: Schema must be specified when session schema is not set");
    expect(err.details).toMatchObject({ line: 1, column: 15, errorName: "SYNTAX_ERROR", queryId: "20210817_140827_00000_arvdv" });
    // The FAILED page has no nextUri: the query is over, so nothing is cancelled.
    expect(replay.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
    expect(replay.requests.every((r) => r.user === "alice")).toBe(true);
  });

  it("passes on the columns and rows of a real RUNNING page", async () => {
    replay.play(QUEUED, RUNNING, FAILED);
    const events: import("../query-engine").QueryEvent[] = [];
    await collect(run(), (e) => events.push(e)).catch(() => null);
    const columns = events.find((e) => e.type === "columns");
    expect(columns).toEqual({
      type: "columns",
      columns: [
        { name: "node_id", type: "varchar" },
        { name: "http_uri", type: "varchar" },
        { name: "node_version", type: "varchar" },
        { name: "coordinator", type: "boolean" },
        { name: "state", type: "varchar" },
      ],
    });
    const rows = events.flatMap((e) => (e.type === "rows" ? e.rows : []));
    expect(rows).toEqual([
      ["UUID-0", "http://worker0:8080", "0.157", false, "active"],
      ["UUID-1", "http://worker1:8080", "0.157", false, "active"],
      ["UUID-2", "http://worker2:8080", "0.157", false, "active"],
    ]);
    const progress = events.flatMap((e) => (e.type === "progress" ? [e.progress] : []));
    expect(progress[0]).toMatchObject({ state: "QUEUED", percent: null, processedRows: 0 });
    // RUNNING without progressPercentage (Trino 360 did not send it): no made-up percentage.
    expect(progress[1]).toMatchObject({ state: "RUNNING", percent: null, processedRows: 8, processedBytes: 880 });
  });

  it("reads the official golden value: a single FINISHED page that already holds the data", async () => {
    replay.play(GOLDEN);
    const result = await collect(run());
    expect(result.queryId).toBe("20160128_214710_00012_rk68b");
    expect(result.columns).toEqual([{ name: "_col0", type: "bigint" }]);
    expect(result.rows).toEqual([[123]]);
    expect(result.finished).toMatchObject({ rowCount: 1, truncated: false, updateCount: null, elapsedMs: 0 });
    const progress = result.events.flatMap((e) => (e.type === "progress" ? [e.progress] : []));
    expect(progress).toEqual([{ state: "FINISHED", processedRows: 0, processedBytes: 0, percent: 100, elapsedMs: 0 }]);
    expect(replay.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("declares PARAMETRIC_DATETIME and keeps timestamp(6)/(9), with-time-zone and time values to the last digit", async () => {
    replay.play(PARAMETRIC);
    const result = await collect(run());
    expect(replay.requests.map((r) => [r.method, r.capabilities])).toEqual([["POST", "PARAMETRIC_DATETIME"]]);
    expect(result.columns.slice(0, 6)).toEqual([
      { name: "ts6", type: "timestamp(6)" },
      { name: "ts9", type: "timestamp(9)" },
      { name: "ts3tz", type: "timestamp(3) with time zone" },
      { name: "ts6tz", type: "timestamp(6) with time zone" },
      { name: "t6", type: "time(6)" },
      { name: "t3tz", type: "time(3) with time zone" },
    ]);
    expect(result.rows[0]!.slice(0, 6)).toEqual([
      "2026-12-03 10:15:30.123456",
      "2026-12-03 10:15:30.123456789",
      "2026-12-03 10:15:30.123 Europe/Warsaw",
      "2026-12-03 09:15:30.123456 UTC",
      "10:15:30.123456",
      "10:15:30.123+01:00",
    ]);
    expect(result.rows[1]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
  });

  it("names ROW fields from the column's type signature: nested rows, arrays of rows, unnamed fields", async () => {
    replay.play(PARAMETRIC);
    const result = await collect(run());
    expect(result.columns.slice(6).map((c) => c.type)).toEqual([
      "row(name varchar, born timestamp(6), address row(city varchar, zip integer))",
      "array(row(x double, y double))",
      "row(integer, varchar)",
    ]);
    expect(result.rows.map((r) => r.slice(6))).toEqual([
      [
        { name: "Ada", born: "1815-12-10 00:00:00.000000", address: { city: "London", zip: 10001 } },
        [
          { x: 1.5, y: -2.25 },
          { x: 0, y: 3 },
        ],
        { field0: 7, field1: "seven" },
      ],
      [{ name: "Grace", born: null, address: null }, [], null],
    ]);
  });
});
